import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { tempDir } from '../../tests/support/station-fixtures';
import { hmiCsp, serveStatic } from './static-files';

const directive = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1);

test("the browser HMI may connect to its station only: 'self' and the station's WebSocket as the browser reached it", () => {
  assert.deepEqual(directive(hmiCsp('10.1.2.3:5170', false), 'connect-src'), ["'self'", 'ws://10.1.2.3:5170']);
  assert.deepEqual(directive(hmiCsp('Station-7.plant.example', true), 'connect-src'), ["'self'", 'wss://station-7.plant.example']);
  assert.deepEqual(directive(hmiCsp('[fd00::17]:5170', true), 'connect-src'), ["'self'", 'wss://[fd00::17]:5170']);
  assert.deepEqual(directive(hmiCsp('localhost:5170', false), 'script-src'), ["'self'"]);
  assert.deepEqual(directive(hmiCsp('localhost:5170', false), 'object-src'), ["'none'"]);
  assert.deepEqual(directive(hmiCsp('localhost:5170', false), 'frame-ancestors'), ["'none'"]);
});

test('a Host header that is not a plain host[:port] cannot widen the CSP', () => {
  for (const host of [undefined, '', 'evil.com; script-src *', 'a b', 'evil.com/x', '*', 'evil.com:5170 wss://other', 'user@evil.com', "'unsafe-eval'"]) {
    assert.deepEqual(directive(hmiCsp(host, false), 'connect-src'), ["'self'"], String(host));
    assert.deepEqual(directive(hmiCsp(host, false), 'script-src'), ["'self'"], String(host));
  }
});

test('the HMI files are served with that CSP, naming the host the request came to', async () => {
  const dir = tempDir('mes-static-');
  mkdirSync(join(dir.path, 'assets'));
  writeFileSync(join(dir.path, 'index.html'), '<!doctype html>');
  const server = createServer((req, res) => serveStatic(dir.path, req.url ?? '/', res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as { port: number }).port;
    const csp = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `127.0.0.1:${port}` } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      })
        .on('error', reject)
        .end();
    });
    assert.deepEqual(directive(csp, 'connect-src'), ["'self'", `ws://127.0.0.1:${port}`]);
  } finally {
    await new Promise((r) => server.close(r));
    dir.dispose();
  }
});
