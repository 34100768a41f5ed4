import {
  ErrorCode,
  RULE_TEXT,
  RULE_WINDOW,
  SpcBaselineInput,
  capability,
  describeIssues,
  fail,
  imrLimits,
  movingRanges,
  ok,
  ruleViolations,
  spcDecider,
  streams,
  subgroupMean,
  subgroupRange,

  xbarRLimits,
  type CharacteristicView,
  type CommandContext,
  type ControlLimits,
  type RecordedEvent,
  type Result,
  type RuleId,
  type RuleSet,
  type SpcChartView,
  type SpcSettings,
  type SpcSettingsView,
} from '../../core';
import type { EventStore } from '../store';
import type { AlarmEngine } from './alarm-engine';
import { exec } from './exec';

interface Point {
  n: number;
  at: number;
  value: number;
  serial: string;
}

type Extra = 'MR' | 'R';
const iso = (ms: number) => new Date(ms).toISOString();

/** The alarm of a characteristic that breaks its rules (ISA-18.2, through the station's alarm engine). */
export const spcAlarmId = (workCenter: string, measurement: string) => `SPC.${workCenter}.${measurement}`;

/**
 * SPC on the measurements: control charts per characteristic (a measurement at a work center), limits drawn from a
 * baseline engineers choose and then fixed, Western Electric or Nelson rules, Cp/Cpk against the routing's limits.
 * Each new measurement is judged as it commits: a point that breaks a rule raises the characteristic's alarm, which
 * returns when a later point breaks none.
 */
export class Spc {
  private readonly q;

  constructor(
    private readonly store: EventStore,
    private readonly alarms: Pick<AlarmEngine, 'system'>,
  ) {
    const db = store.db;
    this.q = {
      characteristics: db.prepare(
        'SELECT work_center AS workCenter, measurement, points, last_ms AS lastAt, unit, low, high FROM spc_characteristics ORDER BY work_center, measurement',
      ),
      settings: db.prepare('SELECT settings, set_at AS setAt, set_by AS setBy FROM spc_limits WHERE work_center = ? AND measurement = ?'),
      between: db.prepare('SELECT n, at_ms AS at, value, serial FROM spc_points WHERE work_center = ? AND measurement = ? AND at_ms >= ? AND at_ms < ? ORDER BY n LIMIT 20000'),
      lastN: db.prepare('SELECT n, at_ms AS at, value, serial FROM spc_points WHERE work_center = ? AND measurement = ? ORDER BY n DESC LIMIT ?'),
      before: db.prepare('SELECT n, at_ms AS at, value, serial FROM spc_points WHERE work_center = ? AND measurement = ? AND n < ? ORDER BY n DESC LIMIT ?'),
      spec: db.prepare('SELECT unit, low, high FROM spc_characteristics WHERE work_center = ? AND measurement = ?'),
    };
  }

  private settings(workCenter: string, measurement: string): SpcSettingsView | null {
    const r = this.q.settings.get(workCenter, measurement) as { settings: string; setAt: string; setBy: string } | undefined;
    if (!r) return null;
    const s = JSON.parse(r.settings) as SpcSettings;
    return { from: s.from, to: s.to, rules: s.rules, limits: s.limits, points: s.points, setAt: r.setAt, setBy: r.setBy };
  }

  characteristics(): CharacteristicView[] {
    type Row = { workCenter: string; measurement: string; points: number; lastAt: number | null; unit: string; low: number; high: number };
    return (this.q.characteristics.all() as Row[]).map((r) => {
      const settings = this.settings(r.workCenter, r.measurement);
      return { ...r, lastAt: r.lastAt === null ? null : iso(r.lastAt), settings, outOfControl: settings ? this.latestBreaks(r.workCenter, r.measurement, settings).length > 0 : false };
    });
  }

