import { after } from 'node:test';

/**
 * Loaded into every test process (scripts/test.mjs: --import). A test file must leave nothing running: once its
 * tests and their after-hooks are done the process exits by itself. If something still holds it open (a socket,
 * a server, a timer, a child process) a few seconds later, this names what and fails the file, instead of letting
 * the run hang until its timeout. The timer is unref'd: a clean file exits before it fires.
 */
const GRACE_MS = Number(process.env.MES_LEAK_GRACE_MS ?? 10_000);

after(() => {
  setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    process.stderr.write(
      `\nLEAK: this test file left resources open ${GRACE_MS} ms after its last test: ${open.join(', ') || '(unnamed handles)'}.\n` +
        'Dispose what the tests start (servers, sockets, child processes, timers) in after() hooks.\n',
    );
    process.exit(1);
  }, GRACE_MS).unref();
});
