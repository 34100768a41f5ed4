import { existsSync, readFileSync, renameSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * A JSON file in the data folder that the station writes and engineers may edit by hand (station-config.json,
 * line.json): written whole (temporary file, then rename; readable by the station only), followed through its folder,
 * and read back only when it holds something the station did not write itself.
 */
export class EditableFile {
  private lastWritten = '';
  private watcher: FSWatcher | null = null;
  private settle: NodeJS.Timeout | null = null;

  constructor(readonly path: string) {}

  write(value: unknown): void {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    this.lastWritten = text;
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  /** The file's JSON when someone else wrote it; null when it is absent, unreadable or as the station wrote it. Throws on invalid JSON. */
  readEdited(): unknown {
    if (!existsSync(this.path)) return null;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return null;
    }
    return text === this.lastWritten ? null : (JSON.parse(text) as unknown);
  }

  /** Calls `onEdit` a moment after the file changes (editors write in steps). */
  follow(onEdit: () => void): void {
    if (this.watcher) return;
    // The folder, not the file: editors (and write()) replace the file by renaming, which a file watch loses.
    this.watcher = watch(dirname(this.path), (_event, name) => {
      if (name !== basename(this.path)) return;
      if (this.settle) clearTimeout(this.settle);
      this.settle = setTimeout(() => {
        this.settle = null;
        onEdit();
      }, 200);
    });
  }

  get following(): boolean {
    return this.watcher !== null;
  }

  /** Stops following, an edit still settling included (it must not reach a store being closed). */
  dispose(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.settle) clearTimeout(this.settle);
    this.settle = null;
  }
}
