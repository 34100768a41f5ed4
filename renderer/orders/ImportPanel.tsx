import { useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../core';
import { useClient } from '../shell/context';

interface FileResult {
  readonly name: string;
  readonly ok: boolean;
  readonly text: string;
}

interface Progress {
  readonly files: number;
  readonly done: number;
  readonly bytes: number;
  readonly bytesDone: number;
  readonly current: string | null;
  readonly startedAt: number;
}

const mib = (bytes: number): string => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`);

/**
 * Bulk import from ERP files: B2MML (schedules, material definitions) and JSON master data ({ materials, products }).
 * Each file is applied whole or refused whole with the station's reason; the bar shows files and bytes done.
 */
export function ImportPanel({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const client = useClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [results, setResults] = useState<FileResult[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const stopRef = useRef(false);
  const running = progress !== null && progress.current !== null;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [running]);

  const importOne = async (file: File): Promise<FileResult> => {
    const text = await file.text();
    if (/\.json$/i.test(file.name)) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        return { name: file.name, ok: false, text: `not JSON: ${(error as Error).message}` };
      }
      const r = await client.call('importMasterData', body as InputOf<'importMasterData'>);
      if (!r.ok) return { name: file.name, ok: false, text: r.error.message };
      const v = r.value;
      const parts = [`${v.materials} material(s), ${v.products} product revision(s) defined`, `${v.received.length} order(s) received`];
      if (v.unchanged.length > 0) parts.push(`${v.unchanged.length} already here`);
      return { name: file.name, ok: true, text: parts.join(', ') };
    }
    const r = await client.call('importB2mml', { xml: text });
    if (!r.ok) return { name: file.name, ok: false, text: r.error.message };
    const v = r.value;
    const parts = [`${v.kind} ${v.version}`, `${v.received.length} order(s) received`];
    if (v.unchanged.length > 0) parts.push(`${v.unchanged.length} already here`);
    if (v.materials > 0) parts.push(`${v.materials} material(s) defined`);
    if (v.warnings.length > 0) parts.push(`warnings: ${v.warnings.join('; ')}`);
    return { name: file.name, ok: true, text: parts.join(', ') };
  };

  const run = async (files: readonly File[]) => {
    stopRef.current = false;
    setResults([]);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    let bytesDone = 0;
    const startedAt = Date.now();
    for (const [i, file] of files.entries()) {
      if (stopRef.current) break;
      setProgress({ files: files.length, done: i, bytes: total, bytesDone, current: file.name, startedAt });
      const result = await importOne(file).catch((error: unknown) => ({ name: file.name, ok: false, text: (error as Error).message }));
      bytesDone += file.size;
      setResults((list) => [...list, result]);
      if (result.ok) onImported();
    }
    setProgress((p) => (p ? { ...p, done: p.current === null ? p.done : Math.min(p.files, p.done + 1), bytesDone, current: null } : p));
  };

  const share = progress && progress.bytes > 0 ? progress.bytesDone / progress.bytes : 0;
  const refused = results.filter((r) => !r.ok).length;

  return (
    <section className="panel import-panel" aria-labelledby="import-title" data-testid="import-panel">
      <div className="panel-head">
        <h3 id="import-title">Import ERP files</h3>
        <button type="button" className="button" onClick={onClose} disabled={running} data-testid="import-close">
          Close
        </button>
      </div>
      <label className="field">
        <span>B2MML schedules or material definitions (.xml), master data and orders (.json: materials, products with BOM and routing, orders). Each file is applied whole or not at all.</span>
        <input
          type="file"
          multiple
          accept=".xml,.json,application/xml,text/xml,application/json"
          data-testid="import-files"
          disabled={running}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void run(files);
          }}
        />
      </label>
      {progress && (
        <div className="import-progress" data-testid="import-progress" aria-live="polite">
          <progress max={1} value={share} aria-label="Import progress" />
          <span data-testid="import-progress-text">
            {progress.current !== null
              ? `File ${progress.done + 1} of ${progress.files}: ${progress.current} · ${mib(progress.bytesDone)} of ${mib(progress.bytes)} · ${Math.round((now - progress.startedAt) / 1000)} s`
              : `Done: ${results.length} of ${progress.files} file(s), ${results.length - refused} imported, ${refused} refused.`}
          </span>
          {running && (
            <button type="button" className="button" onClick={() => (stopRef.current = true)} data-testid="import-stop">
              Stop after this file
            </button>
          )}
        </div>
      )}
      {results.length > 0 && (
        <ul className="import-results" data-testid="import-results">
          {results.map((r, i) => (
            <li key={`${r.name}-${i}`} className={r.ok ? '' : 'message-error'} data-ok={r.ok}>
              <strong>{r.name}</strong>: {r.ok ? r.text : `REFUSED — ${r.text}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
