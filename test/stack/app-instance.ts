// One app instance of the stack: `node --import tsx src/main.ts` (what `npm start` and the systemd unit run), on
// its own port, started, killed and started again by its own PID, with its resident memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface AppInstance {
  name: string;
  port: number;
  url: string;
  pid(): number | null;
  running(): boolean;
  /** VmRSS in MB, or null while it is not running. */
  rssMb(): number | null;
  /** Starts it (again) and waits until /readyz answers 200. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown of any kind, as a crash or the OOM killer would. */
  kill(): Promise<void>;
  /** SIGTERM: finishes in-flight requests, then exits. */
  stop(): Promise<void>;
}

export function appInstance(options: { name: string; port: number; env: Record<string, string>; logFile: string; log: (line: string) => void }): AppInstance {
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;

  const start = async () => {
    if (running()) return;
    const out = fs.openSync(options.logFile, 'a');
    const started = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'main.ts')], {
      env: { ...process.env, ...options.env, PORT: String(options.port) },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    child = started;
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (!running()) throw new Error(`${options.name} exited (${started.exitCode ?? started.signalCode}); see ${options.logFile}`);
      const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`${options.name} was not ready within 90 s; see ${options.logFile}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    options.log(`${options.name.padEnd(8)} pid ${started.pid} on ${url}`);
  };

  const signal = async (sig: NodeJS.Signals) => {
    const current = child;
    if (!current || !running()) return;
    current.kill(sig);
    await exited;
    options.log(`${options.name.padEnd(8)} pid ${current.pid} ${sig === 'SIGKILL' ? 'killed' : 'stopped'}`);
  };

  return {
    name: options.name,
    port: options.port,
    url,
    pid: () => child?.pid ?? null,
    running,
    rssMb() {
      if (!running() || !child?.pid) return null;
      try {
        const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb === undefined ? null : Number(kb) / 1024;
      } catch {
        return null;
      }
    },
    start,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}
