import { useMemo, useRef, useState, type ReactNode } from 'react';
import { ClientProvider, useClient } from '../shell/context';
import { SignatureDialog } from './SignatureDialog';
import { withSigning, type GivenSignatures, type SignatureAsk } from './signing-client';

interface Asking {
  /** Each try is a dialog of its own: the passwords typed before are not kept. */
  readonly attempt: number;
  readonly ask: SignatureAsk;
  readonly error: string | null;
  readonly answer: (signatures: GivenSignatures | null) => void;
}

/** Every screen below it signs through one dialog: an action that needs a signature asks for it, wherever it is taken. */
export function SigningProvider({ children }: { children: ReactNode }) {
  const base = useClient();
  const [asking, setAsking] = useState<Asking | null>(null);
  const attempts = useRef(0);
  const client = useMemo(
    () =>
      withSigning(
        base,
        (ask, error) =>
          new Promise<GivenSignatures | null>((resolve) => {
            attempts.current += 1;
            setAsking({
              attempt: attempts.current,
              ask,
              error,
              answer: (s) => {
                setAsking(null);
                resolve(s);
              },
            });
          }),
      ),
    [base],
  );
  return (
    <ClientProvider client={client}>
      {children}
      {asking && <SignatureDialog key={asking.attempt} ask={asking.ask} error={asking.error} onSign={asking.answer} onCancel={() => asking.answer(null)} />}
    </ClientProvider>
  );
}
