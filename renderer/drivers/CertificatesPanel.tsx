import { useCallback, useEffect, useState } from 'react';
import type { CertificateView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';
import { formatDate } from '../shell/format';
import { Indicator } from '../shell/Indicator';

type CertAction = 'trust' | 'reject' | 'remove';

/** The OPC UA server certificates this station has seen: trust one to let a secure connection through. */
export function CertificatesPanel({ connection, canEdit }: { connection: string; canEdit: boolean }) {
  const client = useClient();
  const [certs, setCerts] = useState<readonly CertificateView[] | null>(null);
  const [message, setMessage] = useState<ActionResult>(null);
  const [busy, setBusy] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);

  const read = useCallback(async () => {
    const result = await client.call('listCertificates', { id: connection });
    setReadError(result.ok ? null : result.error.message);
    if (result.ok) setCerts(result.value);
  }, [client, connection]);

  useEffect(() => {
    void read();
  }, [read]);

  const act = async (cert: CertificateView, action: CertAction) => {
    setBusy(true);
    const result = await client.call('certificateAction', { id: connection, thumbprint: cert.thumbprint, action });
    setBusy(false);
    if (!result.ok) return setMessage({ kind: 'error', text: result.error.message });
    setCerts(result.value);
    const done = action === 'trust' ? 'trusted' : action === 'reject' ? 'rejected' : 'removed';
    setMessage({ kind: 'info', text: `Certificate ${cert.subject} ${done}.` });
  };

  const why = canEdit ? undefined : 'Only an engineer or administrator may change trusted certificates.';
  return (
    <div className="certs" data-testid="cert-panel">
      <div className="toolbar">
        <button type="button" className="button" onClick={() => void read()}>
          Read again
        </button>
      </div>
      <ActionMessage message={message} testid="cert-message" />
      {readError && (
        <p className="message message-error" role="alert" data-testid="cert-error">
          The certificates cannot be read: {readError}
        </p>
      )}
      {certs === null ? (
        !readError && (
          <p className="muted" role="status">
            Reading certificates…
          </p>
        )
      ) : certs.length === 0 ? (
        <p className="empty" data-testid="cert-empty">
          No server certificates yet. With security mode Sign or SignAndEncrypt the station keeps the server’s certificate on the first connection
          attempt; it then appears here as rejected until you trust it.
        </p>
      ) : (
        <table className="table" data-testid="cert-table">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Thumbprint</th>
              <th scope="col">Valid</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {certs.map((c) => (
              <tr key={c.thumbprint} data-testid={`cert-row-${c.thumbprint}`} data-status={c.status}>
                <td className="ellipsis" title={c.subject}>
                  {c.subject}
                </td>
                <td className="mono" title={c.thumbprint}>
                  {c.thumbprint.slice(0, 16)}…
                </td>
                <td className="tabular">
                  {formatDate(c.validFrom)} – {formatDate(c.validTo)}
                </td>
                <td>
                  {c.status === 'trusted' ? (
                    <span>
                      <Indicator kind="ok" /> Trusted
                    </span>
                  ) : (
                    <span className="cell-abnormal">
                      <Indicator kind="attention" /> Rejected – not trusted
                    </span>
                  )}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button button-small"
                    data-testid="cert-trust"
                    disabled={!canEdit || busy || c.status === 'trusted'}
                    title={why}
                    onClick={() => void act(c, 'trust')}
                  >
                    Trust
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    data-testid="cert-reject"
                    disabled={!canEdit || busy || c.status === 'rejected'}
                    title={why}
                    onClick={() => void act(c, 'reject')}
                  >
                    Reject
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    data-testid="cert-remove"
                    disabled={!canEdit || busy}
                    title={why}
                    onClick={() => void act(c, 'remove')}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
