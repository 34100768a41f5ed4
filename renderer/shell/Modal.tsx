import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

/** A modal form (native <dialog>): focus stays inside, Escape cancels, Enter submits. */
export function Modal({
  title,
  testid,
  onCancel,
  onSubmit,
  children,
}: {
  title: string;
  testid: string;
  onCancel: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${testid}-title`} data-testid={testid} onCancel={onCancel}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${testid}-title`}>{title}</h2>
        {children}
      </form>
    </dialog>
  );
}
