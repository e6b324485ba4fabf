// A real server in a child process (`node --import tsx src/main.ts`, as `npm start` runs it) on a database of
// the test's own, with its memory read from /proc, and a poller that keeps asking it the cheap questions
// people ask all day (/healthz, an entitlement check) while a test makes it do something heavy.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { runCli } from './run-cli.ts';
import { refuseInUnitProject } from './test-project.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything the server wrote to stdout and stderr so far (its JSON log). */
  output(): string;
  /** Resident memory now, and the peak since start or the last resetPeak(), in MB (VmRSS, VmHWM). */
  rssMb(): number;
  peakRssMb(): number;
  /** Starts a new peak (writes 5 to /proc/PID/clear_refs). */
  resetPeak(): void;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

function status(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1];
  if (kb === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

/** Starts the server and waits until /readyz answers 200. `env` adds to (and overrides) this process's environment. */
export async function startServer(env: Record<string, string>, readyWithinMs = 90_000): Promise<ServerProcess> {
  refuseInUnitProject('the server in a child process');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, REPORT_SCHEDULER: 'off', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready within ${readyWithinMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    output: () => output,
    rssMb: () => status(pid, 'VmRSS'),
    peakRssMb: () => status(pid, 'VmHWM'),
    resetPeak: () => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Users of these roles and an API token each, made with the CLI on the database the server will use. */
export async function cliTokens(env: Record<string, string>, roles: readonly string[]): Promise<Record<string, string>> {
  const ok = async (args: string[], input?: string) => {
    const result = await runCli(args, env, input === undefined ? {} : { input });
    if (result.code !== 0) throw new Error(`entitle ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  await ok(['migrate']);
  const tokens: Record<string, string> = {};
  for (const role of roles) {
    await ok(['user', 'add', `${role}.poller`, '--role', role, '--password-stdin'], 'a long test password\n');
    const out = await ok(['token', 'create', '--user', `${role}.poller`, '--name', `${role} for the hostile suite`]);
    const token = /ent_\S+/.exec(out)?.[0];
    if (!token) throw new Error(`no token in:\n${out}`);
    tokens[role] = token;
  }
  return tokens;
}

export interface Poll {
  what: 'healthz' | 'check';
  status: number;
  ms: number;
}

/**
 * Asks /healthz and POST /api/entitlements/check, one after the other, every `everyMs`, until stopped; a
 * question not answered within 5 s counts as status 0. Returns every answer with its time.
 */
export function pollServer(url: string, token: string, everyMs = 100): { stop(): Promise<Poll[]> } {
  const polls: Poll[] = [];
  let running = true;
  const ask = async (what: Poll['what'], init?: RequestInit) => {
    const started = performance.now();
    const status = await fetch(`${url}${what === 'healthz' ? '/healthz' : '/api/entitlements/check'}`, { ...init, signal: AbortSignal.timeout(5000) }).then(
      async (r) => {
        await r.arrayBuffer();
        return r.status;
      },
      () => 0,
    );
    polls.push({ what, status, ms: performance.now() - started });
  };
  const loop = (async () => {
    while (running) {
      await ask('healthz');
      await ask('check', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ offering: 'cloud', tier: 'premium', service: 'issue_feedback' }),
      });
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return polls;
    },
  };
}
