import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LoginRequest, type Session } from '../../core';
import { useClient } from '../shell/context';

/** Sign-in: Enter submits; the station's own message is shown when it refuses. */
export function LoginScreen({ notice, onSignedIn }: { notice: string | null; onSignedIn: (session: Session) => void }) {
  const client = useClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);

  useEffect(() => userRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const input = LoginRequest.safeParse({ username: username.trim(), password });
    if (!input.success) {
      setError(input.error.issues[0]?.message ?? 'Enter your user name and password.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.call('login', input.data);
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
    } else {
      setError(result.error.message);
      setPassword('');
    }
  };

  return (
    <main className="login">
      <form className="login-panel" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">Control-room MES</h1>
        <p className="muted">Sign in with your plant user name.</p>
        {notice && !error && (
          <p className="notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <label className="field">
          <span>User name</span>
          <input
            ref={userRef}
            data-testid="login-user"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={error !== null}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error !== null}
          />
        </label>
        <div className="message message-error" role="alert" data-testid="login-error" hidden={error === null}>
          {error}
        </div>
        <button type="submit" className="button button-primary" data-testid="login-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
