import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { utilityProcess } from 'electron';

export interface SimulatorHost {
  readonly endpoint: string;
  /** Stops the simulator; resolves once it has exited. */
  dispose(): Promise<void>;
}

/**
 * Runs the line simulator (`mes simulate`) in an Electron utility process of its own, as a real PLC is its own box.
 * A utility process is a Node process Electron starts itself: the packaged app has the RunAsNode fuse off, so its
 * binary cannot be re-run as Node (ELECTRON_RUN_AS_NODE). Only the main process can fork one, hence here.
 * Resolves with its OPC UA endpoint once it prints "ready <endpoint>".
 */
export function forkSimulator(dataDir: string): Promise<SimulatorHost> {
  const child = utilityProcess.fork(join(import.meta.dirname, 'cli.js'), ['simulate', '--port', '0', '--data-dir', dataDir], {
    serviceName: 'MES line simulator',
    // stdin cannot be given to a utility process; stdout carries "ready", stderr its warnings to ours.
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let exited = false;
  const dispose = () =>
    new Promise<void>((done) => {
      if (exited) return done();
      child.once('exit', () => done());
      child.kill();
    });
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      if (ready) return;
      reject(new Error('The line simulator did not start within 60 s.'));
      child.kill();
    }, 60_000);
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /^ready (\S+)/.exec(line);
        if (!m || ready) return;
        ready = true;
        clearTimeout(timer);
        resolve({ endpoint: m[1] as string, dispose });
      });
    }
    child.once('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      if (!ready) reject(new Error(`The line simulator stopped before it was ready (exit ${code}).`));
    });
  });
}
