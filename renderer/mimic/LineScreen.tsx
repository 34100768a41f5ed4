import { useState } from 'react';
import { can, type WorkCenterView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useSession } from '../shell/context';
import { Indicator } from '../shell/Indicator';
import { useLiveQuery } from '../shell/useLiveQuery';
import { CommandMenu } from './CommandMenu';
import { LineMimic } from './LineMimic';
import { WipTable } from './WipTable';
import { useStatePatches } from './useStatePatches';

/** The line mimic, its output, and the units on the line; re-read when the stream says 'line' or 'wip' changed. */
export function LineScreen() {
  const line = useLiveQuery('getLine', {}, ['line', 'wip']);
  const wip = useLiveQuery('listWip', {}, ['wip', 'line']);
  const patched = useStatePatches(line.data);
  // OEE of the shift running now, per work center: read apart from the line (slower, never holding up a state change).
  const oee = useLiveQuery('currentOee', {}, ['oee'], 2000);
  const oeeByWc = new Map((oee.data?.rows ?? []).flatMap((r) => (r.workCenter ? [[r.workCenter, r.kpis.oee] as const] : [])));
  const { user } = useSession();
  const [menu, setMenu] = useState<{ id: string; trigger: Element } | null>(null);
  const [commandResult, setCommandResult] = useState<ActionResult>(null);
  const mayCommand = can(user.role, 'line.command');
  const openMenu = (wc: WorkCenterView, trigger: Element) => setMenu((m) => (m?.id === wc.id ? null : { id: wc.id, trigger }));

  if (!patched) {
    return (
      <section className="panel">
        {line.error ? (
          <p className="message message-error" role="alert" data-testid="line-error">
            The line cannot be shown: {line.error.message}
          </p>
        ) : (
          <p className="muted" role="status">
            Reading the line…
          </p>
        )}
      </section>
    );
  }

  const view = patched;
  if (!view.line) return <NoLine mayConfigure={can(user.role, 'drivers.configure')} />;
  const title = { line: view.line.name, area: view.area?.name ?? '', site: view.site?.name ?? '' };
  const menuWc = menu ? view.workCenters.find((w) => w.id === menu.id) : undefined;
  const order = [...view.workCenters].sort((a, b) => a.position - b.position).map((w) => w.id);

  return (
    <div className="line-screen">
      <section className="panel" aria-labelledby="line-title">
        <div className="panel-head">
          <h2 id="line-title">
            {title.line} <span className="muted">· {title.area} · {title.site}</span>
          </h2>
          <div className={line.stale ? 'totals stale' : 'totals'} aria-label="Line output">
            Line output: good <strong data-testid="line-output-good">{view.output.good}</strong>
            <span className="sep" /> scrapped <strong data-testid="line-output-scrapped">{view.output.scrapped}</strong>
          </div>
        </div>
        {!view.plc.connected && (
          <p className="message message-abnormal" role="alert" data-testid="line-disconnected">
            <Indicator kind="stopped" />
            The line PLC is not connected{view.plc.message ? ` (${view.plc.message})` : ''}. Machine states, units and counters show
            “no data” until it is back; check the PLC network or ask the engineer on call.
          </p>
        )}
        {line.stale && (
          <p className="message message-error" role="alert" data-testid="line-stale">
            Showing the last values read, greyed out: {line.error?.message ?? 'the live link to the station is down; it reconnects on its own.'}
          </p>
        )}
        {view.workCenters.length === 0 ? (
          <p className="empty">This line has no work centers. An engineer adds them under Line setup.</p>
        ) : (
          // Old values must not pass for live ones: grey the mimic while they may be stale.
          <div className={line.stale ? 'stale' : undefined} data-stale={line.stale ? 'true' : 'false'}>
            <LineMimic line={view} oee={oeeByWc} onCommands={mayCommand ? openMenu : undefined} commandsFor={menu?.id ?? null} />
          </div>
        )}
        {mayCommand && <ActionMessage message={commandResult} testid="wc-command-message" />}
      </section>
      {menu && menuWc && (
        <CommandMenu
          wc={menuWc}
          trigger={menu.trigger}
          onClose={() => setMenu(null)}
          onResult={(r) => {
            setCommandResult(r);
            line.reload();
          }}
        />
      )}
      {wip.error && !wip.data && (
        <p className="message message-error" role="alert">
          The units on the line cannot be listed: {wip.error.message}
        </p>
      )}
      {wip.data && (
        <div className={wip.stale ? 'stale' : undefined}>
          <WipTable items={wip.data} order={order} />
        </div>
      )}
    </div>
  );
}

/** A station with no line yet (a plant station's first start): what it means and what to do next. */
function NoLine({ mayConfigure }: { mayConfigure: boolean }) {
  return (
    <section className="panel" data-testid="no-line">
      <h2>No line is set up on this station yet</h2>
      <p>
        The mimic, the order board and the terminals show a line once an engineer has set it up: its place in the plant (site, area), its work
        centers in line order, and what each does.
      </p>
      {mayConfigure ? (
        <p>
          Set it up under <a href="#line-setup">Line setup</a> (or put a <code>line.json</code> in the station's data folder, or send it to{' '}
          <code>POST /api/v1/line/setup</code>). Then define the products and connect the PLC under Connections.
        </p>
      ) : (
        <p>Ask an engineer to set up the line under Line setup.</p>
      )}
    </section>
  );
}

