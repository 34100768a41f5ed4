import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { InputOf, OperationName, OutputOf, TerminalUnit } from '../../core';
import { StopReasons } from '../oee/StopReasons';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';
import { AsBuiltRecord } from './AsBuiltRecord';
import { CurrentUnit, type Readings } from './CurrentUnit';
import { LotOrders, type LotReport } from './LotOrders';
import { parseReading } from './measure';
import { completionResult, scrapResult, whereNext, type UnitResult } from './outcome';
import { ResultBanner } from './ResultBanner';
import { ScrapDialog } from './ScrapDialog';
import { parseScan } from './scan';
import { WaitingList } from './WaitingList';

const unitKey = (u: TerminalUnit | null): string => (u ? `${u.serial}:${u.operation.seq}:${u.operation.attempt}` : '');

/** One work center's terminal: the scan field, the unit in operation, units waiting, lot orders, results. */
export function TerminalStation({
  workCenter,
  picker,
  mayRecord,
  scanRef,
  refocus,
}: {
  workCenter: string;
  /** The work center choice, shown in the same row as the scan field. */
  picker: ReactNode;
  mayRecord: boolean;
  scanRef: RefObject<HTMLInputElement | null>;
  refocus: () => void;
}) {
  const client = useClient();
  const view = useLiveQuery('terminal', { workCenter }, ['wip', 'line', 'orders']);
  const [message, setMessage] = useState<ActionResult>(null);
  const [result, setResult] = useState<UnitResult | null>(null);
  const [asBuilt, setAsBuilt] = useState<string | null>(null);
  const [scrapping, setScrapping] = useState(false);
  const [busy, setBusy] = useState(false);
  const [scanText, setScanText] = useState('');
  const [lookup, setLookup] = useState('');
  // Readings and the armed component belong to one unit at one operation attempt; a new one starts blank.
  const [readingState, setReadingState] = useState<{
    key: string;
    values: Readings;
  }>({ key: '', values: {} });
  const [armedState, setArmedState] = useState<{
    key: string;
    material: string | null;
  }>({ key: '', material: null });
  // Scans are handled one after the other, in the order the scanner sent them; each reads the latest view, and the
  // unit started by an earlier scan of the same burst counts as current before the view is read again.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(view.data);
  latest.current = view.data;
  const startedRef = useRef<{ serial: string; at: number } | null>(null);
  // Until the view is read again (a moment), the unit this terminal just started is the one in operation here.
  const startedHere = {
    get current(): string | null {
      const s = startedRef.current;
      return s && Date.now() - s.at < 3000 ? s.serial : null;
    },
  };

  const data = view.data;
  const current = data?.current ?? null;
  const key = unitKey(current);
  const readings = readingState.key === key ? readingState.values : {};
  const armedMaterial = armedState.key === key ? armedState.material : null;
  const armed = current?.components.find((c) => c.material === armedMaterial && c.scanned < c.quantity) ?? null;

  const refuse = (text: string) => {
    setMessage({ kind: 'error', text });
    refocus();
  };
  const inform = (text: string) => {
    setMessage({ kind: 'info', text });
    refocus();
  };

  /** One call to the station: the refusal is shown as the station words it; the view is re-read either way. */
  const call = async <K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K> | null> => {
    setBusy(true);
    const r = await client.call(operation, input);
    setBusy(false);
    view.reload();
    if (!r.ok) {
      refuse(r.error.message);
      return null;
    }
    return r.value;
  };

  const start = async (serial: string) => {
    const inWork = latest.current?.current ?? null;
    const currentSerial = inWork?.serial ?? startedHere.current;
    if (currentSerial === serial)
      return inform(`${serial} is already in operation here${inWork ? ` (operation ${inWork.operation.seq})` : ''}.`);
    if (currentSerial) return refuse(`${currentSerial} is in operation here: complete or scrap it before starting ${serial}.`);
    const started = await call('startOperation', { serial, workCenter });
    if (!started) return;
    startedRef.current = { serial, at: Date.now() };
    setResult(null);
    setAsBuilt(null);
    inform(`${serial} started at operation ${started.operation} on ${workCenter}.`);
  };

  const consume = async (material: string, revision: string, lot: string) => {
    const serial = latest.current?.current?.serial ?? startedHere.current;
    if (!serial) return refuse(`No unit in operation on ${workCenter}: scan or tap the unit first, then its components.`);
    const done = await call('consumeLot', {
      serial,
      workCenter,
      material,
      revision,
      lot,
    });
    if (!done) return;
    setArmedState({ key, material: null });
    inform(`Lot ${done.lot} of ${material} rev ${revision} recorded into ${serial}.`);
  };

  const scan = async (raw: string) => {
    const now = latest.current;
    const currentSerial = now?.current?.serial ?? startedHere.current;
    const parsed = parseScan(raw, {
      currentSerial,
      waiting: now?.waiting.map((w) => w.serial) ?? [],
      armed: armed ? { material: armed.material, revision: armed.revision } : null,
    });
    if (parsed.kind === 'empty') return refocus();
    if (parsed.kind === 'unknown') return refuse(parsed.message);
    if (parsed.kind === 'unit') return start(parsed.serial);
    return consume(parsed.material, parsed.revision, parsed.lot);
  };

  const onScan = (event: FormEvent) => {
    event.preventDefault();
    const raw = scanText;
    setScanText('');
    queue.current = queue.current.then(() => scan(raw));
  };

  const complete = async (unit: TerminalUnit) => {
    const values = unit.measurements.flatMap((m) => {
      const value = parseReading(readings[m.name] ?? '');
      return value === null ? [] : [{ name: m.name, value }];
    });
    const done = await call('completeOperation', {
      serial: unit.serial,
      workCenter,
      readings: values,
    });
    if (!done) return;
    startedRef.current = null;
    // Where the unit waits now (next operation, or rework) is on the line's WIP.
    const wip = done.unitStatus === 'queued' ? await client.call('listWip', {}) : null;
    setResult(completionResult(done, whereNext(unit.serial, wip?.ok ? wip.value : null)));
    setAsBuilt(null);
    inform(
      `Operation ${done.operation} of ${unit.serial} completed: ${done.result}${done.unitStatus === 'queued' ? '' : `, unit ${done.unitStatus}`}.`,
    );
  };

  const scrap = async (unit: TerminalUnit, reason: string) => {
    const done = await call('scrapUnit', { serial: unit.serial, reason });
    if (!done) return;
    startedRef.current = null;
    setResult(scrapResult(unit.serial, unit.operation.seq, reason));
    setAsBuilt(null);
    inform(`${unit.serial} scrapped.`);
  };

  const nextUnit = async () => {
    const next = await call('nextUnit', {});
    if (!next) return;
    if (next.serial === null)
      return refuse('No unit to start: no dispatched order needs another unit. Dispatch an order on the Orders tab.');
    await start(next.serial);
  };

  const report = async (r: LotReport): Promise<boolean> => {
    const done = await call('reportQuantity', {
      number: r.order,
      operation: r.operation,
      workCenter,
      good: r.good,
      scrapped: r.scrapped,
      ...(r.reason ? { reason: r.reason } : {}),
    });
    if (!done) return false;
    inform(`Reported at operation ${r.operation} of ${r.order}: ${r.good} good${r.scrapped > 0 ? `, ${r.scrapped} scrapped` : ''}.`);
    return true;
  };

  const openLookup = (event: FormEvent) => {
    event.preventDefault();
    const serial = lookup.trim();
    if (serial === '') return refuse('Type or scan the serial of the unit to look up.');
    setAsBuilt(serial);
    setLookup('');
  };

  return (
    <>
      <div className="terminal-bar">
        {picker}
        <form className="terminal-scan" onSubmit={onScan}>
          <label className="field terminal-scan-field">
            <span>Scan (unit serial or component label)</span>
            <input
              ref={scanRef}
              data-testid="terminal-scan"
              autoComplete="off"
              spellCheck={false}
              placeholder="Scan here"
              value={scanText}
              disabled={!mayRecord}
              onChange={(e) => setScanText(e.target.value)}
            />
          </label>
          <button type="submit" className="button terminal-big" data-testid="terminal-scan-submit" disabled={!mayRecord}>
            Enter
          </button>
        </form>
        <form className="terminal-lookup" onSubmit={openLookup}>
          <label className="field">
            <span>Look up unit</span>
            <input
              data-testid="terminal-lookup"
              autoComplete="off"
              spellCheck={false}
              placeholder="Serial"
              value={lookup}
              onChange={(e) => setLookup(e.target.value)}
            />
          </label>
          <button type="submit" className="button terminal-big" data-testid="terminal-lookup-open">
            As-built
          </button>
        </form>
      </div>
      <ActionMessage message={message} testid="terminal-message" />
      {view.error && (
        <p className="message message-error" role="alert" data-testid="terminal-error">
          {data ? 'Showing the last view read: ' : 'The terminal cannot be shown: '}
          {view.error.message}
        </p>
      )}
      {result && (
        <ResultBanner
          result={result}
          onAsBuilt={() => setAsBuilt(result.serial)}
          onDismiss={() => {
            setResult(null);
            refocus();
          }}
        />
      )}
      {asBuilt && (
        <AsBuiltRecord
          serial={asBuilt}
          onClose={() => {
            setAsBuilt(null);
            refocus();
          }}
        />
      )}
      {!data && !view.error && (
        <p className="muted" role="status">
          Reading the terminal…
        </p>
      )}
      {data && (
        <div className={`terminal-grid${view.stale ? ' stale' : ''}`}>
          {current ? (
            <CurrentUnit
              unit={current}
              armed={armed?.material ?? null}
              onArm={(material) => {
                setArmedState({ key, material });
                refocus();
              }}
              readings={readings}
              onReading={(name, text) => setReadingState({ key, values: { ...readings, [name]: text } })}
              mayRecord={mayRecord}
              busy={busy}
              onComplete={() => void complete(current)}
              onScrap={() => setScrapping(true)}
              onDoneTyping={refocus}
            />
          ) : (
            <section className="panel terminal-current" data-testid="terminal-idle">
              <p className="empty">
                No unit in operation on {data.workCenter.name}. {data.first ? 'Press Start next unit, or scan' : 'Scan'} the serial of a
                unit waiting here, or tap it in the list.
              </p>
            </section>
          )}
          <div className="terminal-side">
            <WaitingList
              waiting={data.waiting}
              first={data.first}
              blockedBy={current?.serial ?? null}
              mayRecord={mayRecord}
              busy={busy}
              onStart={(serial) => void start(serial)}
              onNextUnit={() => void nextUnit()}
            />
            <LotOrders lots={data.lots} mayRecord={mayRecord} busy={busy} onReport={report} onRefused={refuse} />
          </div>
        </div>
      )}
      <StopReasons workCenter={workCenter} onlyOpen big title={`Stops at ${workCenter} without a reason`} />
      {scrapping && current && (
        <ScrapDialog
          serial={current.serial}
          onDone={(reason) => {
            setScrapping(false);
            if (reason !== null) void scrap(current, reason);
            else refocus();
          }}
        />
      )}
    </>
  );
}