  /** The points of a chart, with the ones before them that the rules look back on. */
  private window(workCenter: string, measurement: string, q: { from?: string | undefined; to?: string | undefined; last: number }, context: number): { shown: Point[]; before: Point[] } {
    const shown = q.from || q.to
      ? (this.q.between.all(workCenter, measurement, q.from ? Date.parse(q.from) : 0, q.to ? Date.parse(q.to) : Number.MAX_SAFE_INTEGER) as Point[])
      : (this.q.lastN.all(workCenter, measurement, q.last) as Point[]).reverse();
    const first = shown[0]?.n;
    const before = first === undefined ? [] : (this.q.before.all(workCenter, measurement, first, context) as Point[]).reverse();
    return { shown, before };
  }

  chart(q: { workCenter: string; measurement: string; from?: string | undefined; to?: string | undefined; last: number }): Result<SpcChartView> {
    const spec = this.q.spec.get(q.workCenter, q.measurement) as { unit: string; low: number; high: number } | undefined;
    if (!spec) return fail(ErrorCode.notFound, `No ${q.measurement} has been measured at ${q.workCenter}.`);
    const settings = this.settings(q.workCenter, q.measurement);
    const rules: RuleSet = settings?.rules ?? 'western-electric';
    const size = settings?.limits.chart === 'xbar-r' ? settings.limits.n : 1;
    const { shown, before } = this.window(q.workCenter, q.measurement, q, RULE_WINDOW * size + size);
    const values = shown.map((p) => p.value);
    // No baseline yet: trial limits from what is shown, marked provisional.
    const limits: ControlLimits | null = settings?.limits ?? imrLimits(values);
    const base = { workCenter: q.workCenter, measurement: q.measurement, unit: spec.unit, low: spec.low, high: spec.high, settings, limits, provisional: !settings, rules };
    if (!limits) return ok({ ...base, points: shown.map((p) => ({ n: p.n, at: iso(p.at), value: p.value, serial: p.serial, mr: null, rules: [] })), subgroups: [], capability: null });
    const all = [...before, ...shown];
    const cap = capability(values, limits.sigmaWithin, spec.low, spec.high);
    if (limits.chart === 'imr') {
      const marks = ruleViolations(all.map((p) => p.value), limits.center, limits.sigma, rules).slice(before.length);
      const mr = movingRanges(all.map((p) => p.value));
      const points = shown.map((p, i) => {
        const k = before.length + i;
        const range = k > 0 ? mr[k - 1]! : null;
        const extra: Extra[] = range !== null && range > limits.dispersion.ucl ? ['MR'] : [];
        return { n: p.n, at: iso(p.at), value: p.value, serial: p.serial, mr: range, rules: [...marks[i]!, ...extra] };
      });
      return ok({ ...base, points, subgroups: [], capability: cap });
    }
    // X̄-R: subgroups are consecutive point numbers (1…n, n+1…2n, …), whole ones only.
    const groups = groupsOf(all, limits.n);
    const means = groups.map((g) => subgroupMean(g.map((p) => p.value)));
    const marks = ruleViolations(means, limits.center, limits.sigma, rules);
    const firstShown = shown[0]?.n ?? Number.MAX_SAFE_INTEGER;
    const subs = groups.flatMap((g, i) => {
      if (g[0]!.n < firstShown) return [];
      const range = subgroupRange(g.map((p) => p.value));
      const extra: Extra[] = range > limits.dispersion.ucl || range < limits.dispersion.lcl ? ['R'] : [];
      return [{ index: Math.floor((g[0]!.n - 1) / limits.n), at: iso(g.at(-1)!.at), mean: means[i]!, range, rules: [...marks[i]!, ...extra] }];
    });
    return ok({ ...base, points: shown.map((p) => ({ n: p.n, at: iso(p.at), value: p.value, serial: p.serial, mr: null, rules: [] })), subgroups: subs, capability: cap });
  }

