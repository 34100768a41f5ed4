import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP relay between a client and a server, for cutting the network under a session: `cut()` resets every
 * connection at once (both ends hear it), `blackhole()` stops passing bytes and keeps the sockets open (a cable
 * pulled: nobody hears anything, new connections get no answer), `heal()` lets new connections through again; what
 * was black-holed stays dead.
 */
export interface TcpProxy {
  readonly port: number;
  /** Bytes relayed from clients to the server since the start. */
  readonly upstreamBytes: number;
  cut(): void;
  blackhole(): void;
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket | null;
  alive: boolean;
}

export async function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let mode: 'open' | 'cut' | 'blackhole' = 'open';
  let upstreamBytes = 0;
  const server = createServer((client) => {
    if (mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'blackhole') {
      // Accepted and never answered.
      const pair: Pair = { client, upstream: null, alive: false };
      pairs.add(pair);
      client.on('error', () => undefined).on('close', () => pairs.delete(pair));
      return;
    }
    const upstream = connect(targetPort, host);
    const pair: Pair = { client, upstream, alive: true };
    pairs.add(pair);
    const end = () => {
      if (!pair.alive) return;
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (!pair.alive) return;
      upstreamBytes += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (pair.alive) client.write(chunk);
    });
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get upstreamBytes() {
      return upstreamBytes;
    },
    cut() {
      mode = 'cut';
      for (const p of pairs) {
        p.alive = false;
        p.client.resetAndDestroy();
        p.upstream?.resetAndDestroy();
      }
      pairs.clear();
    },
    blackhole() {
      mode = 'blackhole';
      for (const p of pairs) p.alive = false;
    },
    heal() {
      mode = 'open';
    },
    async close() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream?.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
