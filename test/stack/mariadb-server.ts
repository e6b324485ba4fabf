// A MariaDB server of the stack's own: a fresh data directory, its own port and socket, started and stopped by
// its own PID. The soak stops it for 20 s mid-run; the machine's MariaDB (which the tests use) is never touched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';

export interface MariaDbServer {
  port: number;
  /** mysql://root@127.0.0.1:PORT/DATABASE */
  url(database: string): string;
  pid(): number | null;
  running(): boolean;
  /** SIGTERM, then waits for the exit (a clean shutdown: InnoDB flushes). */
  stop(): Promise<void>;
  /** Starts it again on the same data directory and waits until it takes connections. */
  start(): Promise<void>;
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Installs a data directory under `dir` and starts mariadbd on `port` with a database named `database`. */
export async function startMariaDb(options: { dir: string; port: number; database: string; log: (line: string) => void }): Promise<MariaDbServer> {
  if (!fs.existsSync(MARIADBD)) throw new Error(`${MARIADBD} is missing: install Debian's mariadb-server`);
  const data = path.join(options.dir, 'mariadb-data');
  fs.mkdirSync(data, { recursive: true });
  // Running as root (CI) needs --user=root; otherwise the server runs as whoever starts it.
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  const installed = spawnSync(INSTALL_DB, ['--no-defaults', `--datadir=${data}`, ...user, '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
  if (installed.status !== 0) throw new Error(`mariadb-install-db failed (${installed.status}):\n${installed.stdout}\n${installed.stderr}`);
  const errorLog = path.join(options.dir, 'mariadb.err');
  const args = [
    '--no-defaults',
    `--datadir=${data}`,
    `--port=${options.port}`,
    '--bind-address=127.0.0.1',
    `--socket=${path.join(options.dir, 'mariadb.sock')}`,
    `--pid-file=${path.join(options.dir, 'mariadb.pid')}`,
    `--log-error=${errorLog}`,
    ...user,
    '--innodb-buffer-pool-size=256M',
    '--max-connections=300',
  ];
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    if (child && child.exitCode === null) return;
    const started = spawn(MARIADBD, args, { stdio: 'ignore' });
    child = started;
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while (!(await reachable(options.port))) {
      if (started.exitCode !== null) throw new Error(`mariadbd exited with ${started.exitCode}; see ${errorLog}`);
      if (Date.now() > deadline) throw new Error(`mariadbd did not take connections on ${options.port} within 60 s; see ${errorLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    options.log(`mariadb  pid ${started.pid} on 127.0.0.1:${options.port}`);
  };
  const stop = async () => {
    const current = child;
    if (!current || current.exitCode !== null) return;
    current.kill('SIGTERM');
    await exited;
    options.log(`mariadb  pid ${current.pid} stopped`);
  };

  await start();
  const created = spawnSync('mysql', ['--host=127.0.0.1', `--port=${options.port}`, '--user=root', '-e', `CREATE DATABASE IF NOT EXISTS \`${options.database}\` CHARACTER SET utf8mb4`], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`could not create the database: ${created.stderr}`);
  return {
    port: options.port,
    url: (database) => `mysql://root@127.0.0.1:${options.port}/${database}`,
    pid: () => child?.pid ?? null,
    running: () => child !== null && child.exitCode === null,
    stop,
    start,
  };
}
