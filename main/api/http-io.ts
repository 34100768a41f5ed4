import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_BODY_BYTES, ErrorCode, type OperationSpec } from '../../core';

// What an HTTP server of ours does with a request and a response around the contract (the station's and the plant's):
// JSON out, refusals before a body is read, a body read within the operation's limit, the bearer token.

/** A refusal sent before (or instead of) reading the body: the connection is closed, so nothing more is taken in. */
export function refuseUnread(res: ServerResponse, status: number, error: { code: string; message: string }): void {
  res.setHeader('connection', 'close');
  if (status === 429) res.setHeader('retry-after', '2');
  send(res, status, error);
  res.once('finish', () => res.req.destroy());
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  // A refusal that says when to try again (sign-in backoff) says it in the header too.
  const retry = (body as { details?: { retryAfterSeconds?: unknown } } | null)?.details?.retryAfterSeconds;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(typeof retry === 'number' ? { 'retry-after': String(retry) } : {}),
  });
  res.end(json);
}

export class BodyRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;

/**
 * What a request may send, decided before reading it: XML only where the operation takes XML, no more than the
 * operation's limit (by Content-Length when the client says it, and while reading when it does not).
 */
export function bodyRule(req: IncomingMessage, spec: OperationSpec): { xml: boolean; limit: number } {
  const xml = /\bxml\b/i.test(req.headers['content-type'] ?? '');
  if (xml && !spec.body?.xml) throw new BodyRefused(415, ErrorCode.unsupportedMedia, 'This operation takes JSON (content-type: application/json), not XML.');
  const limit = spec.body?.maxBytes ?? DEFAULT_BODY_BYTES;
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new BodyRefused(413, ErrorCode.tooLarge, `The request body is ${mib(declared)}; this operation takes at most ${mib(limit)}.`);
  }
  return { xml, limit };
}

/** JSON bodies as objects; XML bodies (B2MML) as { xml: text }. */
export async function readJson(req: IncomingMessage, rule: { xml: boolean; limit: number }): Promise<unknown> {
  const { xml, limit } = rule;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyRefused(413, ErrorCode.tooLarge, `The request body is larger than ${mib(limit)}, the most this operation takes.`);
    chunks.push(chunk as Buffer);
  }
  if (xml) return { xml: Buffer.concat(chunks).toString('utf8') };
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyRefused(400, ErrorCode.validation, 'The request body is not valid JSON.');
  }
}

export const bearer = (req: IncomingMessage): string | null => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};
