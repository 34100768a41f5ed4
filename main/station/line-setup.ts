import { basename, join } from 'node:path';
import { ErrorCode, LineSetup, describeIssues, fail, lineDecider, ok, streams, type CommandContext, type LineSetupInput, type RecordedEvent, type Result } from '../../core';
import type { Db, EventStore } from '../store';
import type { Clock } from './clock';
import { newContext } from './context';
import { EditableFile } from './editable-file';
import { exec } from './exec';
import { productDefinition } from './facts';
import type { Log } from './log';
import { fileActor } from './file-actor';

/** What commands need to know of the line: its id (null: none set up yet) and its work centers. */
export interface LineRef {
  readonly id: string | null;
  /** The line's work centers; undefined where no line is defined (tools), so routings are not checked against one. */
  readonly workCenters: readonly string[] | undefined;
}

/** A line fixed in code (tools, tests, benchmarks). */
export const fixedLine = (id: string, workCenters?: readonly string[]): LineRef => ({ id, workCenters });


/** The line as last set up, from the lines read model (null: none yet); at a station or over the plant's replica of one. */
export function recordedLineSetup(db: Db): LineSetup | null {
  const row = db.prepare('SELECT setup FROM lines ORDER BY configured_at LIMIT 1').pluck().get() as string | undefined;
  return row ? LineSetup.parse(JSON.parse(row)) : null;
}

/**
 * The station's line as engineers set it up: recorded as LineConfigured events (who, before, after), kept in the
 * lines read model, and mirrored to <dataDir>/line.json, which may be edited by hand like the connections: a valid
 * edit is applied live, an invalid one refused in the log and the last good setup kept. One line per station for
 * now; the record is per line (stream line:<id>) so that several can come.
 */
export class LineSetups implements LineRef {
  private current: LineSetup | null;
  private readonly mirror: EditableFile;
  private readonly offCommitted: () => void;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly log: Log,
    dataDir: string,
  ) {
    this.mirror = new EditableFile(join(dataDir, 'line.json'));
    this.offCommitted = store.onCommitted((events) => this.applyCommitted(events));
    this.current = recordedLineSetup(store.db);
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

  /** Set up or change the line; refused with the reason when it does not hold together or takes away what is in use. */
  async configure(input: LineSetupInput, ctx: CommandContext): Promise<Result<LineSetup>> {
    const parsed = LineSetup.safeParse(input);
    if (!parsed.success) return fail(ErrorCode.validation, `The line setup is not valid — ${describeIssues(parsed.error.issues, '(line)')}`);
    const setup = parsed.data;
    if (this.current && this.current.line.id !== setup.line.id) {
      return fail(ErrorCode.validation, `This station runs line ${this.current.line.id}; a line keeps its id (one line per station for now).`);
    }
    const r = await this.store.submit((tx) =>
      exec(tx, streams.line(setup.line.id), lineDecider, { type: 'ConfigureLine', setup, inUse: this.inUse(this.current) }, ctx),
    );
    // Adopted as it commits (applyCommitted, called before this resumes).
    return r.ok ? ok(setup) : r;
  }

  /** Keeps the line in step with LineConfigured however it was recorded (heard on every commit). */
  private applyCommitted(events: readonly RecordedEvent[]): void {
    for (const e of events) if (e.type === 'LineConfigured') this.adopt(e.data.after);
  }

  /** Mirror the setup to the file and follow hand edits of it. */
  watchFile(): void {
    if (this.current) this.mirror.write(this.current);
    this.mirror.follow(() => void this.fromFile());
  }

  /** Read line.json once (start-up, or a file an installer put there before the first start). */
  async fromFile(): Promise<void> {
    const file = this.mirror.path;
    let json: unknown;
    try {
      json = this.mirror.readEdited();
    } catch (error) {
      this.log.error(`${file} is not valid JSON; keeping the last good line setup`, error);
      return;
    }
    if (json === null) return;
    const parsed = LineSetup.safeParse(json);
    if (parsed.success && this.current && JSON.stringify(parsed.data) === JSON.stringify(this.current)) return;
    // Who edited the file is not known to the station: the change is recorded as the file's, by name and owner.
    const ctx = newContext(this.clock, fileActor('line file', file), { source: `file:${basename(file)}` });
    const r = await this.configure(json as LineSetupInput, ctx);
    if (!r.ok) this.log.error(`${file} refused: ${r.error.message} Keeping the last good line setup.`);
    else this.log.info(`line setup applied from ${file}`);
  }

  dispose(): void {
    this.offCommitted();
    this.mirror.dispose();
  }

  private adopt(setup: LineSetup): void {
    if (this.current && JSON.stringify(this.current) === JSON.stringify(setup)) return;
    this.current = setup;
    if (this.mirror.following) this.mirror.write(setup);
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
}
