import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_PREFIX, BEARER_PROTOCOL, ErrorCode, SESSION_ENDED_CLOSE, STREAM_PATH, STREAM_PROTOCOL, contract, type HelloMessage, type OperationName, type StreamMessage } from '../../core';
import { httpStatusOf, type Dispatch } from './dispatcher';
import { streamUser, type LiveStream, type StreamAuth } from './live-stream';
import { BodyRefused, bearer, bodyRule, readJson, refuseUnread, send } from './http-io';
import { openApiDocument } from './openapi';
import { matchRoute, routesOf } from './routes';
import { serveStatic } from './static-files';

export interface HttpOptions {
  readonly host: string;
  readonly port: number;
  readonly staticRoot: string;
  readonly version: string;
  readonly stationId: string;
  readonly lastSeq: () => number;
  /** Serve HTTPS (and WSS) with this certificate and key; plain HTTP without. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

/** Large bodies (B2MML schedules) read at once at most: more wait for nothing, they are turned away (429). */
const LARGE_BODY_BYTES = 1 << 20;
const MAX_LARGE_READS = 2;
/** A watch of 500 tags with long OPC UA addresses fits; anything larger is not a client of ours. */
const MAX_CLIENT_MESSAGE = 256 * 1024;
/** Unsent bytes on a socket past which its client counts as backed up (tag values wait, newest kept). */
const BACKED_UP_BYTES = 256 * 1024;

/** Serves the contract over HTTP (+ OpenAPI), the live stream over WebSocket, and the HMI's static files. */
export async function startHttpServer(
  options: HttpOptions,
  dispatch: Dispatch,
  accounts: StreamAuth,
  stream: LiveStream,
): Promise<{ server: Server; url: string; closeStreams(token: string, reason: string): void; dispose(): Promise<void> }> {
  const table = routesOf(contract);
  const openapi = JSON.stringify(openApiDocument(options.version));
  let largeReads = 0;

  const handler: RequestListener = (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://station');
      if (!url.pathname.startsWith(API_PREFIX + '/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { code: 'method_not_allowed', message: 'Only GET here.' });
        return serveStatic(options.staticRoot, url.pathname, res);
      }
      if (url.pathname === `${API_PREFIX}/openapi.json`) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return res.end(openapi);
      }
      const found = matchRoute(table, req.method ?? 'GET', url.pathname);
      if (!found.ok) return send(res, found.status, { code: found.code, message: found.message });
      const { route, params } = found;
      const spec = contract[route.operation as OperationName];
      let body: unknown;
      if (req.method === 'GET') body = Object.fromEntries(url.searchParams);
      else {
        // Who is sending comes before what: no body is read for a caller the operation would turn away.
        if (spec.permission !== null) {
          const auth = accounts.authenticate(bearer(req));
          if (!auth.ok) return refuseUnread(res, 401, auth.error);
        }
        let large = false;
        try {
          const rule = bodyRule(req, spec);
          large = rule.limit > LARGE_BODY_BYTES;
          if (large && largeReads >= MAX_LARGE_READS) {
            large = false;
            throw new BodyRefused(429, ErrorCode.busy, 'The station is receiving other large messages right now. Send this one again in a moment.');
          }
          if (large) largeReads += 1;
          body = { ...Object.fromEntries(url.searchParams), ...((await readJson(req, rule)) as object) };
        } catch (error) {
          if (!(error instanceof BodyRefused)) throw error;
          return refuseUnread(res, error.status, { code: error.code, message: error.message });
        } finally {
          if (large) largeReads -= 1;
        }
      }
      const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...params } : body;
      // An Idempotency-Key names the request as a correlation id does: a retry under it is recognised (next unit).
      const correlation = req.headers['idempotency-key'] ?? req.headers['x-correlation-id'];
      const result = await dispatch(route.operation, input, bearer(req), { correlationId: typeof correlation === 'string' ? correlation : undefined, address: req.socket.remoteAddress });
      if (result.ok) return send(res, 200, result.value);
      return send(res, httpStatusOf(result.error.code), result.error);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { code: ErrorCode.internal, message: 'The station failed to answer.', details: { error: String(error) } });
    });
  };
  const server: Server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, handler) : createServer(handler);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE,
    // The client names the stream's protocol; the bearer token may ride beside it and is never echoed back.
    handleProtocols: (protocols) => (protocols.has(STREAM_PROTOCOL) ? STREAM_PROTOCOL : false),
  });
  const byToken = new Map<string, Set<WebSocket>>();
  const refuseUpgrade = (socket: Duplex, status: string, message: string) =>
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\n${message}\n`);
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://station');
    if (url.pathname !== STREAM_PATH) return refuseUpgrade(socket, '404 Not Found', `No stream at ${url.pathname}.`);
    // A token in a URL ends up in logs and browser history: it is refused there, not used.
    if (url.searchParams.has('token')) {
      return refuseUpgrade(socket, '400 Bad Request', `Send the session token as the WebSocket subprotocol "bearer.<token>" (beside "${STREAM_PROTOCOL}") or an Authorization header, never in the URL.`);
    }
    // A browser says which page opened the socket: only the station's own pages may (no cross-site WebSocket hijacking).
    const origin = req.headers.origin;
    const own = `${options.tls ? 'https' : 'http'}://${req.headers.host ?? ''}`;
    if (origin !== undefined && origin !== own) return refuseUpgrade(socket, '403 Forbidden', `Pages from ${origin} may not open this station's stream.`);
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const token = offered.find((p) => p.startsWith(BEARER_PROTOCOL))?.slice(BEARER_PROTOCOL.length) ?? bearer(req);
    const auth = streamUser(accounts, token);
    if (!auth.ok) return refuseUpgrade(socket, auth.error.code === ErrorCode.passwordChangeRequired ? '403 Forbidden' : '401 Unauthorized', auth.error.message);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (token) {
        const set = byToken.get(token) ?? new Set<WebSocket>();
        set.add(ws);
        byToken.set(token, set);
        ws.once('close', () => {
          set.delete(ws);
          if (set.size === 0) byToken.delete(token);
        });
      }
      attach(ws, token);
    });
  });

  const attach = (ws: WebSocket, token: string | null) => {
    const hello: HelloMessage = { kind: 'hello', seq: options.lastSeq(), stationId: options.stationId };
    ws.send(JSON.stringify(hello));
    const sendNow = (m: StreamMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    // The station's changes, under the session checked at the upgrade; what the client asks for (watch tags). A
    // backed-up socket gets the newest tag values later, not a queue of old ones.
    const session = stream.open({ send: sendNow, busy: () => ws.bufferedAmount > BACKED_UP_BYTES }, token ?? undefined);
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 15_000);
    ws.on('close', () => {
      clearInterval(ping);
      session.dispose();
    });
    ws.on('message', (data, isBinary) => {
      let message: unknown = null;
      try {
        message = isBinary ? null : JSON.parse(String(data));
      } catch {
        // Not JSON: the session refuses it like any other message it cannot use.
      }
      // The token the socket was opened with: checked again on every watch, so a session ended since stops here.
      session.receive(message, token);
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${address.port}`;
  return {
    server,
    url,
    closeStreams: (token: string, reason: string) => {
      for (const ws of byToken.get(token) ?? []) ws.close(SESSION_ENDED_CLOSE, reason.slice(0, 120));
    },
    dispose: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
