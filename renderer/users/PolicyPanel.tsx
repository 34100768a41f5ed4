import { useEffect, useState } from 'react';
import { ROLES, ROLE_LABEL, type AccountPolicy } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';

type Draft = Record<string, string>;

const toDraft = (p: AccountPolicy): Draft => ({
  minLength: String(p.password.minLength),
  history: String(p.password.history),
  threshold: String(p.lockout.threshold),
  windowMinutes: String(p.lockout.windowMinutes),
  durationMinutes: String(p.lockout.durationMinutes),
  ...Object.fromEntries(ROLES.map((r) => [`idle-${r}`, String(p.idleMinutes[r])])),
});

const fromDraft = (d: Draft): AccountPolicy => {
  const n = (k: string) => Number(d[k] ?? '');
  return {
    password: { minLength: n('minLength'), history: n('history') },
    lockout: { threshold: n('threshold'), windowMinutes: n('windowMinutes'), durationMinutes: n('durationMinutes') },
    idleMinutes: Object.fromEntries(ROLES.map((r) => [r, n(`idle-${r}`)])) as AccountPolicy['idleMinutes'],
  };
};

/** The account policy: passwords, lockout, idle timeouts per role. The station checks the ranges and records each change. */
export function PolicyPanel() {
  const client = useClient();
  const policy = useLiveQuery('getAccountPolicy', {}, []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<ActionResult>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (policy.data && !draft) setDraft(toDraft(policy.data));
  }, [policy.data, draft]);
  if (!draft) return <p className="muted">{policy.error ? `The policy cannot be read: ${policy.error.message}` : 'Reading the policy…'}</p>;

  const field = (key: string, label: string) => (
    <label className="field" key={key}>
      <span>{label}</span>
      <input data-testid={`policy-${key}`} type="number" inputMode="numeric" min={0} value={draft[key] ?? ''} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </label>
  );
  const save = async () => {
    setBusy(true);
    const r = await client.call('setAccountPolicy', fromDraft(draft));
    setBusy(false);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setDraft(toDraft(r.value));
    setMessage({ kind: 'info', text: 'Policy saved. New passwords and sign-ins follow it from now on; passwords set before keep working.' });
  };

  return (
    <section className="panel" aria-labelledby="policy-title">
      <h2 id="policy-title">Password and session policy</h2>
      <form
        className="policy-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>Passwords</legend>
          <div className="form-grid">
            {field('minLength', 'Minimum length (characters)')}
            {field('history', 'Not one of the last … passwords')}
          </div>
        </fieldset>
        <fieldset>
          <legend>Lockout after failed sign-ins</legend>
          <div className="form-grid">
            {field('threshold', 'Failures that lock an account')}
            {field('windowMinutes', '… within (minutes)')}
            {field('durationMinutes', 'Locked for (minutes)')}
          </div>
        </fieldset>
        <fieldset>
          <legend>A session ends after this many idle minutes (at the latest after 12 hours)</legend>
          <div className="form-grid">{ROLES.map((r) => field(`idle-${r}`, ROLE_LABEL[r]))}</div>
        </fieldset>
        <div className="dialog-buttons">
          <button type="submit" className="button button-primary" data-testid="policy-save" disabled={busy}>
            {busy ? 'Saving…' : 'Save policy'}
          </button>
          <button type="button" className="button" disabled={busy || !policy.data} onClick={() => policy.data && setDraft(toDraft(policy.data))}>
            Undo changes
          </button>
        </div>
        <ActionMessage message={message} testid="policy-message" />
      </form>
    </section>
  );
}
