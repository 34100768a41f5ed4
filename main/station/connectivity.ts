import {
  CERTIFICATE_TRUST_STREAM,
  ErrorCode,
  FLOOD,
  certificateTrustDecider,
  commandTarget,
  fail,
  ok,
  parsePackMLState,
  redactConnection,
  streams,
  type AlarmSummary,
  type AlarmView,
  type CertificateView,
  type ConfigView,
  withKeptPassword,
  type CommandContext,
  type DomainEvent,
  type ConnectionConfig,
  type ConnectionView,
  type PackMLCommand,
  type Result,
  type StateInterval,
  type TagRef,
  type TagValueView,
} from '../../core';
import type { ConnectivityPort } from '../api';
import type { EventStore } from '../store';
import type { AlarmEngine } from './alarm-engine';
import type { Clock } from './clock';
import type { ConfigStore } from './config-store';
import type { ConnectionManager, DriverFactory } from './connections';
import { exec } from './exec';
import type { Historian } from './historian';
import type { TagCache } from './tag-cache';

export interface CertificateStore {
  list(connection: ConnectionConfig): Promise<Result<CertificateView[]>>;
  act(connection: ConnectionConfig, thumbprint: string, action: 'trust' | 'reject' | 'remove'): Promise<Result<CertificateView[]>>;
}

const TEST_TIMEOUT_MS = 10_000;

interface AlarmRow {
  id: string; priority: AlarmView['priority']; message: string; active: number; acknowledged: number; shelved_until: string | null;
  shelve_reason: string | null; last_value: string | null; raised_at: string | null; changed_at: string;
}

/** The connectivity side of the station as the API sees it: a facade over config, drivers, tags, alarms, history. */
export class Connectivity implements ConnectivityPort {
  constructor(
    private readonly store: EventStore,
    private readonly configStore: ConfigStore,
    private readonly manager: ConnectionManager,
    private readonly cache: TagCache,
    private readonly alarmEngine: AlarmEngine,
    private readonly historian: Historian,
    private readonly createDriver: DriverFactory,
    private readonly certs: CertificateStore | null,
    private readonly clock: Clock,
  ) {}

  /** What screens see of the configuration: named parts only (a secret added to it later is not sent by default). */
  config(): ConfigView {
    const c = this.configStore.get();
    return { connections: c.connections.map(redactConnection), mapping: c.mapping, alarms: c.alarms, historian: c.historian, file: this.configStore.file };
  }

  connections(): ConnectionView[] {
    return this.configStore.get().connections.map((c) => this.view(c));
  }

  private view(c: ConnectionConfig): ConnectionView {
    const driver = this.manager.driver(c.id);
    const health = this.manager.health(c.id) ?? {
      connected: false,
      endpoint: 'endpoint' in c ? c.endpoint : c.brokerUrl,
      message: c.enabled ? 'not started' : 'disabled',
      since: this.clock.now().toISOString(),
    };
    return { config: redactConnection(c), health, stats: driver?.stats() ?? { updates: 0, rejected: 0, lastRejection: null, reconnects: 0 } };
  }

  async saveConnection(c: ConnectionConfig, ctx: CommandContext): Promise<Result<ConnectionView>> {
    const r = this.configStore.upsertConnection(c, ctx);
    if (!r.ok) return r;
    const saved = r.value.connections.find((x) => x.id === c.id);
    return saved ? ok(this.view(saved)) : fail(ErrorCode.internal, 'The connection was not saved.');
  }

  removeConnection(id: string, ctx: CommandContext): Result<{ removed: boolean }> {
    const r = this.configStore.removeConnection(id, ctx);
    return r.ok ? ok({ removed: true }) : r;
  }

