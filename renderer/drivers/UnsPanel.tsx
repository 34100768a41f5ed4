import { useEffect, useState, type FormEvent } from 'react';
import { PASSWORD_PLACEHOLDER, type UnsView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';

const STATUS_EVERY_MS = 2_000;

interface Draft {
  url: string;
  root: string;
  username: string;
  password: string;
}
const draftOf = (v: UnsView | null): Draft => ({ url: v?.settings?.url ?? '', root: v?.settings?.root ?? 'mes', username: v?.settings?.username ?? '', password: '' });

/**
 * The plant's Unified Namespace: the broker the station publishes its line to (states, counts and OEE retained; units,
 * stops' reasons and scrap as events, under <root>/<site>/<area>/<line>/<work center>), how the link stands, and for
 * engineers the settings (a blank password keeps the stored one for the same broker and user).
 */
export function UnsPanel({ canEdit }: { canEdit: boolean }) {
  const client = useClient();
  const view = useLiveQuery('getUns', {}, ['config']);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionResult>(null);
  // The link's state is not on the stream: re-read it while the panel is open.
  const reload = view.reload;
  useEffect(() => {
    const timer = setInterval(reload, STATUS_EVERY_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const shown = draft ?? draftOf(view.data ?? null);
  const status = view.data?.status;
  const fixed = status?.source === 'command line';
  const locked = !canEdit || fixed;
  const set = (patch: Partial<Draft>) => setDraft({ ...shown, ...patch });
  const save = async (settings: { url: string; root: string; username?: string; password?: string } | null) => {
    setBusy(true);
    const r = await client.call('saveUns', { settings });
    setBusy(false);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setDraft(null);
    setMessage({ kind: 'info', text: settings ? `Publishing to ${settings.url} under ${settings.root}.` : 'The line is no longer published.' });
    reload();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({
      url: shown.url.trim(),
      root: shown.root.trim(),
      ...(shown.username.trim() ? { username: shown.username.trim() } : {}),
      ...(shown.password ? { password: shown.password } : {}),
    });
  };

  return (
    <section className="panel uns-panel" aria-labelledby="uns-title" data-testid="uns-panel">
      <div className="panel-head">
        <h2 id="uns-title">Unified Namespace</h2>
        {status && (
          <span className="totals" data-testid="uns-status" data-source={status.source} data-connected={status.connected} data-backlog={status.backlog}>
            {status.source === 'off'
              ? 'Not published'
              : `${status.connected ? 'Connected to' : 'Connecting to'} ${status.url ?? ''} · root ${status.root ?? ''}${status.backlog > 0 ? ` · ${status.backlog.toLocaleString('en')} events waiting` : ' · up to date'}`}
            {fixed ? ' (set on the station\'s command line)' : ''}
            {status.message ? ` · ${status.message}` : ''}
          </span>
        )}
      </div>
      <p className="hint">
        The line published to the plant's MQTT broker under &lt;root&gt;/&lt;site&gt;/&lt;area&gt;/&lt;line&gt;/&lt;work center&gt;: state, counts and OEE as
        retained values; completed and scrapped units and stops' reasons as events, nothing lost while the broker is down.
      </p>
      {view.error && (
        <p className="message message-error" role="alert">
          {view.error.message}
        </p>
      )}
      <form className="uns-form" onSubmit={submit}>
        <label className="field">
          <span>Broker</span>
          <input data-testid="uns-url" value={shown.url} placeholder="mqtt://broker.plant.local:1883" onChange={(e) => set({ url: e.target.value })} disabled={locked} />
        </label>
        <label className="field">
          <span>Topic root (enterprise)</span>
          <input data-testid="uns-root" value={shown.root} onChange={(e) => set({ root: e.target.value })} disabled={locked} />
        </label>
        <label className="field">
          <span>User</span>
          <input data-testid="uns-user" value={shown.username} autoComplete="off" onChange={(e) => set({ username: e.target.value })} disabled={locked} />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            data-testid="uns-password"
            type="password"
            autoComplete="new-password"
            value={shown.password}
            placeholder={view.data?.settings?.password === PASSWORD_PLACEHOLDER ? 'stored (leave blank to keep)' : ''}
            onChange={(e) => set({ password: e.target.value })}
            disabled={locked}
          />
        </label>
        {!locked && (
          <div className="uns-actions">
            <button type="submit" className="button button-primary" data-testid="uns-save" disabled={busy || shown.url.trim() === ''}>
              Publish
            </button>
            {view.data?.settings && (
              <button type="button" className="button" data-testid="uns-off" disabled={busy} onClick={() => void save(null)}>
                Stop publishing
              </button>
            )}
          </div>
        )}
      </form>
      {!canEdit && <p className="muted">Read-only for your role; engineers set where the line is published.</p>}
      <ActionMessage message={message} testid="uns-message" />
    </section>
  );
}
