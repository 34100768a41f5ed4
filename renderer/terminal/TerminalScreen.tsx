/*
 * The operator terminal: one per work center, for a barcode scanner (keyboard wedge: it types, then Enter) and a
 * touch screen. The station enforces the routing, the BOM and the limits; this screen says what it answered.
 *
 * Test ids (stable; end-to-end tests drive the screen by them):
 *   terminal-wc-select               select: the work center this terminal serves (also #terminal/<WC> and localStorage)
 *   terminal-wc-state                the work center's name and machine state
 *   terminal-scan, terminal-scan-submit   the always-ready scan field and its Enter button (touch)
 *   terminal-message                 the last action's result or the station's refusal (role=alert, data-kind=info|error)
 *   terminal-error                   the terminal view cannot be read
 *   terminal-current                 the unit-in-operation panel; terminal-idle when there is none
 *   terminal-current-serial, terminal-operation, terminal-attempt (rework attempt n), terminal-instruction
 *   terminal-component-<MATERIAL>    component row (button: tap to arm it for a bare lot number); data-scanned,
 *                                    data-required, data-complete, aria-pressed; its count in terminal-component-<MATERIAL>-count
 *   terminal-measure-<Name-With-Dashes>             measurement input ("Press force" → terminal-measure-Press-force)
 *   terminal-measure-<Name-With-Dashes>-judgement   live judgement: data-judgement=empty|invalid|pass|fail
 *   terminal-complete, terminal-complete-why (why Complete is not offered yet, or what completing will do)
 *   terminal-scrap                   opens terminal-scrap-dialog: terminal-scrap-reason, terminal-scrap-confirm,
 *                                    terminal-scrap-cancel, terminal-scrap-error (an empty reason is refused there)
 *   terminal-next-unit               Start next unit (first work center only)
 *   terminal-waiting-<serial>        a unit waiting here (tap to start it); terminal-waiting-empty
 *   terminal-result                  result banner: data-result=pass|fail, data-unit-status=queued|completed|scrapped;
 *                                    terminal-result-detail, terminal-asbuilt-open, terminal-result-dismiss
 *   terminal-lookup, terminal-lookup-open   look up a unit's as-built record by serial
 *   asbuilt-record (data-serial), asbuilt-status, asbuilt-op-<seq> (data-result; operator in asbuilt-op-by),
 *                                    asbuilt-lot-<lot>, asbuilt-close, asbuilt-error
 *   terminal-lot-<order>-<operation> lot order row, with terminal-lot-good, terminal-lot-scrapped, terminal-lot-reason
 *                                    (when scrapped > 0), terminal-lot-report, and the counts terminal-lot-input,
 *                                    terminal-lot-good-count, terminal-lot-scrapped-count, terminal-lot-available
 */
import { can, ROLE_LABEL } from '../../core';
import { useSession } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';
import { TerminalStation } from './TerminalStation';
import { useScanFocus } from './useScanFocus';
import { useStationChoice } from './useStationChoice';
import './terminal.css';

export function TerminalScreen() {
  const { user } = useSession();
  // The line's work centers change only with the line model: read once (and again after a reconnect).
  const line = useLiveQuery('getLine', {}, []);
  const [workCenter, choose] = useStationChoice();
  const { ref, refocus } = useScanFocus();
  const mayRecord = can(user.role, 'terminal.record');
  const centers = [...(line.data?.workCenters ?? [])].sort((a, b) => a.position - b.position);
  const chosen = centers.find((w) => w.id === workCenter);
  const unknown = line.data !== null && workCenter !== null && !chosen;

  const picker = (
    <label className="field terminal-wc">
      <span>
        Work center
        {chosen && (
          <span data-testid="terminal-wc-state">
            {' '}
            · {chosen.name}, {chosen.quality === 'good' ? `machine ${chosen.state}` : 'manual station'}
          </span>
        )}
      </span>
      <select
        data-testid="terminal-wc-select"
        value={workCenter ?? ''}
        onChange={(e) => {
          if (e.target.value) choose(e.target.value);
          refocus();
        }}
      >
        {!chosen && <option value={workCenter ?? ''}>{workCenter ?? 'Choose…'}</option>}
        {centers.map((w) => (
          <option key={w.id} value={w.id}>
            {w.id} – {w.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="terminal">
      <h2 className="sr-only">Operator terminal</h2>
      {!mayRecord && (
        <p className="notice" data-testid="terminal-view-only">
          Your role ({ROLE_LABEL[user.role]}) may look at the terminal but not record: an operator, shift lead or supervisor signs in to
          work here.
        </p>
      )}
      {line.error && !line.data && (
        <p className="message message-error" role="alert">
          The line's work centers cannot be read: {line.error.message}
        </p>
      )}
      {workCenter === null || unknown ? (
        <>
          <div className="terminal-bar">{picker}</div>
          {unknown ? (
            <p className="message message-error" role="alert" data-testid="terminal-unknown-wc">
              This terminal was set up for {workCenter}, which is not on this line. Choose its work center above.
            </p>
          ) : (
            <p className="empty" data-testid="terminal-choose">
              Choose the work center this terminal serves. It is remembered on this computer, and the address (#terminal/WC10) opens
              straight at it.
            </p>
          )}
        </>
      ) : (
        <TerminalStation key={workCenter} workCenter={workCenter} picker={picker} mayRecord={mayRecord} scanRef={ref} refocus={refocus} />
      )}
    </div>
  );
}
