import { existsSync, readFileSync, renameSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  ErrorCode,
  StationConfig,
  fail,
  ok,
  redactConnection,
  sameTarget,
  streams,
  type CommandContext,
  type ConnectionConfig,
  type Result,
  type StationConfigInput,
} from '../../core';
import type { EventStore } from '../store';
import type { Clock } from './clock';
import { newContext } from './context';
import type { Log } from './log';
import { SecretBox, mapPasswords } from './secrets';

type Section = 'connections' | 'mapping' | 'alarms' | 'historian';

export interface ConfigChange {
  readonly section: Section;
  readonly id: string | null;
  readonly next: StationConfig;
}

const describe = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || '(config)'}: ${i.message}`).join('; ');

const redact = (c: StationConfig): unknown => ({ ...c, connections: c.connections.map(redactConnection) });

/**
 * The engineer's configuration: kept in the database (with a ConfigChanged event per change, in the same
 * transaction) and mirrored to <dataDir>/station-config.json, which may also be edited by hand: a valid edit is
 * applied live, an invalid one is refused with the reason in the log and the last good configuration kept.
 */
export class ConfigStore {
  private current: StationConfig;
  private readonly listeners = new Set<(change: ConfigChange) => void>();
  private watcher: FSWatcher | null = null;
  private lastWritten = '';
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
    if (this.watcher) return;
    let timer: NodeJS.Timeout | null = null;
    // The folder, not the file: editors (and this class) replace the file by renaming, which a file watch loses.
    this.watcher = watch(dirname(this.file), (_event, name) => {
      if (name !== basename(this.file)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => this.fromFile('file'), 200);
    });
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  upsertConnection(connection: ConnectionConfig, ctx: CommandContext): Result<StationConfig> {
    const others = this.current.connections.filter((c) => c.id !== connection.id);
    const before = this.current.connections.find((c) => c.id === connection.id);
    // A password left blank (or as the redacted placeholder) keeps the stored one, for the same peer and user only.
    const blank = !connection.password || connection.password === '••••••';
    const keep = before?.password && blank && sameTarget(before, connection) ? { password: before.password } : blank ? { password: undefined } : {};
    const merged = Object.fromEntries(Object.entries({ ...connection, ...keep }).filter(([, v]) => v !== undefined)) as ConnectionConfig;
    return this.change({ ...this.current, connections: [...others, merged] }, ctx, 'connections', connection.id);
  }

  removeConnection(id: string, ctx: CommandContext): Result<StationConfig> {
    if (!this.current.connections.some((c) => c.id === id)) return fail(ErrorCode.notFound, `There is no connection "${id}".`);
    return this.change({ ...this.current, connections: this.current.connections.filter((c) => c.id !== id) }, ctx, 'connections', id);
  }

  replaceSection<S extends Exclude<Section, 'connections'>>(section: S, value: StationConfigInput[S], ctx: CommandContext): Result<StationConfig> {
    return this.change({ ...this.current, [section]: value }, ctx, section, null);
  }

  private change(candidate: StationConfigInput, ctx: CommandContext, section: Section, id: string | null, source: 'hmi' | 'file' = 'hmi'): Result<StationConfig> {
    const parsed = StationConfig.safeParse(candidate);
    if (!parsed.success) return fail(ErrorCode.validation, `The configuration is not valid — ${describe(parsed.error.issues)}`);
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
    const text = `${JSON.stringify(mapPasswords(this.current, (p) => this.secrets.seal(p)), null, 2)}\n`;
    this.lastWritten = text;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  private fromFile(source: 'start-up' | 'file'): void {
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
      json = this.opened(JSON.parse(text));
    } catch (error) {
      this.log.error(`${this.file} is not valid JSON; keeping the last good configuration`, error);
      return;
    }
    if (JSON.stringify(StationConfig.safeParse(json).data) === JSON.stringify(this.current)) return;
    // Who edited the file is not known to the station: the change is recorded as the file's, by name.
    const ctx = newContext(this.clock, source === 'file' ? 'config file' : 'config file (start-up)', { source: `file:${basename(this.file)}` });
    const r = this.change(json as StationConfigInput, ctx, 'connections', null, 'file');
    if (!r.ok) this.log.error(`${this.file} refused: ${r.error.message}. Keeping the last good configuration.`);
    else this.log.info(`configuration applied from ${this.file}`);
  }
}
