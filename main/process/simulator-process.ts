import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Log } from './log';

export interface SimulatorProcess {
  readonly endpoint: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL if it has not gone within 5 s. Resolves once it has exited. */
  dispose(): Promise<void>;
}

/**
 * Runs the line simulator as its own process (`mes simulate`), as a real PLC is its own box. Resolves with its
 * OPC UA endpoint once it says it is ready.
 *
 * It runs with `--exit-with-parent` and its stdin a pipe from this process: if this process dies without stopping
 * it (SIGKILL, a crash), the pipe closes and the simulator stops itself, so it is never left running orphaned.
 */
export function spawnSimulator(command: string, args: readonly string[], log: Log, env: NodeJS.ProcessEnv = process.env): Promise<SimulatorProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, [...args, '--exit-with-parent'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    let ready = false;
    let stopping = false;
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    const timer = setTimeout(() => {
      if (!ready) {
        child.kill('SIGKILL');
        reject(new Error('The line simulator did not start within 60 s.'));
      }
    }, 60_000);
    // The pipe is there only to close when we die; a simulator that has died must not make writes to it throw.
    child.stdin?.on('error', () => undefined);
    child.stderr?.on('data', (d: Buffer) => log.info(`simulator: ${d.toString().trimEnd()}`));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^ready (\S+)/.exec(line);
      if (m && !ready) {
        ready = true;
        clearTimeout(timer);
        resolve({
          endpoint: m[1] as string,
          pid: child.pid ?? 0,
          dispose: () =>
            new Promise<void>((done) => {
              if (exited()) return done();
              stopping = true;
              const kill = setTimeout(() => {
                log.warn('the line simulator did not stop within 5 s of SIGTERM: killing it');
                child.kill('SIGKILL');
              }, 5000);
              child.once('exit', () => {
                clearTimeout(kill);
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`The line simulator could not be started: ${error.message}`, { cause: error }));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      child.stdin?.destroy();
      if (!ready) reject(new Error(`The line simulator stopped before it was ready (exit ${code ?? signal}).`));
      else if (stopping) log.info(`the line simulator stopped (exit ${code ?? signal})`);
      else log.warn(`the line simulator stopped (exit ${code ?? signal})`);
    });
  });
}
