import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_PREFIX, ErrorCode, STREAM_PATH, contract, type HelloMessage, type OperationName, type StreamMessage } from '../../core';
import { httpStatusOf, type Dispatch } from './dispatcher';
import type { LiveStream, StreamAuth } from './live-stream';
import { openApiDocument } from './openapi';
import { serveStatic } from './static-files';

export interface HttpOptions {
  readonly host: string;
  readonly port: number;
  readonly staticRoot: string;
  readonly version: string;
  readonly stationId: string;
  readonly lastSeq: () => number;
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly operation: OperationName;
}

const MAX_JSON = 1 << 20;
/** B2MML schedules of thousands of orders are large; they are parsed as a stream of text, not as JSON. */
const MAX_XML = 64 * 2 ** 20;
/** A watch of 500 tags with long OPC UA addresses fits; anything larger is not a client of ours. */
const MAX_CLIENT_MESSAGE = 256 * 1024;
/** Unsent bytes on a socket past which its client counts as backed up (tag values wait, newest kept). */
const BACKED_UP_BYTES = 256 * 1024;

function routes(): Route[] {
  return (Object.keys(contract) as OperationName[]).map((operation) => {
    const spec = contract[operation];
    const names: string[] = [];
    // Escape everything but the {name} placeholders, which become path segments.
    const source = (API_PREFIX + spec.path).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    });
    return { method: spec.method, pattern: new RegExp(`^${source}$`), names, operation };
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(json);
}

/** JSON bodies as objects; XML bodies (B2MML) as { xml: text }. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const xml = /\bxml\b/i.test(req.headers['content-type'] ?? '');
  const limit = xml ? MAX_XML : MAX_JSON;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error(`The request body is larger than ${limit / 2 ** 20} MiB.`), { code: ErrorCode.validation });
    chunks.push(chunk as Buffer);
  }
  if (xml) return { xml: Buffer.concat(chunks).toString('utf8') };
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('The request body is not valid JSON.'), { code: ErrorCode.validation });
  }
}

const bearer = (req: IncomingMessage): string | null => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

/** Serves the contract over HTTP (+ OpenAPI), the live stream over WebSocket, and the HMI's static files. */
export async function startHttpServer(
  options: HttpOptions,
  dispatch: Dispatch,
  accounts: StreamAuth,
  stream: LiveStream,
): Promise<{ server: Server; url: string; dispose(): Promise<void> }> {
  const table = routes();
  const openapi = JSON.stringify(openApiDocument(options.version));

  const server = createServer((req, res) => {
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
      const route = table.find((r) => r.pattern.test(url.pathname) && r.method === req.method);
      if (!route) {
        const other = table.find((r) => r.pattern.test(url.pathname));
        return other
          ? send(res, 405, { code: 'method_not_allowed', message: `Use ${other.method} for ${url.pathname}.` })
          : send(res, 404, { code: ErrorCode.notFound, message: `No API at ${url.pathname}. See ${API_PREFIX}/openapi.json.` });
      }
      const match = route.pattern.exec(url.pathname);
      const params: Record<string, string> = {};
      try {
        route.names.forEach((n, i) => (params[n] = decodeURIComponent(match?.[i + 1] ?? '')));
      } catch {
        return send(res, 400, { code: ErrorCode.validation, message: `The address ${url.pathname} has a broken percent-encoding (%XX).` });
      }
      let body: unknown;
      try {
        body = req.method === 'GET' ? Object.fromEntries(url.searchParams) : { ...Object.fromEntries(url.searchParams), ...((await readJson(req)) as object) };
      } catch (error) {
        return send(res, 400, { code: ErrorCode.validation, message: (error as Error).message });
      }
      const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...params } : body;
      // An Idempotency-Key names the request as a correlation id does: a retry under it is recognised (next unit).
      const correlation = req.headers['idempotency-key'] ?? req.headers['x-correlation-id'];
      const result = await dispatch(route.operation, input, bearer(req), typeof correlation === 'string' ? correlation : undefined);
      if (result.ok) return send(res, 200, result.value);
      return send(res, httpStatusOf(result.error.code), result.error);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { code: ErrorCode.internal, message: 'The station failed to answer.', details: { error: String(error) } });
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://station');
    const token = url.searchParams.get('token');
    const auth = accounts.authenticate(token);
    if (url.pathname !== STREAM_PATH || !auth.ok) {
      socket.end(`HTTP/1.1 ${auth.ok ? 404 : 401} ${auth.ok ? 'Not Found' : 'Unauthorized'}\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, token));
  });

  const attach = (ws: WebSocket, token: string | null) => {
    const hello: HelloMessage = { kind: 'hello', seq: options.lastSeq(), stationId: options.stationId };
    ws.send(JSON.stringify(hello));
    const sendNow = (m: StreamMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const off = stream.subscribe(sendNow);
    // What the client asks for (watch tags). A backed-up socket gets the newest tag values later, not a queue of old ones.
    const session = stream.open({ send: sendNow, busy: () => ws.bufferedAmount > BACKED_UP_BYTES });
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 15_000);
    ws.on('close', () => {
      clearInterval(ping);
      off();
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
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${address.port}`;
  return {
    server,
    url,
    dispose: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
