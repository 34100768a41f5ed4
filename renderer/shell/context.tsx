import { createContext, useContext, type ReactNode } from 'react';
import type { Session } from '../../core';
import type { HmiClient } from '../client';

const ClientContext = createContext<HmiClient | null>(null);
const SessionContext = createContext<Session | null>(null);

export function ClientProvider({ client, children }: { client: HmiClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useClient(): HmiClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}

/** The signed-in session; screens below the shell are only rendered while there is one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
