import { formatDateTime } from '../shell/format';
import { Indicator } from '../shell/Indicator';
import { useLiveQuery } from '../shell/useLiveQuery';
import { SignatureList } from '../audit/SignatureList';

interface Measured {
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly low: number | null;
  readonly high: number | null;
  readonly result: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The contract leaves an operation's measurements open (z.unknown()); read what is there, drop what is not. */
function measurementsOf(raw: unknown): Measured[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null)
    .map((m) => ({ name: str(m.name), value: num(m.value), unit: str(m.unit), low: num(m.low), high: num(m.high), result: str(m.result) }));
}

const RESULT_LABEL: Record<string, string> = { pass: 'Pass', fail: 'Fail', scrapped: 'Scrapped', interrupted: 'Interrupted by an engineering change' };

function Result({ result }: { result: string | null }) {
  if (result === null) return <span className="muted">in work</span>;
  if (result === 'fail') {
    return (
      <span className="terminal-fail">
        <Indicator kind="attention" /> Fail
      </span>
    );
  }
  return <span>{RESULT_LABEL[result] ?? result}</span>;
}

/** A unit's as-built record: every operation (where, who, when, result, measurements) and the component lots built in. */
export function AsBuiltRecord({ serial, onClose }: { serial: string; onClose: () => void }) {
  const record = useLiveQuery('asBuilt', { serial }, ['wip']);
  const data = record.data;

  return (
    <section className="panel terminal-asbuilt" aria-labelledby="asbuilt-title" data-testid="asbuilt-record" data-serial={serial}>
      <div className="panel-head">
        <h2 id="asbuilt-title">
          As-built record <span className="mono">{serial}</span>
          {data && (
            <span className="muted">
              {' '}
              · order {data.order} · {data.product} rev {data.revision} · <span data-testid="asbuilt-status">{data.status}</span>
            </span>
          )}
        </h2>
        <button type="button" className="button" data-testid="asbuilt-close" onClick={onClose}>
          Close record
        </button>
      </div>
      {record.error && (
        <p className="message message-error" role="alert" data-testid="asbuilt-error">
          {record.error.message}
        </p>
      )}
      {!data && !record.error && (
        <p className="muted" role="status">
          Reading the record…
        </p>
      )}
      {data && (
        <>
          <h3>Operations</h3>
          {data.operations.length === 0 ? (
            <p className="empty">No operation has started on this unit yet.</p>
          ) : (
            <div className="table-scroll">
              <table className="table terminal-table">
                <thead>
                  <tr>
                    <th scope="col">Operation</th>
                    <th scope="col">Built to</th>
                    <th scope="col">Work center</th>
                    <th scope="col">Operator</th>
                    <th scope="col">Started</th>
                    <th scope="col">Ended</th>
                    <th scope="col">Result</th>
                    <th scope="col">Measurements</th>
                  </tr>
                </thead>
                <tbody>
                  {data.operations.map((op, i) => (
                    <tr key={`${op.operation}-${i}`} data-testid={`asbuilt-op-${op.operation}`} data-result={op.result ?? 'open'}>
                      <td>
                        {op.operation} {op.name && <span className="muted">{op.name}</span>}
                        {op.attempt > 1 && <span className="muted"> (attempt {op.attempt})</span>}
                      </td>
                      <td data-testid="asbuilt-built-to">{op.revision ? `rev ${op.revision}` : '–'}</td>
                      <td>{op.workCenter}</td>
                      <td data-testid="asbuilt-op-by" title={op.by ?? undefined}>
                        {op.byName ?? op.by ?? '–'}
                      </td>
                      <td>{formatDateTime(op.startedAt)}</td>
                      <td>{formatDateTime(op.endedAt)}</td>
                      <td>
                        <Result result={op.result} />
                      </td>
                      <td className="terminal-wrap">
                        {measurementsOf(op.measurements).map((m) => (
                          <div key={m.name}>
                            {m.name} <strong>{m.value ?? 'none'}</strong> {m.unit}{' '}
                            <span className="muted">
                              ({m.low ?? '?'}…{m.high ?? '?'})
                            </span>{' '}
                            {m.result === 'fail' ? <strong>out of limits</strong> : m.result === 'pass' ? 'in limits' : ''}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.heldFor && (
            <p className="message message-abnormal" role="status" data-testid="asbuilt-held">
              ⚑ Held for a disposition under change {data.heldFor}: no work is recorded on it until a supervisor decides.
            </p>
          )}
          {data.revisions.length > 0 && (
            <>
              <h3>Engineering changes carried into it</h3>
              <ul data-testid="asbuilt-revisions">
                {data.revisions.map((r) => (
                  <li key={`${r.change}-${r.at}`}>
                    {formatDateTime(r.at)}: {r.change}, rev {r.from} → rev {r.to}, {r.disposition.replaceAll('-', ' ')}
                    {r.reason ? ` (${r.reason})` : ''} · {r.by}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.signatures.length > 0 && (
            <>
              <h3>Signatures</h3>
              <SignatureList signatures={data.signatures} testid="asbuilt-signatures" />
            </>
          )}
          <h3>Component lots</h3>
          {data.lots.length === 0 ? (
            <p className="empty">No component lot was scanned into this unit.</p>
          ) : (
            <div className="table-scroll">
              <table className="table terminal-table">
                <thead>
                  <tr>
                    <th scope="col">Lot</th>
                    <th scope="col">Material</th>
                    <th scope="col">Revision</th>
                    <th scope="col">Quantity</th>
                    <th scope="col">Operation</th>
                    <th scope="col">Scanned</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {data.lots.map((lot, i) => (
                    <tr key={`${lot.material}-${lot.lot}-${i}`} data-testid={`asbuilt-lot-${lot.lot}`}>
                      <td className="mono">{lot.lot}</td>
                      <td>{lot.material}</td>
                      <td>{lot.revision}</td>
                      <td>{lot.quantity}</td>
                      <td>{lot.operation}</td>
                      <td>{formatDateTime(lot.at)}</td>
                      <td>{lot.by}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
