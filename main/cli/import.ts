import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

export const IMPORT_HELP = `mes import FILE... [--url http://127.0.0.1:5170] [--user NAME] [--password PW] [--due-date YYYY-MM-DD]
  Sends B2MML messages (schedules, material definitions) to a running station, one file at a time, showing progress.
  Each message is applied whole or not at all; sending one again changes nothing. The user (default $MES_USER) needs
  a role that may create orders; the password comes from --password or $MES_PASSWORD.`;

interface ImportAnswer {
  readonly received?: string[];
  readonly unchanged?: string[];
  readonly materials?: number;
  readonly warnings?: string[];
  readonly message?: string;
}

/** The CLI talks to the station over its API: the station stays the one writer of its database. */
export async function importFiles(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env.MES_URL ?? 'http://127.0.0.1:5170' },
      user: { type: 'string', default: process.env.MES_USER ?? '' },
      password: { type: 'string', default: process.env.MES_PASSWORD ?? '' },
      'due-date': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new Error(`no files given.\n\n${IMPORT_HELP}`);
  if (!values.user) throw new Error('say who imports: --user NAME (or $MES_USER).');
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const base = values.url.replace(/\/$/, '');
  const session = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: values.user, password: values.password }),
  }).catch((error: unknown) => {
    throw new Error(`the station at ${base} does not answer (${(error as Error).message}). Is it running?`);
  });
  const login = (await session.json()) as { token?: string; message?: string };
  if (!login.token) throw new Error(`sign-in refused: ${login.message ?? session.status}`);

  const totals = { received: 0, unchanged: 0, materials: 0, refused: 0 };
  const query = values['due-date'] ? `?defaultDueDate=${encodeURIComponent(values['due-date'])}` : '';
  for (const [i, file] of positionals.entries()) {
    const prefix = `[${i + 1}/${positionals.length}] ${basename(file)}`;
    let xml: string;
    try {
      xml = readFileSync(file, 'utf8');
    } catch (error) {
      totals.refused += 1;
      out(`${prefix}: cannot be read (${(error as Error).message})`);
      continue;
    }
    const r = await fetch(`${base}/api/v1/b2mml${query}`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${login.token}` }, body: xml });
    const a = (await r.json()) as ImportAnswer;
    if (!r.ok) {
      totals.refused += 1;
      out(`${prefix}: REFUSED — ${a.message ?? r.status}`);
      continue;
    }
    totals.received += a.received?.length ?? 0;
    totals.unchanged += a.unchanged?.length ?? 0;
    totals.materials += a.materials ?? 0;
    out(`${prefix}: ${a.received?.length ?? 0} order(s) received, ${a.unchanged?.length ?? 0} already here, ${a.materials ?? 0} material(s) defined`);
    for (const w of a.warnings ?? []) out(`    note: ${w}`);
  }
  out(`Done: ${totals.received} received, ${totals.unchanged} unchanged, ${totals.materials} materials, ${totals.refused} file(s) refused.`);
  if (totals.refused > 0) process.exitCode = 1;
}
