import { useEffect, useState } from 'react';
import type { ChainReportView, RecordState } from '../../core';
import { useClient } from '../shell/context';
import { formatDateTime } from '../shell/format';

/** The record's integrity: the chain's state and head (a checkpoint to keep), the last walk, and a walk on demand. */
export function RecordPanel() {
  const client = useClient();
  const [state, setState] = useState<RecordState | null>(null);
  const [report, setReport] = useState<ChainReportView | null>(null);
  const [walking, setWalking] = useState(false);
  useEffect(() => {
    let alive = true;
    void client.call('recordState', {}).then((r) => alive && r.ok && setState(r.value));
    const off = client.subscribe((m) => {
      if (m.kind === 'record') setState(m.state);
    });
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  const verify = async () => {
    setWalking(true);
    const r = await client.call('verifyRecord', {});
    setWalking(false);
    if (r.ok) setReport(r.value);
  };
  const last = report
    ? { intact: report.intact, at: report.verifiedAt, events: report.events, firstBreak: report.firstBreak, chainedLater: report.chainedLater }
    : state?.lastVerified;
  const broken = last ? !last.intact : false;
  const head = report?.head ?? state?.head ?? null;
  return (
    <section className={`panel record-panel${broken ? ' abnormal' : ''}`} aria-labelledby="record-title" data-testid="record-panel" data-state={last ? (last.intact ? 'intact' : 'broken') : 'unverified'}>
      <h2 id="record-title">The record</h2>
      {state?.verifying && (
        <p role="status">
          Verifying: {state.verifying.done.toLocaleString()} of {state.verifying.total.toLocaleString()} events…
        </p>
      )}
      {last && (
        <p data-testid="record-verdict" role={broken ? 'alert' : 'status'}>
          {last.intact ? (
            <>
              <strong>Intact</strong>: {last.events.toLocaleString()} events verified, each hash chained to the one before, at {formatDateTime(last.at)}.
            </>
          ) : (
            <>
              <strong>NOT INTACT</strong> at event {last.firstBreak?.seq} ({last.firstBreak?.problem}): {last.firstBreak?.why}. Walked at {formatDateTime(last.at)}.
            </>
          )}
        </p>
      )}
      {last?.chainedLater && (
        <p className="muted">
          Events 1–{last.chainedLater.through} were recorded before the chain and chained on {formatDateTime(last.chainedLater.at)}.
        </p>
      )}
      {head && (
        <p>
          Checkpoint (keep it outside the station): <code data-testid="record-checkpoint">{`${head.seq}:${head.hash}`}</code>
        </p>
      )}
      <button type="button" className="button" data-testid="record-verify" disabled={walking} onClick={() => void verify()}>
        {walking ? 'Walking the chain…' : 'Verify now'}
      </button>
    </section>
  );
}
