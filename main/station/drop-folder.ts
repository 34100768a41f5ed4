import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { CreateOrderRequest, EngineeringChange, ErrorCode, ExpectedReceipt, MaterialDefinition, ProductDefinition, fail, ok, type ChangeView, type CommandContext, type Result } from '../../core';
import type { Commands } from './commands';
import type { B2mmlReader } from './b2mml-reader';
import type { Log } from './log';
import { fileActor } from './file-actor';

/** Where dropped engineering changes go (the station's Changes). */
export interface ChangeIntake {
  submit(change: EngineeringChange, ctx: CommandContext): Promise<Result<ChangeView>>;
  fromDefinitions(products: readonly ProductDefinition[], kind: string, ctx: CommandContext): Promise<Result<{ changes: string[]; fresh: ProductDefinition[] }>>;
  materialRevisions(): Record<string, string>;
}

/** Where dropped expected receipts go (the station's Supply). */
export interface SupplyIntake {
  expect(receipts: readonly ExpectedReceipt[], ctx: CommandContext): Promise<Result<{ expected: string[]; revised: string[]; slipped: string[]; unchanged: string[] }>>;
}

/** What an import of orders and master data says it did. */
const told = (r: Result<{ received: string[]; unchanged: string[]; materials: number; products?: number }>): Result<string> =>
  r.ok
    ? ok(`${r.value.received.length} order(s) received, ${r.value.unchanged.length} already here, ${r.value.materials} material(s) and ${r.value.products ?? 0} product revision(s) defined`)
    : r;

export interface DropResult {
  readonly file: string;
  readonly ok: boolean;
  readonly message: string;
}

const MasterFile = z.object({
  materials: z.array(MaterialDefinition).default([]),
  products: z.array(ProductDefinition).default([]),
  orders: z.array(CreateOrderRequest).default([]),
});

/**
 * A watched folder for ERP exports: B2MML (.xml), CSV (.csv: number,product,revision,quantity,dueDate[,priority]
 * with a header row), JSON master data and orders (.json: { materials, products, orders }) and JSON engineering changes
 * (.json: { engineeringChange }), expected receipts (.json: { expectedReceipts }). Each file is applied whole or not at all, then moved to done/ or failed/ (with a .reason.txt
 * beside it that says what and where). Files are taken in name order, once unchanged for settleMs, so a file still
 * being written is not read half-way.
 */
/** The largest file taken from the drop folder: a schedule of 10,000 orders is about 5 MiB. */
const MAX_FILE_BYTES = 32 * 2 ** 20;

export class DropFolder {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> = Promise.resolve();
  readonly done: string;
  readonly failed: string;

  constructor(
    readonly folder: string,
    private readonly commands: Commands,
    private readonly b2mml: B2mmlReader,
    private readonly log: Log,
    private readonly onResult: (r: DropResult) => void = () => undefined,
    private readonly settleMs = 1_000,
  ) {
    this.done = join(folder, 'done');
    this.failed = join(folder, 'failed');
    for (const d of [folder, this.done, this.failed]) mkdirSync(d, { recursive: true });
  }

  start(): void {
    this.scan();
    this.watcher = watch(this.folder, () => this.scan());
    // A file that was still being written at its last event is taken on a later look.
    this.timer = setInterval(() => this.scan(), Math.max(500, this.settleMs));
  }

  /** Resolves when every file seen so far has been handled. */
  idle(): Promise<void> {
    return this.busy;
  }

  dispose(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.busy;
  }

  private scan(): void {
    this.busy = this.busy
      .then(() => this.takeAll())
      .catch((error: unknown) => this.log.error('drop folder', error));
  }

