// app://mes/ serves the built HMI from its folder, and nothing else (Electron security checklist 18: no file://).
import { readFile } from 'node:fs/promises';
import { contentTypeOf } from '../../core';
import { protocol } from 'electron';
import type { Log } from '../station/log';
import { APP_CSP, APP_SCHEME, resolveAppFile } from './security';

/**
 * Before the app is ready: app: is a standard scheme (its own origin, relative URLs, storage) and secure (like https:
 * for mixed-content and secure-context rules). No CORS, no service workers, no bypass of the CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** Once ready: answers app://mes/<path> with the file under `root`; a path that would leave `root` is refused. */
export function serveAppProtocol(root: string, log: Log): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(root, request.url);
    if (file === null) {
      log.warn(`app:// refused ${JSON.stringify(request.url)}: not a file of the HMI`);
      return notFound();
    }
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeOf(file),
          'content-security-policy': APP_CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return notFound();
    }
  });
}

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
