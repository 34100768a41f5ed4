import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ROLE_LABEL, type AppError, type PlantSession } from '../../core';
import { PlantAlarms } from './PlantAlarms';
import { PlantClient } from './plant-client';
import { PlantLineRecord } from './PlantLineRecord';
import { PlantLines } from './PlantLines';
import { PlantLosses } from './PlantLosses';
import { PlantOee } from './PlantOee';
import { PlantSpc } from './PlantSpc';
import { PlantRecall } from './PlantRecall';
import { PlantReleases } from './PlantReleases';
import { usePlantQuery } from './use-plant-query';
import '../shell/common.css';
import './plant.css';

type Screen = 'lines' | 'oee' | 'spc' | 'recall' | 'record' | 'releases';
const TABS: readonly { id: Screen; label: string }[] = [
  { id: 'lines', label: 'Lines' },
  { id: 'oee', label: 'OEE' },
  { id: 'spc', label: 'SPC' },
  { id: 'recall', label: 'Genealogy & recall' },
  { id: 'record', label: 'Line records' },
  { id: 'releases', label: 'Releases' },
];
const KEY = 'mes.plant.session';

/**
 * The HMI in plant mode, as a plant server serves it: every line's shipping and projection, plant-wide genealogy and
 * recall, and each line's record, read-only. Signed in with a plant account.
 */
export function PlantApp() {
  const client = useMemo(() => new PlantClient(), []);
  const [session, setSession] = useState<PlantSession | null>(() => {
    const stored = sessionStorage.getItem(KEY);
    const s = stored ? (JSON.parse(stored) as PlantSession) : null;
    client.setToken(s?.token ?? null);
    return s;
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>(() => TABS.find((t) => `#${t.id}` === window.location.hash)?.id ?? 'lines');

  useEffect(
    () =>
      client.onSessionEnded(() => {
        sessionStorage.removeItem(KEY);
        client.setToken(null);
        setSession(null);
        setNotice('Your session has ended. Sign in again to continue.');
      }),
    [client],
  );

  if (!session) {
    return (
      <PlantLogin
        client={client}
        notice={notice}
        onSignedIn={(s) => {
          sessionStorage.setItem(KEY, JSON.stringify(s));
          client.setToken(s.token);
          setNotice(null);
          setSession(s);
        }}
      />
    );
  }
  const select = (next: Screen) => {
    setScreen(next);
    window.history.replaceState(null, '', `#${next}`);
  };
  const signOut = async () => {
    await client.call('plantLogout', {});
    sessionStorage.removeItem(KEY);
    client.setToken(null);
    setSession(null);
    setNotice('You are signed out.');
  };
  return (
    <div className="app plant-app" data-testid="plant-app">
      <SignedIn client={client} session={session} screen={screen} select={select} signOut={() => void signOut()} />
    </div>
  );
}

/** The plant screens for a signed-in account, under the plant's alarms. */
function SignedIn({ client, session, screen, select, signOut }: { client: PlantClient; session: PlantSession; screen: Screen; select: (s: Screen) => void; signOut: () => void }) {
  // Every line as the plant has it, read every two seconds: the banner on every screen and the Lines screen.
  const lines = usePlantQuery(client, 'plantOverview', () => ({}), 2_000);
  return (
    <>
      <header className="header">
        <div className="header-title">
          <strong>Control-room MES</strong> <span className="muted">· plant server</span>
        </div>
        <div className="header-user" data-testid="current-user">
          <span className="user-name">{session.user.displayName}</span> <span className="user-role">{ROLE_LABEL[session.user.role]}</span>
        </div>
        <button type="button" className="button" data-testid="sign-out" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav className="nav" aria-label="Plant screens">
        <div className="tabs" role="tablist">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" className="tab" aria-selected={screen === t.id} data-testid={`tab-${t.id}`} onClick={() => select(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
      </nav>
      <PlantAlarms overview={lines.data} error={lines.error} onOpen={() => select('lines')} />
      <main className="screen">
        {screen === 'lines' && <PlantLines client={client} role={session.user.role} overview={lines.data} error={lines.error} reload={lines.reload} />}
        {screen === 'oee' && (
          <>
            <PlantOee client={client} />
            <PlantLosses client={client} />
          </>
        )}
        {screen === 'spc' && <PlantSpc client={client} />}
        {screen === 'recall' && <PlantRecall client={client} />}
        {screen === 'record' && <PlantLineRecord client={client} role={session.user.role} />}
        {screen === 'releases' && <PlantReleases client={client} role={session.user.role} />}
      </main>
    </>
  );
}

function PlantLogin({ client, notice, onSignedIn }: { client: PlantClient; notice: string | null; onSignedIn: (s: PlantSession) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await client.call('plantLogin', { username: username.trim(), password });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      setPassword('');
      return;
    }
    onSignedIn(r.value);
  };
  return (
    <main className="login">
      <form className="login-panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="plant-login-title">
        <h1 id="plant-login-title">Control-room MES · plant</h1>
        <p className="muted">Sign in with your plant account.</p>
        {notice && !error && <p className="notice" role="status">{notice}</p>}
        <label className="field">
          <span>User name</span>
          <input data-testid="login-user" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <div className="message message-error" role="alert" data-testid="login-error" hidden={error === null}>
          {error?.message}
        </div>
        <button type="submit" className="button button-primary" data-testid="login-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
