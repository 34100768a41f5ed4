// The B2MML reader thread's program (see b2mml-reader.ts): reads whole messages, off the station's loop.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { parseB2mml } from '../../core';
import type { ReaderReply, ReaderRequest } from './b2mml-reader';

/** Orders per reply: the station's loop takes each reply in one task, so a part must be small enough not to stall it. */
const ORDERS_PER_PART = 250;

// Below the station's loop, above nothing else it does: on Linux a thread's nice value is its own (elsewhere
// setPriority(0, …) would lower the whole station, so it is left alone).
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // not allowed here: the thread runs at the station's priority
  }
}

const port = parentPort;
if (port) {
  const send = (m: ReaderReply) => port.postMessage(m);
  port.on('message', (job: ReaderRequest) => {
    try {
      const r = parseB2mml(job.xml, job.options);
      if (!r.ok) return send({ id: job.id, refused: r.error });
      const { orders, ...rest } = r.value;
      for (let i = 0; i < orders.length; i += ORDERS_PER_PART) send({ id: job.id, orders: orders.slice(i, i + ORDERS_PER_PART) });
      send({ id: job.id, done: rest });
    } catch (error) {
      send({ id: job.id, failed: error instanceof Error ? error.message : String(error) });
    }
  });
  send({ ready: true });
}
