import type { SignatureView } from '../../core';

/** Electronic signatures as the record shows them (21 CFR 11.50): printed name, role, meaning, UTC and local time. */
export function SignatureList({ signatures, testid = 'signatures' }: { signatures: readonly (SignatureView & { type?: string })[]; testid?: string }) {
  if (signatures.length === 0) return null;
  return (
    <ul className="signature-list" data-testid={testid}>
      {signatures.map((s, i) => (
        <li key={`${s.username}-${s.at}-${i}`} data-testid="signature" data-meaning={s.meaning} data-username={s.username}>
          <span aria-hidden="true">✍ </span>
          {s.manifestation}
          {s.type && <span className="muted"> · {s.type}</span>}
        </li>
      ))}
    </ul>
  );
}
