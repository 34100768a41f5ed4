import { existsSync, readFileSync, renameSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ErrorCode, LineSetup, fail, lineDecider, ok, streams, type CommandContext, type LineSetupInput, type RecordedEvent, type Result } from '../../core';
import type { EventStore } from '../store';
import type { Clock } from './clock';
import { newContext } from './context';
import { exec } from './exec';
import { productDefinition } from './facts';
import type { Log } from './log';

/** What commands need to know of the line: its id (null: none set up yet) and its work centers. */
export interface LineRef {
  readonly id: string | null;
  /** The line's work centers; undefined where no line is defined (tools), so routings are not checked against one. */
  readonly workCenters: readonly string[] | undefined;
}

/** A line fixed in code (tools, tests, benchmarks). */
export const fixedLine = (id: string, workCenters?: readonly string[]): LineRef => ({ id, workCenters });

const describe = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || '(line)'}: ${i.message}`).join('; ');

/**
 * The station's line as engineers set it up: recorded as LineConfigured events (who, before, after), kept in the
 * lines read model, and mirrored to <dataDir>/line.json, which may be edited by hand like the connections: a valid
 * edit is applied live, an invalid one refused in the log and the last good setup kept. One line per station for
 * now; the record is per line (stream line:<id>) so that several can come.
 */
export class LineSetups implements LineRef {
  private current: LineSetup | null;
  private readonly listeners = new Set<(setup: LineSetup) => void>();
  private watcher: FSWatcher | null = null;
  private lastWritten = '';
  readonly file: string;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly log: Log,
    dataDir: string,
  ) {
    this.file = join(dataDir, 'line.json');
    const row = store.db.prepare('SELECT setup FROM lines ORDER BY configured_at LIMIT 1').pluck().get() as string | undefined;
    this.current = row ? LineSetup.parse(JSON.parse(row)) : null;
  }

  get(): LineSetup | null {
    return this.current;
  }

  get id(): string | null {
    return this.current?.line.id ?? null;
  }

  get workCenters(): readonly string[] | undefined {
    return this.current ? this.current.line.workCenters.map((w) => w.id) : [];
  }

  onChange(listener: (setup: LineSetup) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Set up or change the line; refused with the reason when it does not hold together or takes away what is in use. */
  async configure(input: LineSetupInput, ctx: CommandContext): Promise<Result<LineSetup>> {
    const parsed = LineSetup.safeParse(input);
    if (!parsed.success) return fail(ErrorCode.validation, `The line setup is not valid — ${describe(parsed.error.issues)}`);
    const setup = parsed.data;
    if (this.current && this.current.line.id !== setup.line.id) {
      return fail(ErrorCode.validation, `This station runs line ${this.current.line.id}; a line keeps its id (one line per station for now).`);
    }
    const r = await this.store.submit((tx) =>
      exec(tx, streams.line(setup.line.id), lineDecider, { type: 'ConfigureLine', setup, inUse: this.inUse(this.current) }, ctx),
    );
    if (!r.ok) return r;
    this.adopt(setup);
    return ok(setup);
  }

  /** Keeps the line in step with LineConfigured however it was recorded (the station calls it with every commit). */
  applyCommitted(events: readonly RecordedEvent[]): void {
    for (const e of events) if (e.type === 'LineConfigured') this.adopt(e.data.after);
  }

  /** Mirror the setup to the file and follow hand edits of it. */
  watchFile(): void {
    if (this.current) this.writeFile();
    if (this.watcher) return;
    let timer: NodeJS.Timeout | null = null;
    this.watcher = watch(dirname(this.file), (_event, name) => {
      if (name !== basename(this.file)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void this.fromFile(), 200);
    });
  }

  /** Read line.json once (start-up, or a file an installer put there before the first start). */
  async fromFile(): Promise<void> {
    if (!existsSync(this.file)) return;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    if (text === this.lastWritten) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      this.log.error(`${this.file} is not valid JSON; keeping the last good line setup`, error);
      return;
    }
    const parsed = LineSetup.safeParse(json);
    if (parsed.success && this.current && JSON.stringify(parsed.data) === JSON.stringify(this.current)) return;
    // Who edited the file is not known to the station: the change is recorded as the file's, by name.
    const ctx = newContext(this.clock, 'line file', { source: `file:${basename(this.file)}` });
    const r = await this.configure(json as LineSetupInput, ctx);
    if (!r.ok) this.log.error(`${this.file} refused: ${r.error.message} Keeping the last good line setup.`);
    else this.log.info(`line setup applied from ${this.file}`);
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  private adopt(setup: LineSetup): void {
    if (this.current && JSON.stringify(this.current) === JSON.stringify(setup)) return;
    this.current = setup;
    if (this.watcher) this.writeFile();
    for (const l of this.listeners) l(setup);
  }

  /** For each work center of the line: units there now, and open orders whose routing goes through it. */
  private inUse(setup: LineSetup | null): Record<string, string[]> {
    if (!setup) return {};
    const db = this.store.db;
    const units = db.prepare("SELECT serial, operation FROM units WHERE work_center = ? AND status IN ('queued', 'in_operation') LIMIT 5");
    const open = db.prepare("SELECT number, product, revision FROM orders WHERE status NOT IN ('completed', 'cancelled')").all() as {
      number: string;
      product: string;
      revision: string;
    }[];
    const routes = new Map<string, readonly string[]>();
    const out: Record<string, string[]> = {};
    for (const wc of setup.line.workCenters) {
      const uses = (units.all(wc.id) as { serial: string; operation: number }[]).map((u) => `unit ${u.serial} at operation ${u.operation}`);
      for (const o of open) {
        const key = `${o.product}/${o.revision}`;
        if (!routes.has(key)) routes.set(key, productDefinition(db, o.product, o.revision)?.routing.map((op) => op.workCenter) ?? []);
        if (routes.get(key)?.includes(wc.id) && uses.length < 10) uses.push(`order ${o.number}`);
      }
      if (uses.length > 0) out[wc.id] = uses;
    }
    return out;
  }

  private writeFile(): void {
    const text = `${JSON.stringify(this.current, null, 2)}\n`;
    this.lastWritten = text;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
