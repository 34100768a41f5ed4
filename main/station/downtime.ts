import {
  DEFAULT_REASON_TREE,
  ErrorCode,
  GiveReasonInput,
  ReasonTree,
  describeIssues,
  downtimeDecider,
  fail,
  ok,
  productionSettingsDecider,
  reasonLeaves,
  streams,
  type CommandContext,
  type DowntimeView,
  type LineSetup,
  type LossesView,
  type Result,
  type StopView,
} from '../../core';
import { isMicro, stopRecordOf, type DowntimeRow, type OeeModel, type StopRecord } from '../oee';
import type { EventStore } from '../store';
import { exec } from './exec';
import { oeeLineOf } from './production';

const view = (s: StopRecord, now: number): StopView => ({
  workCenter: s.workCenter, start: new Date(s.start).toISOString(), end: s.end === null ? null : new Date(s.end).toISOString(),
  seconds: Math.round(((s.end ?? now) - s.start) / 1000), state: s.state, kind: s.kind, micro: s.micro, reason: s.reason ? { ...s.reason, path: [...s.reason.path] } : null,
});

/**
 * Stops and their reasons: the stops the state history made, a reason from the line's tree given at the terminal or in
 * the HMI (a shift lead may correct it; both are recorded), the tree as engineers set it, and the losses over shifts.
 */
export class Downtime {
  private readonly list;
  private readonly latestTree;

  constructor(
    private readonly store: EventStore,
    private readonly line: () => LineSetup | null,
    private readonly model: OeeModel,
  ) {
    this.list = store.db.prepare(
      `SELECT * FROM downtime WHERE start_ms < ? AND (end_ms IS NULL OR end_ms > ?) AND (? IS NULL OR work_center = ?) AND (? = 0 OR reason IS NULL) ORDER BY start_ms DESC LIMIT 5000`,
    );
    this.latestTree = store.db.prepare('SELECT tree FROM downtime_reasons WHERE line = ? ORDER BY seq DESC LIMIT 1').pluck();
  }

  reasons(): { tree: ReasonTree; isDefault: boolean } {
    const l = this.line();
    const json = l ? (this.latestTree.get(l.line.id) as string | undefined) : undefined;
    return json ? { tree: ReasonTree.parse(JSON.parse(json)), isDefault: false } : { tree: DEFAULT_REASON_TREE, isDefault: true };
  }

  async setReasons(input: { tree: unknown }, ctx: CommandContext): Promise<Result<{ tree: ReasonTree; isDefault: boolean }>> {
    const l = this.line();
    if (!l) return fail(ErrorCode.conflict, 'No line is set up yet: an engineer sets up the line first (Line setup).');
    const parsed = ReasonTree.safeParse(input.tree);
    if (!parsed.success) return fail(ErrorCode.validation, `The reason tree is not valid — ${describeIssues(parsed.error.issues, '(tree)')}`);
    const r = await this.store.submit((tx) => exec(tx, streams.production(l.line.id), productionSettingsDecider, { type: 'SetDowntimeReasons', line: l.line.id, tree: parsed.data }, ctx));
    return r.ok ? ok(this.reasons()) : r;
  }

  async giveReason(input: unknown, ctx: CommandContext): Promise<Result<StopView>> {
    const parsed = GiveReasonInput.safeParse(input);
    if (!parsed.success) return fail(ErrorCode.validation, `The reason is not valid — ${describeIssues(parsed.error.issues, '(reason)')}`);
    const i = parsed.data;
    const start = Date.parse(i.start);
    const l = oeeLineOf(this.line());
    const now = this.model.now();
    const r = await this.store.submit((tx) => {
      const stop = this.model.stops.at(i.workCenter, start);
      const microMs = (l ? this.model.versions.timeClassSettingsAt(l.id, now)?.microStopSeconds ?? 120 : 120) * 1000;
      return exec(tx, streams.stop(i.workCenter, new Date(start).toISOString()), downtimeDecider, {
        type: 'GiveReason', input: i, stop: stop ? { micro: isMicro(stop, now, microMs), open: stop.end === null } : null, reasons: reasonLeaves(this.reasons().tree),
      }, ctx);
    });
    if (!r.ok) return r;
    const stop = this.model.stops.at(i.workCenter, start);
    return stop ? ok(view(stop, this.model.now())) : fail(ErrorCode.internal, 'The reason was recorded but the stop cannot be read back.');
  }

  stops(q: { from: string; to: string; workCenter?: string | undefined; needsReason: boolean }): Result<DowntimeView> {
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (to <= from) return fail(ErrorCode.validation, 'The time range is empty: "to" must be after "from".');
    const l = oeeLineOf(this.line());
    const now = this.model.now();
    const microSeconds = l ? this.model.versions.timeClassSettingsAt(l.id, now)?.microStopSeconds ?? 120 : 120;
    const all = (this.list.all(to, from, q.workCenter ?? null, q.workCenter ?? null, q.needsReason ? 1 : 0) as DowntimeRow[]).map(stopRecordOf);
    const micro = new Map<string, { workCenter: string; count: number; seconds: number }>();
    const stops: StopView[] = [];
    for (const s of all) {
      if (isMicro(s, now, microSeconds * 1000)) {
        const m = micro.get(s.workCenter) ?? { workCenter: s.workCenter, count: 0, seconds: 0 };
        m.count += 1;
        m.seconds += ((s.end ?? now) - s.start) / 1000;
        micro.set(s.workCenter, m);
      } else stops.push(view(s, now));
    }
    return ok({ stops, micro: [...micro.values()], microStopSeconds: microSeconds });
  }

  losses(q: { from: string; to: string; workCenter?: string | undefined }): Result<LossesView> {
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (to <= from) return fail(ErrorCode.validation, 'The time range is empty: "to" must be after "from".');
    if (to - from > 400 * 86_400_000) return fail(ErrorCode.validation, 'Ask for at most 400 days at a time.');
    const l = oeeLineOf(this.line());
    if (!l) return fail(ErrorCode.conflict, 'No line is set up yet.');
    if (q.workCenter !== undefined && !l.workCenters.some((w) => w.id === q.workCenter)) return fail(ErrorCode.notFound, `Work center ${q.workCenter} is not on line ${l.id}.`);
    return ok(this.model.losses(l, from, to, q.workCenter));
  }
}