  async setBaseline(input: unknown, ctx: CommandContext): Promise<Result<CharacteristicView>> {
    const parsed = SpcBaselineInput.safeParse(input);
    if (!parsed.success) return fail(ErrorCode.validation, `The baseline is not valid — ${describeIssues(parsed.error.issues, '(baseline)')}`);
    const i = parsed.data;
    if (!this.q.spec.get(i.workCenter, i.measurement)) return fail(ErrorCode.notFound, `No ${i.measurement} has been measured at ${i.workCenter}.`);
    const r = await this.store.submit((tx) => {
      const points = this.q.between.all(i.workCenter, i.measurement, Date.parse(i.from), Date.parse(i.to)) as Point[];
      const values = points.map((p) => p.value);
      const limits = i.chart === 'imr' ? imrLimits(values) : xbarRLimits(groupsOf(points, i.subgroupSize).map((g) => g.map((p) => p.value)));
      return exec(tx, streams.spc(i.workCenter, i.measurement), spcDecider, { type: 'SetSpcLimits', input: i, values, limits }, ctx);
    });
    if (!r.ok) return r;
    this.judge(i.workCenter, i.measurement);
    return ok(this.characteristics().find((c) => c.workCenter === i.workCenter && c.measurement === i.measurement)!);
  }

  /** Judges the newest point of every characteristic measured in these events, raising or returning its alarm. */
  onCommitted(events: readonly RecordedEvent[]): void {
    const touched = new Set<string>();
    for (const e of events) {
      if (e.type === 'OperationCompleted') for (const m of e.data.measurements) touched.add(`${e.data.workCenter}\u0000${m.name}`);
    }
    for (const key of touched) {
      const [wc, m] = key.split('\u0000') as [string, string];
      this.judge(wc, m);
    }
  }

  private latestBreaks(workCenter: string, measurement: string, s: SpcSettingsView): (RuleId | Extra)[] {
    const size = s.limits.chart === 'xbar-r' ? s.limits.n : 1;
    const recent = (this.q.lastN.all(workCenter, measurement, (RULE_WINDOW + 1) * size) as Point[]).reverse();
    if (s.limits.chart === 'imr') {
      const values = recent.map((p) => p.value);
      const marks = ruleViolations(values, s.limits.center, s.limits.sigma, s.rules);
      const mr = values.length > 1 ? Math.abs(values.at(-1)! - values.at(-2)!) : 0;
      return [...(marks.at(-1) ?? []), ...(mr > s.limits.dispersion.ucl ? (['MR'] as const) : [])];
    }
    const groups = groupsOf(recent, size);
    const marks = ruleViolations(groups.map((g) => subgroupMean(g.map((p) => p.value))), s.limits.center, s.limits.sigma, s.rules);
    const last = groups.at(-1);
    const range = last ? subgroupRange(last.map((p) => p.value)) : 0;
    return [...(marks.at(-1) ?? []), ...(range > s.limits.dispersion.ucl || range < s.limits.dispersion.lcl ? (['R'] as const) : [])];
  }

  private judge(workCenter: string, measurement: string): void {
    const s = this.settings(workCenter, measurement);
    if (!s) return;
    const broken = this.latestBreaks(workCenter, measurement, s);
    const last = (this.q.lastN.all(workCenter, measurement, 1) as Point[])[0];
    const what = broken.map((r) => (r === 'MR' ? 'a moving range beyond its limit' : r === 'R' ? 'a subgroup range beyond its limits' : RULE_TEXT[r])).join('; ');
    const message = last
      ? `${measurement} at ${workCenter} out of statistical control: ${what} (${last.value} at ${new Date(last.at).toISOString().slice(11, 19)} UTC, unit ${last.serial})`
      : `${measurement} at ${workCenter} out of statistical control`;
    this.alarms.system(spcAlarmId(workCenter, measurement), broken.length > 0, 'medium', message, last?.value ?? null);
  }
}

/** Points in subgroups of consecutive numbers (1…n, n+1…2n, …), complete ones only. */
function groupsOf<P extends { n: number }>(points: readonly P[], size: number): P[][] {
  const by = new Map<number, P[]>();
  for (const p of points) {
    const k = Math.floor((p.n - 1) / size);
    by.set(k, [...(by.get(k) ?? []), p]);
  }
  return [...by.values()].filter((g) => g.length === size);
}

