import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorCode, LoginRequest, type AppError, type Session } from '../../core';
import { useClient } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { ChangePasswordForm } from './ChangePasswordForm';
import { forgetFirstAdmin, useFirstAdmin } from './useFirstAdmin';

/**
 * Sign-in: Enter submits; the station's own message is shown when it refuses (wrong, locked until when, too many
 * attempts from this computer). A temporary password leads straight to choosing one's own before the shell opens.
 */
export function LoginScreen({ notice, onSignedIn }: { notice: string | null; onSignedIn: (session: Session) => void }) {
  const client = useClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ session: Session; current: string } | null>(null);
  const firstAdmin = useFirstAdmin(client);
  const userRef = useRef<HTMLInputElement>(null);

  useEffect(() => userRef.current?.focus(), []);
  useEffect(() => {
    if (firstAdmin) setUsername((u) => u || firstAdmin.username);
  }, [firstAdmin]);

  const done = (session: Session) => {
    forgetFirstAdmin();
    onSignedIn(session);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const input = LoginRequest.safeParse({ username: username.trim(), password });
    if (!input.success) {
      setError({ code: ErrorCode.validation, message: input.error.issues[0]?.message ?? 'Enter your user name and password.' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.call('login', input.data);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setPassword('');
      return;
    }
    if (result.value.mustChangePassword) {
      // The session may only change its password: the calls need its token, the shell does not open yet.
      client.setToken(result.value.token);
      setPending({ session: result.value, current: password });
      setPassword('');
      return;
    }
    done(result.value);
  };

  if (pending) {
    const cancel = () => {
      void client.call('logout', {}).finally(() => client.setToken(null));
      setPending(null);
    };
    return (
      <main className="login">
        <section className="login-panel" aria-labelledby="choose-title" data-testid="choose-password">
          <h1 id="choose-title">Choose your own password</h1>
          <p className="muted">
            {pending.session.user.displayName}, the password you signed in with was temporary. Choose your own now; nobody else will know it.
          </p>
          <ChangePasswordForm knownCurrent={pending.current} submitLabel="Save and continue" onChanged={done} onCancel={cancel} cancelLabel="Sign out" />
        </section>
      </main>
    );
  }

  const lockedUntil = error?.code === ErrorCode.accountLocked ? error.details?.lockedUntil : undefined;
  return (
    <main className="login">
      <form className="login-panel" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">Control-room MES</h1>
        <p className="muted">Sign in with your plant user name.</p>
        {firstAdmin && (
          <div className="notice" role="status" data-testid="first-admin">
            <p>
              <strong>First start of this station.</strong> An administrator was created: user name <code className="mono">{firstAdmin.username}</code>, one-time
              password <code className="mono" data-testid="first-admin-password">{firstAdmin.password}</code>
            </p>
            <p>Write it down now: it is shown only this once. You choose your own password when you first sign in.</p>
          </div>
        )}
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
        <div className="message message-error" role="alert" data-testid="login-error" data-code={error?.code} hidden={error === null}>
          {error?.message}
          {typeof lockedUntil === 'string' && <span data-testid="login-locked-until"> Locked until {formatDateTime(lockedUntil)} on this computer's clock.</span>}
        </div>
        <button type="submit" className="button button-primary" data-testid="login-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
