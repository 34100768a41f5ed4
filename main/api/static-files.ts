import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../../core';
import { TLSSocket } from 'node:tls';

/** A Host header naming a host (a DNS name, IPv4 or [IPv6]) and perhaps a port: nothing that could extend a CSP. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The browser HMI's CSP: it may connect to this station only, its API ('self') and its live WebSocket, named as the
 * browser reached it (the Host header) with the scheme of this server (wss behind TLS), as older browsers do not
 * count ws(s) as 'self'. A Host header that is not a plain host[:port] gets 'self' alone.
 */
export function hmiCsp(host: string | undefined, secure: boolean): string {
  const live = host !== undefined && HOST.test(host) ? ` ${secure ? 'wss' : 'ws'}://${host.toLowerCase()}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${live}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Serves the built HMI; unknown paths fall back to index.html (client-side screens). Never leaves root. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  if (!existsSync(join(root, 'index.html'))) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The HMI is not built (no ${join(root, 'index.html')}). Run "npm run build", then reload.`);
    return;
  }
  const decoded = (() => {
    try {
      return decodeURIComponent(urlPath);
    } catch {
      return '/';
    }
  })();
  let file = normalize(join(root, decoded));
  if (!file.startsWith(normalize(root + sep)) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
  const type = contentTypeOf(file);
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-security-policy': hmiCsp(res.req.headers.host, res.req.socket instanceof TLSSocket),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  createReadStream(file).pipe(res);
}
