import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Log } from './log';

export interface SimulatorProcess {
  readonly endpoint: string;
  dispose(): Promise<void>;
}

/**
 * Runs the line simulator as its own process (`mes simulate`), as a real PLC is its own box. Resolves with its
 * OPC UA endpoint once it says it is ready.
 */
export function spawnSimulator(command: string, args: readonly string[], log: Log, env: NodeJS.ProcessEnv = process.env): Promise<SimulatorProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let ready = false;
    const timer = setTimeout(() => {
      if (!ready) {
        child.kill('SIGKILL');
        reject(new Error('The line simulator did not start within 60 s.'));
      }
    }, 60_000);
    child.stderr?.on('data', (d: Buffer) => log.info(`simulator: ${d.toString().trimEnd()}`));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^ready (\S+)/.exec(line);
      if (m && !ready) {
        ready = true;
        clearTimeout(timer);
        resolve({
          endpoint: m[1] as string,
          dispose: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`The line simulator stopped before it was ready (exit ${code ?? signal}).`));
      else log.warn(`the line simulator stopped (exit ${code ?? signal})`);
    });
  });
}
