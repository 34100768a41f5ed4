import { useEffect, useState } from 'react';
import { ACTION_LABEL, MEANINGS, ROLES, ROLE_LABEL, SIGNABLE_ACTIONS, type Role, type SignaturePolicy } from '../../core';
import { useClient } from '../shell/context';

const label = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/**
 * Which actions need an electronic signature, with what meaning, and which take a second person of which roles: an
 * administrator's setting, itself signed (the dialog asks) and recorded with before and after.
 */
export function SignaturePolicyPanel() {
  const client = useClient();
  const [policy, setPolicy] = useState<SignaturePolicy | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  useEffect(() => {
    let alive = true;
    void client.call('getSignaturePolicy', {}).then((r) => alive && r.ok && setPolicy(r.value));
    return () => {
      alive = false;
    };
  }, [client]);
  if (!policy) return null;
  const set = (action: (typeof SIGNABLE_ACTIONS)[number], change: Partial<SignaturePolicy[typeof action]>) =>
    setPolicy({ ...policy, [action]: { ...policy[action], ...change } });
  const save = async () => {
    setMessage(null);
    const r = await client.call('setSignaturePolicy', policy);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setPolicy(r.value);
    setMessage({ kind: 'info', text: 'Signature policy saved and recorded.' });
  };
  return (
    <section className="panel" aria-labelledby="signature-policy-title" data-testid="signature-policy">
      <h2 id="signature-policy-title">Electronic signatures</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Signed</th>
            <th scope="col">Meaning</th>
            <th scope="col">Second person (roles)</th>
          </tr>
        </thead>
        <tbody>
          {SIGNABLE_ACTIONS.map((a) => {
            const rule = policy[a];
            return (
              <tr key={a} data-testid={`signature-rule-${a}`}>
                <td>{ACTION_LABEL[a]}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${ACTION_LABEL[a]} is signed`}
                    checked={rule.required}
                    disabled={a === 'signature.policy'}
                    onChange={(e) => set(a, { required: e.target.checked })}
                  />
                </td>
                <td>
                  <select aria-label={`${ACTION_LABEL[a]}: meaning`} value={rule.meaning} onChange={(e) => set(a, { meaning: e.target.value as typeof rule.meaning })}>
                    {MEANINGS.map((m) => (
                      <option key={m} value={m}>
                        {label(m)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <label>
                    <input
                      type="checkbox"
                      aria-label={`${ACTION_LABEL[a]}: a second person signs`}
                      checked={rule.second !== null}
                      onChange={(e) => set(a, { second: e.target.checked ? { meaning: 'approved', roles: ['supervisor'] } : null })}
                    />{' '}
                    two-person
                  </label>{' '}
                  {rule.second &&
                    ROLES.filter((r) => r !== 'auditor').map((r: Role) => (
                      <label key={r} className="muted">
                        <input
                          type="checkbox"
                          checked={rule.second?.roles.includes(r) ?? false}
                          onChange={(e) =>
                            rule.second &&
                            set(a, { second: { ...rule.second, roles: e.target.checked ? [...rule.second.roles, r] : rule.second.roles.filter((x) => x !== r) } })
                          }
                        />{' '}
                        {ROLE_LABEL[r]}{' '}
                      </label>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message && (
        <p className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <button type="button" className="button button-primary" data-testid="signature-policy-save" onClick={() => void save()}>
        Save (signed)
      </button>
    </section>
  );
}
