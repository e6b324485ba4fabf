// The whole product on this machine, for a test: a MariaDB server of its own, two app instances on it, Debian's
// nginx in front (deploy/nginx/entitle.conf) and an SMTP server on loopback for the mail, all on loopback ports
// and all started and stopped by their own PIDs. `npm run stack` runs it until Ctrl-C; the soak benchmark
// (test/bench/soak-bench.ts) runs its load and its faults against it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../report/smtp-sink.ts';
import { appInstance, type AppInstance } from './app-instance.ts';
import { startMariaDb, type MariaDbServer } from './mariadb-server.ts';
import { startNginx, type NginxServer } from './nginx-server.ts';

export const STACK_ADMIN_PASSWORD = 'stack admin password 1';
export const STACK_MANAGER = 'manager@stack.example';

export interface Stack {
  /** nginx: where people and the load go. */
  url: string;
  dir: string;
  mariadb: MariaDbServer;
  /** The app's database, for checks made from outside. */
  databaseUrl: string;
  instances: AppInstance[];
  nginx: NginxServer;
  smtp: SmtpSink;
  /** The settings every instance shares (SESSION_SECRET and the rest must match across instances). */
  env: Record<string, string>;
  /** Stops what it started, newest first, by PID; keeps the directory (logs) when keepDir. */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

export interface StackOptions {
  /** First of the ports: nginx on it, MariaDB on +1, SMTP on +2, the instances on +11, +12, ... */
  basePort?: number;
  instances?: number;
  /** Extra settings for every instance. */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const base = options.basePort ?? 18_080;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-stack-'));
  const stoppers: (() => Promise<void>)[] = [];
  // Should this process die without stopping them (an uncaught error, process.exit), its children go with it.
  const pids: (() => number | null)[] = [];
  const orphans = () => {
    for (const pid of pids.map((p) => p()).filter((p): p is number => p !== null)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', orphans);
  const stopAll = async (keepDir = false) => {
    process.removeListener('exit', orphans);
    for (const stop of stoppers.reverse()) await stop().catch((err: Error) => log(`stop: ${err.message}`));
    stoppers.length = 0;
    if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const mariadb = await startMariaDb({ dir, port: base + 1, database: 'entitle', log });
    stoppers.push(() => mariadb.stop());
    pids.push(() => (mariadb.running() ? mariadb.pid() : null));
    const smtp = await startSmtpSink({ port: base + 2 });
    stoppers.push(() => smtp.close());
    log(`smtp     on 127.0.0.1:${smtp.port} (in this process)`);
    const databaseUrl = mariadb.url('entitle');
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      // Shared by every instance: a session signed by one must be read by the other.
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ADMIN_PASSWORD: STACK_ADMIN_PASSWORD,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'entitle <noreply@stack.example>',
      REPORT_MANAGERS: STACK_MANAGER,
      TRUST_PROXY: 'loopback',
      VAR_DIR: path.join(dir, 'var'),
      LOG_LEVEL: 'info',
      ...options.env,
    };
    const instances: AppInstance[] = [];
    for (let i = 0; i < (options.instances ?? 2); i++) {
      const instance = appInstance({ name: `app-${i + 1}`, port: base + 11 + i, env, logFile: path.join(dir, `app-${i + 1}.log`), log });
      // One after the other: the first migrates an empty database and moves the sample policy in.
      await instance.start();
      stoppers.push(() => instance.stop());
      pids.push(() => (instance.running() ? instance.pid() : null));
      instances.push(instance);
    }
    const nginx = await startNginx({ dir, port: base, upstreams: instances.map((i) => i.port), log });
    stoppers.push(() => nginx.stop());
    pids.push(() => nginx.pid());
    return { url: nginx.url, dir, mariadb, databaseUrl, instances, nginx, smtp, env, stop: (o) => stopAll(o?.keepDir) };
  } catch (err) {
    await stopAll(true);
    throw new Error(`the stack did not start (logs kept in ${dir}): ${(err as Error).message}`, { cause: err });
  }
}
