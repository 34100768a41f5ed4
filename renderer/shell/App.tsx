import { useCallback, useEffect, useState } from 'react';
import type { Session } from '../../core';
import type { HmiClient } from '../client';
import { LoginScreen } from '../login/LoginScreen';
import { ClientProvider, SessionProvider } from './context';
import { clearSession, loadSession, saveSession } from './session-store';
import { Shell } from './Shell';

/** Signed out → login; signed in → the shell. The token lives in sessionStorage so a reload keeps the session. */
export function App({ client }: { client: HmiClient }) {
  const [session, setSession] = useState<Session | null>(() => {
    const stored = loadSession();
    client.setToken(stored?.token ?? null);
    return stored;
  });
  const [notice, setNotice] = useState<string | null>(null);

  const end = useCallback(
    (message: string | null) => {
      client.setToken(null);
      clearSession();
      setSession(null);
      setNotice(message);
    },
    [client],
  );

  useEffect(() => client.onSessionEnded(() => end('Your session has ended. Sign in again to continue.')), [client, end]);

  // After a reload, make sure the restored session is still valid; a 401 ends it through onSessionEnded.
  const [restored] = useState(session);
  useEffect(() => {
    if (restored) void client.call('me', {});
  }, [client, restored]);

  const signedIn = (next: Session) => {
    saveSession(next);
    client.setToken(next.token);
    setNotice(null);
    setSession(next);
  };

  const signOut = async () => {
    await client.call('logout', {});
    end('You are signed out.');
  };

  return (
    <ClientProvider client={client}>
      {session ? (
        <SessionProvider session={session}>
          <Shell onSignOut={signOut} />
        </SessionProvider>
      ) : (
        <LoginScreen notice={notice} onSignedIn={signedIn} />
      )}
    </ClientProvider>
  );
}