  private async takeAll(): Promise<void> {
    const files = readdirSync(this.folder, { withFileTypes: true })
      .filter((f) => f.isFile() && ['.xml', '.csv', '.json'].includes(extname(f.name).toLowerCase()))
      // Whole milliseconds on both sides: a file written in the millisecond of the look has a fractional mtime after
      // Date.now()'s, and would otherwise wait for the next look.
      .filter((f) => Date.now() - Math.floor(statSync(join(this.folder, f.name), { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) >= this.settleMs)
      .map((f) => f.name)
      .sort();
    for (const name of files) await this.take(name);
  }

  private async take(name: string): Promise<void> {
    const path = join(this.folder, name);
    if (!existsSync(path)) return;
    let result: Result<string>;
    try {
      const size = statSync(path).size;
      if (size > MAX_FILE_BYTES) {
        throw new Error(`the file is ${(size / 2 ** 20).toFixed(0)} MiB; the drop folder takes files up to ${MAX_FILE_BYTES / 2 ** 20} MiB (split the export)`);
      }
      const text = readFileSync(path, 'utf8');
      const ext = extname(name).toLowerCase();
      // Recorded as the file's, by name and the account that owns it (who put it there is not known to the station).
      const ctx = this.commands.context(fileActor('import file', path), { source: `file:${name}` });
      result = ext === '.csv' ? told(await this.fromCsv(text, ctx)) : ext === '.json' ? await this.fromJson(text, ctx) : await this.fromXml(text, ctx);
    } catch (error) {
      result = { ok: false, error: { code: 'internal_error', message: (error as Error).message } };
    }
    // The station could not take it now (stopping, its reader restarting): left where it is, taken at a later scan.
    if (!result.ok && result.error.code === ErrorCode.busy) {
      this.log.info(`drop folder: ${name}: ${result.error.message} (left in place, taken again shortly)`);
      return;
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = join(result.ok ? this.done : this.failed, `${stamp}-${basename(name)}`);
    renameSync(path, target);
    const message = result.ok ? result.value : result.error.message;
    if (!result.ok) writeFileSync(`${target}.reason.txt`, `${message}\n`);
    (result.ok ? this.log.info : this.log.warn)(`drop folder: ${name}: ${message}`);
    this.onResult({ file: name, ok: result.ok, message });
  }

  private async fromXml(xml: string, ctx: CommandContext): Promise<Result<string>> {
    // Off the station's loop: a dropped file may be megabytes.
    const parsed = await this.b2mml.read(xml, this.changes ? { materialRevisions: this.changes.materialRevisions() } : {});
    if (!parsed.ok) return parsed;
    const m = parsed.value;
    if (m.products.length === 0) return told(await this.commands.importMessage(m.orders, m.materials, ctx));
    if (!this.changes) return fail(ErrorCode.validation, 'this station takes no product definitions from files');
    const taken = await this.changes.fromDefinitions(m.products, m.kind, ctx);
    if (!taken.ok) return taken;
    const r = told(await this.commands.importMessage(m.orders, m.materials, ctx, taken.value.fresh));
    return r.ok && taken.value.changes.length > 0 ? ok(`${r.value}; change(s) ${taken.value.changes.join(', ')} submitted, waiting for approval`) : r;
  }

  /** Master data and orders as JSON: { materials?, products?, orders? } (the API's shapes). */
  /** Engineering changes dropped as JSON ({ "engineeringChange": { … } }) go to these, where the station takes them. */
  takeChanges(changes: ChangeIntake): void {
    this.changes = changes;
  }

  private changes: ChangeIntake | null = null;

  /** Expected receipts dropped as JSON ({ "expectedReceipts": [ … ] }) go to these. */
  takeSupply(supply: SupplyIntake): void {
    this.supply = supply;
  }

  private supply: SupplyIntake | null = null;

  private async fromJson(text: string, ctx: CommandContext): Promise<Result<string>> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { ok: false as const, error: { code: 'validation_failed', message: `not JSON: ${(error as Error).message}` } };
    }
    const issues = (e: z.ZodError) => e.issues.slice(0, 5).map((x) => `${x.path.join('.') || '(file)'}: ${x.message}`).join('; ');
    if (raw !== null && typeof raw === 'object' && 'engineeringChange' in raw) {
      if (!this.changes) return { ok: false, error: { code: 'validation_failed', message: 'this station takes no engineering changes from files' } };
      const change = EngineeringChange.safeParse((raw as { engineeringChange: unknown }).engineeringChange);
      if (!change.success) return { ok: false, error: { code: 'validation_failed', message: `engineeringChange: ${issues(change.error)}` } };
      const r = await this.changes.submit(change.data, ctx);
      if (!r.ok) return r;
      const d = r.value.diff;
      return ok(
        `change ${r.value.number} submitted (${r.value.product} rev ${r.value.fromRevision} → ${r.value.toRevision}: ${d.bom.length} BOM line(s) and ${d.operations.length} operation(s) changed), waiting for approval`,
      );
    }
    if (raw !== null && typeof raw === 'object' && 'expectedReceipts' in raw) {
      if (!this.supply) return { ok: false, error: { code: 'validation_failed', message: 'this station takes no expected receipts from files' } };
      const receipts = z.array(ExpectedReceipt).min(1).safeParse((raw as { expectedReceipts: unknown }).expectedReceipts);
      if (!receipts.success) return { ok: false, error: { code: 'validation_failed', message: `expectedReceipts: ${issues(receipts.error)}` } };
      const r = await this.supply.expect(receipts.data, ctx);
      if (!r.ok) return r;
      const v = r.value;
      return ok(`${v.expected.length} receipt(s) expected, ${v.revised.length} revised, ${v.slipped.length} slipped (${v.slipped.join(', ') || 'none'}), ${v.unchanged.length} unchanged`);
    }
    const parsed = MasterFile.safeParse(raw);
    if (!parsed.success) return { ok: false as const, error: { code: 'validation_failed', message: issues(parsed.error) } };
    return told(await this.commands.importMessage(parsed.data.orders, parsed.data.materials, ctx, parsed.data.products));
  }

  private fromCsv(text: string, ctx: CommandContext) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
    const orders = [];
    for (const [i, line] of lines.entries()) {
      const cells = line.split(',').map((c) => c.trim());
      const row = Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
      const parsed = CreateOrderRequest.safeParse({ ...row, quantity: Number(row.quantity), priority: row.priority ? Number(row.priority) : undefined });
      if (!parsed.success) {
        const what = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
        return Promise.resolve({ ok: false as const, error: { code: 'validation_failed', message: `line ${i + 2}: ${what}` } });
      }
      orders.push(parsed.data);
    }
    return this.commands.importMessage(orders, [], ctx);
  }
}
