import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { tempDir } from '../../tests/support/station-fixtures';
import { createOpcUaDriver } from './driver';

/** A loopback port nothing listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

// Stopped at any moment of its first connection (making its certificate, reaching a server that is not there, between
// retries), the driver's connect() ends with "stopped": nothing waits on it for ever.
for (const afterMs of [0, 50, 400, 1500]) {
  test(`connect() ends when the driver is stopped ${afterMs} ms into its first connection`, async (t) => {
    const dir = tempDir('mes-opcua-stop-');
    t.after(() => dir.dispose());
    const driver = createOpcUaDriver({ endpoint: `opc.tcp://127.0.0.1:${await closedPort()}`, pkiFolder: dir.path, reconnectInitialDelayMs: 200 });
    const connecting = Promise.allSettled([driver.connect()]);
    // Held open meanwhile: the driver's own timers do not hold the process.
    const hold = setInterval(() => undefined, 1000);
    await new Promise((r) => setTimeout(r, afterMs));
    await driver.dispose();
    const [ended] = await connecting;
    clearInterval(hold);
    assert.equal(ended?.status, 'rejected');
    assert.match(ended?.status === 'rejected' ? (ended.reason as Error).message : '', /Stopped before a connection/);
  });
}
