import { basename, join } from 'node:path';
import {
  ErrorCode,
  StationConfig,
  describeIssues,
  fail,
  ok,
  redactConnection,
  redactUns,
  withKeptUnsPassword,
  withKeptPassword,
  streams,
  type CommandContext,
  type ConnectionConfig,
  type Result,
  type StationConfigInput,
  type UnsConfig,
} from '../../core';
import type { EventStore } from '../store';
import type { Clock } from './clock';
import { newContext } from './context';
import { EditableFile } from './editable-file';
import type { Log } from './log';
import { SecretBox, mapPasswords } from './secrets';
import { fileActor } from './file-actor';

type Section = 'connections' | 'mapping' | 'alarms' | 'historian' | 'uns';

export interface ConfigChange {
  readonly section: Section;
  readonly id: string | null;
  readonly next: StationConfig;
}


const redact = (c: StationConfig): unknown => ({ ...c, connections: c.connections.map(redactConnection), uns: redactUns(c.uns) });

/**
 * The engineer's configuration: kept in the database (with a ConfigChanged event per change, in the same
 * transaction) and mirrored to <dataDir>/station-config.json, which may also be edited by hand: a valid edit is
 * applied live, an invalid one is refused with the reason in the log and the last good configuration kept.
 */
export class ConfigStore {
  private current: StationConfig;
  private readonly listeners = new Set<(change: ConfigChange) => void>();
  private readonly mirror: EditableFile;
  readonly file: string;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly log: Log,
    dataDir: string,
    initial: () => StationConfigInput,
    private readonly secrets = new SecretBox(join(dataDir, 'secret.key')),
  ) {
    this.file = join(dataDir, 'station-config.json');
    this.mirror = new EditableFile(this.file);
    const row = store.db.prepare('SELECT body FROM config WHERE id = 1').pluck().get() as string | undefined;
    if (row) this.current = StationConfig.parse(this.opened(JSON.parse(row)));
    else {
      this.current = StationConfig.parse(initial());
      this.persist(this.current, newContext(clock, 'system', { source: 'start-up' }), 'start-up', 'connections', null, null);
    }
    this.fromFile('start-up');
    this.writeFile();
  }

  /** A configuration as stored, with its sealed passwords opened (a hand-typed one is taken as it is). */
  private opened(json: unknown): unknown {
    const c = json as { connections?: unknown };
    if (!c || typeof c !== 'object' || !Array.isArray(c.connections)) return json;
    return mapPasswords(c as { connections: { password?: string }[] }, (p) => (typeof p === 'string' ? this.secrets.open(p) : p));
  }

  get(): StationConfig {
    return this.current;
  }

  onChange(listener: (change: ConfigChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follow hand edits of the file. */
  watchFile(): void {
    this.mirror.follow(() => this.fromFile('file'));
  }

  dispose(): void {
    this.mirror.dispose();
  }

  upsertConnection(connection: ConnectionConfig, ctx: CommandContext): Result<StationConfig> {
    const others = this.current.connections.filter((c) => c.id !== connection.id);
    const before = this.current.connections.find((c) => c.id === connection.id);
    const merged = withKeptPassword(before, connection);
    return this.change({ ...this.current, connections: [...others, merged] }, ctx, 'connections', connection.id);
  }

  removeConnection(id: string, ctx: CommandContext): Result<StationConfig> {
    if (!this.current.connections.some((c) => c.id === id)) return fail(ErrorCode.notFound, `There is no connection "${id}".`);
    return this.change({ ...this.current, connections: this.current.connections.filter((c) => c.id !== id) }, ctx, 'connections', id);
  }

  /** Where the line is published in the plant's Unified Namespace (null: nowhere); a blank password keeps the stored one for the same broker and user. */
  setUns(form: UnsConfig | null, ctx: CommandContext): Result<StationConfig> {
    return this.change({ ...this.current, uns: form ? withKeptUnsPassword(this.current.uns, form) : null }, ctx, 'uns', null);
  }

  replaceSection<S extends Exclude<Section, 'connections' | 'uns'>>(section: S, value: StationConfigInput[S], ctx: CommandContext): Result<StationConfig> {
    return this.change({ ...this.current, [section]: value }, ctx, section, null);
  }

  private change(candidate: StationConfigInput, ctx: CommandContext, section: Section, id: string | null, source: 'hmi' | 'file' = 'hmi'): Result<StationConfig> {
    const parsed = StationConfig.safeParse(candidate);
    if (!parsed.success) return fail(ErrorCode.validation, `The configuration is not valid — ${describeIssues(parsed.error.issues, '(config)')}`);
    const before = this.current;
    this.persist(parsed.data, ctx, source, section, id, before);
    this.current = parsed.data;
    if (source !== 'file') this.writeFile();
    for (const l of this.listeners) l({ section, id, next: parsed.data });
    return ok(parsed.data);
  }

  private persist(next: StationConfig, ctx: CommandContext, source: 'hmi' | 'file' | 'start-up', section: Section, id: string | null, before: StationConfig | null): void {
    this.store.runNow((tx) => {
      const stream = streams.config();
      const { version } = tx.load(stream, { initialState: () => null, evolve: () => null });
      tx.append(stream, version, [{ type: 'ConfigChanged', data: { section, id, before: before ? redact(before) : null, after: redact(next), source } }], ctx);
      tx.db
        .prepare('INSERT INTO config (id, body, changed_at, changed_by) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, changed_at = excluded.changed_at, changed_by = excluded.changed_by')
        .run(JSON.stringify(mapPasswords(next, (p) => this.secrets.seal(p))), ctx.at, ctx.actor);
    });
  }

  private writeFile(): void {
    this.mirror.write(mapPasswords(this.current, (p) => this.secrets.seal(p)));
  }

  private fromFile(source: 'start-up' | 'file'): void {
    let json: unknown;
    try {
      const edited = this.mirror.readEdited();
      if (edited === null) return;
      json = this.opened(edited);
    } catch (error) {
      this.log.error(`${this.file} is not valid JSON; keeping the last good configuration`, error);
      return;
    }
    if (JSON.stringify(StationConfig.safeParse(json).data) === JSON.stringify(this.current)) return;
    // Who edited the file is not known to the station: the change is recorded as the file's, by name and owner.
    const ctx = newContext(this.clock, fileActor(source === 'file' ? 'config file' : 'config file (start-up)', this.file), { source: `file:${basename(this.file)}` });
    const r = this.change(json as StationConfigInput, ctx, 'connections', null, 'file');
    if (!r.ok) this.log.error(`${this.file} refused: ${r.error.message}. Keeping the last good configuration.`);
    else this.log.info(`configuration applied from ${this.file}`);
  }
}
