import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { allowedCommands, commandTarget, type PackMLCommand, type WorkCenterView } from '../../core';
import { useClient } from '../shell/context';

export interface CommandMenuProps {
  readonly wc: WorkCenterView;
  /** The button that opened the menu: where it is drawn, and where the focus goes back. */
  readonly trigger: Element;
  readonly onClose: () => void;
  readonly onResult: (result: { kind: 'info' | 'error'; text: string }) => void;
}

/**
 * PackML commands the work center accepts in its current state (core allowedCommands), then a confirm step:
 * a command moves a machine. ↑/↓ move, Enter chooses, Escape closes; the station checks role and state again.
 */
export function CommandMenu({ wc, trigger, onClose, onResult }: CommandMenuProps) {
  const client = useClient();
  const ref = useRef<HTMLDivElement>(null);
  const [confirm, setConfirm] = useState<PackMLCommand | null>(null);
  const [busy, setBusy] = useState(false);
  const state = wc.quality === 'good' && wc.state !== 'Unknown' ? wc.state : null;
  const known = state !== null;
  const commands = state ? allowedCommands(state) : [];
  const rect = trigger.getBoundingClientRect();

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, [confirm]);

  useEffect(() => {
    const outside = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node) && !trigger.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose, trigger]);

  const close = () => {
    onClose();
    (trigger as HTMLElement | SVGElement).focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') return (e.preventDefault(), confirm ? setConfirm(null) : close());
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('button') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };

  const send = async (command: PackMLCommand) => {
    setBusy(true);
    const result = await client.call('workCenterCommand', { workCenter: wc.id, command });
    setBusy(false);
    onResult(
      result.ok
        ? { kind: 'info', text: `${command} sent to ${wc.id}: ${result.value.from} → ${result.value.to}.` }
        : { kind: 'error', text: `${command} to ${wc.id}: ${result.error.message}` },
    );
    close();
  };

  return (
    <div
      ref={ref}
      className="command-menu"
      style={{ left: rect.left, top: rect.bottom + 4 }}
      data-testid={`wc-${wc.id}-command-menu`}
      onKeyDown={onKeyDown}
    >
      {confirm && state ? (
        <div role="dialog" aria-label={`Send ${confirm} to ${wc.id}`}>
          <p>
            Send <strong>{confirm}</strong> to {wc.id}? <br />
            {state} → {commandTarget(state, confirm)}
          </p>
          <div className="dialog-buttons">
            <button type="button" className="button button-primary" data-testid="wc-command-send" disabled={busy} onClick={() => void send(confirm)}>
              {busy ? 'Sending…' : `Send ${confirm}`}
            </button>
            <button type="button" className="button" onClick={() => setConfirm(null)}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <div role="menu" aria-label={`Commands for ${wc.id}`}>
          {commands.length === 0 ? (
            <p className="command-none">
              {known ? `No PackML command applies in ${wc.state}.` : 'No commands: the state of this machine is not known.'}
            </p>
          ) : (
            commands.map((c) => (
              <button key={c} type="button" role="menuitem" className="command-item" data-testid={`wc-command-${c}`} onClick={() => setConfirm(c)}>
                {c} <span className="muted">→ {state ? commandTarget(state, c) : ''}</span>
              </button>
            ))
          )}
          <button type="button" role="menuitem" className="command-item muted" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
