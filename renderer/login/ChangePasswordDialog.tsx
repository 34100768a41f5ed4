import { useEffect, useRef, useState } from 'react';
import { ChangePasswordForm } from './ChangePasswordForm';

/** "Change password" from the header, for every user: a modal; Escape closes it. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="change-password-title" data-testid="change-password-dialog" onCancel={onClose}>
      <h2 id="change-password-title">Change your password</h2>
      {done ? (
        <>
          <p className="message message-info" role="status" data-testid="password-changed">
            Your password is changed. Your other sessions were signed out.
          </p>
          <div className="dialog-buttons">
            <button type="button" className="button button-primary" autoFocus onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <ChangePasswordForm submitLabel="Change password" onChanged={() => setDone(true)} onCancel={onClose} />
      )}
    </dialog>
  );
}