  async testConnection(c: ConnectionConfig): Promise<{ ok: boolean; message: string; milliseconds: number }> {
    const started = Date.now();
    const stored = this.configStore.get().connections.find((x) => x.id === c.id);
    // The stored password goes only to the peer it was stored for: a form pointed elsewhere must give its own.
    const withSecret = withKeptPassword(stored, c);
    let driver: ReturnType<DriverFactory>;
    try {
      driver = this.createDriver({ ...withSecret, id: `${c.id}-test` } as ConnectionConfig);
    } catch (error) {
      return { ok: false, message: (error as Error).message, milliseconds: Date.now() - started };
    }
    try {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        driver.connect(),
        new Promise((_r, reject) => {
          timer = setTimeout(() => reject(new Error(`no connection within ${TEST_TIMEOUT_MS / 1000} s: ${driver.health().message}`)), TEST_TIMEOUT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      return { ok: true, message: driver.health().message, milliseconds: Date.now() - started };
    } catch (error) {
      return { ok: false, message: (error as Error).message, milliseconds: Date.now() - started };
    } finally {
      await driver.dispose().catch(() => undefined);
    }
  }

  async browse(id: string, address: string | null) {
    const driver = this.manager.driver(id);
    if (!driver) return fail(ErrorCode.notFound, `Connection "${id}" is not running; save and enable it first.`);
    try {
      return ok(await driver.browse(address));
    } catch (error) {
      return fail(ErrorCode.conflict, `Browsing ${id} failed: ${(error as Error).message}`);
    }
  }

  /** Subscribed tags from the live model; any other tag (one picked in the browser) read from its device. */
  async readTags(tags: readonly TagRef[]): Promise<TagValueView[]> {
    const out = new Map<TagRef, TagValueView>();
    const unknown = new Map<string, TagRef[]>();
    for (const t of tags) {
      const v = this.cache.get(t);
      if (v) out.set(t, { ...t, value: v.value, quality: v.quality, sourceTime: v.sourceTime });
      else unknown.set(t.connection, [...(unknown.get(t.connection) ?? []), t]);
    }
    await Promise.all(
      [...unknown].map(async ([connection, refs]) => {
        const driver = this.manager.driver(connection);
        const values = driver ? await driver.read(refs.map((r) => r.address)).catch(() => []) : [];
        refs.forEach((r, i) => {
          const v = values[i];
          out.set(r, { ...r, value: v?.value ?? null, quality: v?.quality ?? 'bad', sourceTime: v?.sourceTime ?? null });
        });
      }),
    );
    return tags.map((t) => out.get(t) ?? { ...t, value: null, quality: 'bad', sourceTime: null });
  }

  async certificates(id: string) {
    const c = this.configStore.get().connections.find((x) => x.id === id);
    if (!c || c.kind !== 'opcua') return fail(ErrorCode.notFound, `"${id}" is not an OPC UA connection.`);
    return this.certs ? this.certs.list(c) : fail(ErrorCode.notFound, 'Certificate management is not available in this build.');
  }

  async certificateAction(id: string, thumbprint: string, action: 'trust' | 'reject' | 'remove', ctx: CommandContext) {
    const c = this.configStore.get().connections.find((x) => x.id === id);
    if (!c || c.kind !== 'opcua') return fail(ErrorCode.notFound, `"${id}" is not an OPC UA connection.`);
    if (!this.certs) return fail(ErrorCode.notFound, 'Certificate management is not available in this build.');
    const r = await this.certs.act(c, thumbprint, action);
    // The decision is part of the record: who trusted or rejected which server's certificate, when.
    if (r.ok) {
      const recorded = await this.store.submit((tx) => exec(tx, CERTIFICATE_TRUST_STREAM, certificateTrustDecider, { type: 'RecordTrust', connection: id, thumbprint, action }, ctx));
      if (!recorded.ok) return recorded;
    }
    // A server just trusted: connections that failed on its certificate try again now, not at the next restart.
    if (r.ok && action === 'trust') await this.manager.retryFailed();
    return r;
  }

  saveSection(section: 'mapping' | 'alarms' | 'historian', value: unknown, ctx: CommandContext): Result<ConfigView> {
    const r = this.configStore.replaceSection(section, value as never, ctx);
    return r.ok ? ok(this.config()) : r;
  }

  alarms(scope: 'current' | 'all'): AlarmSummary {
    const where = scope === 'current' ? 'WHERE active = 1 OR acknowledged = 0 OR shelved_until IS NOT NULL' : '';
    const order = "CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, raised_at DESC";
    const rows = this.store.db.prepare(`SELECT * FROM alarms ${where} ORDER BY ${order}`).all() as AlarmRow[];
    const since = new Date(this.clock.now().getTime() - FLOOD.windowMs).toISOString();
    const raised = this.store.db.prepare("SELECT count(*) FROM alarm_log WHERE kind = 'raised' AND at > ?").pluck().get(since) as number;
    const defs = this.configStore.get().alarms;
    const wc = new Map(defs.map((d) => [d.id, d.workCenter ?? null]));
    return {
      alarms: rows.map((r) => this.alarmView(r, wc.get(r.id) ?? null)),
      flood: { active: raised > FLOOD.count, raisedInWindow: raised, windowMinutes: FLOOD.windowMs / 60_000 },
      definitions: defs.length,
    };
  }

  private alarmView(r: AlarmRow, workCenter: string | null): AlarmView {
    return {
      id: r.id,
      priority: r.priority,
      message: r.message,
      workCenter,
      active: r.active === 1,
      acknowledged: r.acknowledged === 1,
      shelvedUntil: r.shelved_until,
      shelveReason: r.shelve_reason,
      lastValue: r.last_value === null ? null : (JSON.parse(r.last_value) as unknown),
      raisedAt: r.raised_at,
      changedAt: r.changed_at,
    };
  }

  async alarmAction(req: { id: string; action: 'acknowledge' | 'shelve' | 'unshelve'; comment?: string; until?: string; reason?: string }, ctx: CommandContext) {
    const exists = this.store.db.prepare('SELECT 1 FROM alarms WHERE id = ?').get(req.id);
    if (!exists) return fail(ErrorCode.notFound, `Alarm ${req.id} has never been raised.`);
    const r =
      req.action === 'acknowledge'
        ? await this.alarmEngine.acknowledge(req.id, ctx, req.comment)
        : req.action === 'shelve'
          ? await this.alarmEngine.shelve(req.id, ctx, req.until ?? '', req.reason ?? '')
          : await this.alarmEngine.unshelve(req.id, ctx);
    if (!r.ok) return r;
    const row = this.store.db.prepare('SELECT * FROM alarms WHERE id = ?').get(req.id) as AlarmRow;
    return ok(this.alarmView(row, this.configStore.get().alarms.find((d) => d.id === req.id)?.workCenter ?? null));
  }

  history(ref: TagRef, from: string, to: string, maxPoints: number) {
    const points = this.historian.query(ref, Date.parse(from), Date.parse(to), maxPoints);
    return { tag: ref, points: points.map((p) => [p.t, p.quality === 'bad' ? null : p.value, p.quality] as [number, number | null, 'good' | 'uncertain' | 'bad']) };
  }

  stateHistory(workCenter: string, from: string, to: string): StateInterval[] {
    return (
      this.store.db
        .prepare('SELECT state, from_at, to_at FROM state_history WHERE work_center = ? AND from_at < ? AND (to_at IS NULL OR to_at > ?) ORDER BY from_at')
        .all(workCenter, to, from) as { state: StateInterval['state']; from_at: string; to_at: string | null }[]
    ).map((r) => ({ state: r.state, from: r.from_at, to: r.to_at }));
  }

  async command(workCenter: string, command: PackMLCommand, ctx: CommandContext) {
    const mapping = this.configStore.get().mapping.workCenters.find((w) => w.workCenter === workCenter);
    const ref = mapping?.signals.command;
    if (!ref) return fail(ErrorCode.conflict, `${workCenter} has no command tag mapped. An engineer can map one under Connections → Mapping.`);
    const raw = this.store.db.prepare('SELECT state FROM work_centers WHERE id = ?').pluck().get(workCenter) as string | undefined;
    const state = raw ? parsePackMLState(raw) : undefined;
    if (!state) return fail(ErrorCode.invalidTransition, `The state of ${workCenter} is not known, so no command can be checked against it.`);
    const to = commandTarget(state, command);
    if (!to) return fail(ErrorCode.invalidTransition, `${command} is not allowed while ${workCenter} is ${state} (PackML).`, { state, command });
    const driver = this.manager.driver(ref.connection);
    if (!driver) return fail(ErrorCode.conflict, `Connection ${ref.connection} is not running.`);
    // The intent first, then the write, then its outcome: a command that reached a PLC is never missing from the record.
    const record = (event: DomainEvent) =>
      this.store.submit((tx) => {
        const stream = streams.workCenter(`${workCenter}:commands`);
        const { version } = tx.load(stream, { initialState: () => null, evolve: () => null });
        tx.append(stream, version, [event], ctx);
      });
    await record({ type: 'PackMLCommandRequested', data: { workCenter, command, from: state } });
    try {
      await driver.write(ref.address, command);
    } catch (error) {
      const reason = (error as Error).message;
      await record({ type: 'PackMLCommandFailed', data: { workCenter, command, from: state, reason } });
      return fail(ErrorCode.conflict, `${workCenter} did not take the command: ${reason}`);
    }
    await record({ type: 'PackMLCommandIssued', data: { workCenter, command, from: state } });
    return ok({ workCenter, command, from: state, to });
  }
}
