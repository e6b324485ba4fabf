// npm run bench:decide — how fast an active policy decides.
//   1. In process: decisions/s through the entitlement service (its policy cache included) and through
//      `decide` directly, over a pre-built mix of requests. Goal: ≥ 200,000 decisions/s.
//   2. Over loopback: POST /api/entitlements/check on the app as `npm start` builds it (SQLite file, pino at
//      `info`, bearer token), next to a bare Express handler returning constant JSON; requests/s, p50/p99
//      and the ratio app / bare. Goal: ≥ 60% of the bare handler.
// The servers run in a child process (this script with `--serve`) and the load comes from this one, so that
// on a small machine the load generator does not share a core with the server it measures.
//
// Settings (environment): BENCH_ONLY=inproc|http, BENCH_TARGETS=app,bare,node (default all three), BENCH_ROUNDS (5),
// BENCH_ROUND_MS (1000, in process), BENCH_HTTP_SECONDS (4 per round), BENCH_CONNECTIONS (32),
// BENCH_LOG=file|devnull (where the server's stdout, hence its request log, goes), BENCH_DB=file|memory
// (the server's SQLite database).
// Profiling: `node --cpu-prof --cpu-prof-dir=DIR --import tsx test/bench/decide-bench.ts` profiles both
// processes (the server inherits the flags); BENCH_PROFILE_SERVER=DIR profiles the server only. Under tsx
// every source function reports line 1; for line-level ticks, bundle the script first with
// `npx esbuild test/bench/decide-bench.ts --bundle --platform=node --format=esm --packages=external`.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { ensureInitialPolicy, openServices, type Services } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config/config.ts';
import { decide, type ContractFacts } from '../../src/entitlement/decision.ts';
import { contractFacts, type InlineContract } from '../../src/entitlement/entitlement-service.ts';
import { createApp } from '../../src/http/create-app.ts';
import { createLogger } from '../../src/logger.ts';
import { fmt, machine, median, random, rate, rateAsync } from './bench-support.ts';
import { OFFERINGS, TIERS, type Offering, type Tier } from '../../src/catalog/catalog-codes.ts';
import type { CompiledPolicy } from '../../src/policy/compiled-policy.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ONLY = process.env.BENCH_ONLY ?? '';
/** `app` or `bare` alone, e.g. to profile one server. */
const TARGETS = (process.env.BENCH_TARGETS ?? 'bare,app,node').split(',');
const MIX_SIZE = 10_000;
const PATH = '/api/entitlements/check';
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Shared: a database set up as `npm start` sets up an empty one (migrated, sample imported and active).

/** The configuration `npm start` would load, with its var/ directory in a temporary place. */
function benchConfig(varDir: string, database: 'file' | 'memory') {
  return loadConfig({
    NODE_ENV: 'production',
    VAR_DIR: varDir,
    LOG_LEVEL: 'info',
    ...(database === 'memory' ? { DATABASE_URL: 'sqlite::memory:' } : {}),
    SESSION_SECRET: 'bench-session-secret-that-is-long-enough',
  });
}

async function openBenchServices(varDir: string, database: 'file' | 'memory'): Promise<Services> {
  const services = await openServices(benchConfig(varDir, database));
  const initial = await ensureInitialPolicy(services);
  if (initial?.status !== 'created') throw new Error(`the sample policy did not import: ${JSON.stringify(initial).slice(0, 2000)}`);
  return services;
}

// ---------------------------------------------------------------------------------------------------
// The request mix.

interface BenchRequest {
  inline: InlineContract;
  contract: ContractFacts;
  service: string;
  at: Date;
  usedInPeriod: ((from: string, to: string) => number) | undefined;
  body: Buffer;
}

const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Every offering × tier × service of the policy (tier and special services, including the ones an
 * offering does not have), evenly; 20% of requests ask about a quota-bearing service with a count of
 * uses (0–4) in the contract year; 10% are inline contracts that `at` falls outside of (ended, or not
 * yet started). `at` lies within the year after activation.
 */
function buildMix(policy: CompiledPolicy, activatedAt: number): { requests: BenchRequest[]; combos: number; quotaCombos: number } {
  const combos: Array<{ offering: Offering; tier: Tier; service: string }> = [];
  for (const offering of OFFERINGS) for (const tier of TIERS) for (const service of policy.knownServices()) combos.push({ offering, tier, service });
  const quotaCombos = combos.filter((c) => policy.entitlement(c.offering, c.tier, c.service)?.quota);
  if (quotaCombos.length === 0) throw new Error('the sample policy has no quota-bearing service');
  const next = random(20260401);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const requests: BenchRequest[] = [];
  for (let i = 0; i < MIX_SIZE; i++) {
    const withQuota = i % 5 === 0; // 20%
    const outside = i % 10 === 3; // 10%
    const { offering, tier, service } = withQuota ? pick(quotaCombos) : combos[i % combos.length]!;
    const at = activatedAt + 60_000 + Math.floor(next() * 365 * DAY);
    let startsOn: number;
    let endsOn: number;
    if (!outside) {
      startsOn = at - Math.floor(next() * 2 * 365 * DAY);
      endsOn = Math.max(startsOn + 365 * DAY, at + DAY + Math.floor(next() * 365 * DAY));
    } else if (i % 20 === 3) {
      endsOn = at - DAY - Math.floor(next() * 365 * DAY); // ended
      startsOn = endsOn - 365 * DAY;
    } else {
      startsOn = at + DAY + Math.floor(next() * 90 * DAY); // not started yet
      endsOn = startsOn + 365 * DAY;
    }
    const inline: InlineContract = { offering, tier, startsOn: day(startsOn), endsOn: day(endsOn) };
    const used = i % 5 === 0 ? Math.floor(next() * 5) : 0;
    const atDate = new Date(at);
    requests.push({
      inline,
      contract: contractFacts(inline),
      service,
      at: atDate,
      usedInPeriod: withQuota ? () => used : undefined,
      body: Buffer.from(JSON.stringify({ ...inline, service, at: atDate.toISOString() })),
    });
  }
  return { requests, combos: combos.length, quotaCombos: quotaCombos.length };
}

// ---------------------------------------------------------------------------------------------------
// Figures.

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

// ---------------------------------------------------------------------------------------------------
// 1. In process.

async function inProcess(): Promise<void> {
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-bench-'));
  const services = await openBenchServices(varDir, 'file');
  try {
    // The service exactly as the composition root builds it: a policy cache with the production refresh interval.
    const { policyCache: cache, entitlements } = services;
    const activation = (await services.policies.activations())[0]!;
    const activatedAt = Date.parse(activation.effectiveFrom);
    const { requests, combos, quotaCombos } = buildMix((await cache.at(new Date(activatedAt + 60_000)))!, activatedAt);

    // The compiled policy the service decides with, for `decide` on its own (every `at` of the mix is
    // after the one activation, so one compiled version decides them all).
    const policy = (await cache.at(requests[0]!.at))!;

    // What the mix decides, as a check that it is the mix it claims to be.
    const outcomes = new Map<string, number>();
    let entitled = 0;
    for (const r of requests) {
      const d = await entitlements.check(r.contract, r.service, r.at, r.usedInPeriod);
      if (d.entitled) entitled++;
      for (const reason of d.reasons) outcomes.set(reason.code, (outcomes.get(reason.code) ?? 0) + 1);
      const direct = decide(policy, r.contract, r.service, r.at, r.usedInPeriod);
      if (JSON.stringify(direct) !== JSON.stringify(d)) throw new Error(`decide and check disagree on ${JSON.stringify(r.inline)} ${r.service}`);
    }
    console.log(
      `mix: ${fmt(requests.length)} requests over ${combos} offering × tier × service combinations (${policy.knownServices().length} services), ` +
        `20% quota-bearing with 0–4 uses (${quotaCombos} combinations), 10% outside the contract dates`,
    );
    console.log(
      `     entitled ${((100 * entitled) / requests.length).toFixed(0)}%; reasons: ${[...outcomes].map(([c, n]) => `${c} ${((100 * n) / requests.length).toFixed(1)}%`).join(', ')}`,
    );

    let sink = 0;
    const n = requests.length;
    const roundCheck = (ms: number) =>
      rateAsync(ms, 1000, async (k) => {
        const r = requests[k % n]!;
        if ((await entitlements.check(r.contract, r.service, r.at, r.usedInPeriod)).entitled) sink++;
      });
    const roundDecide = (ms: number) =>
      rate(ms, 1000, (k) => {
        const r = requests[k % n]!;
        if (decide(policy, r.contract, r.service, r.at, r.usedInPeriod).entitled) sink++;
      });

    await roundCheck(ROUND_MS); // warm-up
    roundDecide(ROUND_MS);
    const viaService: number[] = [];
    const direct: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      viaService.push(await roundCheck(ROUND_MS));
      direct.push(roundDecide(ROUND_MS));
    }
    const show = (xs: number[]) => `median ${fmt(median(xs))} decisions/s (rounds: ${xs.map(fmt).join(', ')})`;
    if (sink < 0) console.log(sink); // keeps the decisions observable
    console.log(`in process, ${ROUNDS} rounds of ${ROUND_MS} ms after a warm-up:`);
    console.log(`  entitlements.check (service + policy cache): ${show(viaService)}`);
    console.log(`  decide (compiled policy, pure):              ${show(direct)}`);
    const verdict = (xs: number[]) => (median(xs) >= 200_000 ? 'met' : 'NOT met');
    console.log(`  goal ≥ 200,000 decisions/s: through the service ${verdict(viaService)}, decide alone ${verdict(direct)}`);
  } finally {
    await services.close();
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// 2. Over loopback: the server side (child process).

type ToChild = { type: 'cpu'; id: number } | { type: 'stop' };
type FromChild =
  | { type: 'ready'; appPort: number; barePort: number; nodePort: number; token: string; bareBytes: number; database: string }
  | { type: 'cpu'; id: number; usage: NodeJS.CpuUsage }
  | { type: 'error'; message: string };

async function serve(): Promise<void> {
  const send = (m: FromChild) => process.send!(m);
  const database = process.env.BENCH_DB === 'memory' ? 'memory' : 'file';
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-bench-server-'));
  const config = benchConfig(varDir, database);
  // As main.ts: the production logger (pino at LOG_LEVEL=info, to stdout) — stdout is the file or
  // /dev/null the parent gave this process.
  const logger = createLogger(config.logLevel);
  const services = await openBenchServices(varDir, database);
  // Every token belongs to a person: the bench's own support user.
  await services.accounts.createUser('bench', 'support', 'a bench password', { name: 'bench' });
  const { token } = await services.accounts.createToken({ owner: 'bench', name: 'bench' }, { name: 'bench' });
  // Every service main.ts hands to createApp, whatever they are as the app grows.
  const app = createApp({
    ...services,
    checkDatabase: services.ping,
    logger,
    sessionSecret: config.sessionSecret!,
    upload: config.upload,
    trustProxy: config.trustProxy,
    outboxDir: config.mail.outboxDir,
    reportSettings: config.reports,
  });

  // The bare handler answers with a real decision, so both send bodies of the same size.
  const activation = (await services.policies.activations())[0]!;
  const constant = await services.entitlements.check(
    contractFacts({ offering: 'cloud', tier: 'preferred' }),
    'issue_feedback',
    new Date(Date.parse(activation.effectiveFrom) + 60_000),
  );
  const bare = express();
  bare.post(PATH, (_req, res) => {
    res.json(constant);
  });

  // The floor under both: node:http alone, reading the body and sending the same constant JSON.
  const constantJson = JSON.stringify(constant);
  const plain: http.RequestListener = (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(constantJson) });
      res.end(constantJson);
    });
  };

  const listen = (handler: http.RequestListener) =>
    new Promise<http.Server>((resolve) => {
      const server = http.createServer(handler);
      // Rounds alternate between the two servers; keep idle connections open across a round of the other.
      server.keepAliveTimeout = 65_000;
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  const appServer = await listen(app);
  const bareServer = await listen(bare);
  const nodeServer = await listen(plain);
  process.on('message', (m: ToChild) => {
    if (m.type === 'cpu') send({ type: 'cpu', id: m.id, usage: process.cpuUsage() });
    if (m.type === 'stop') {
      for (const server of [appServer, bareServer, nodeServer]) {
        server.closeAllConnections();
        server.close();
      }
      void services.close().then(() => {
        fs.rmSync(varDir, { recursive: true, force: true });
        process.disconnect();
      });
    }
  });
  send({
    type: 'ready',
    appPort: (appServer.address() as AddressInfo).port,
    barePort: (bareServer.address() as AddressInfo).port,
    nodePort: (nodeServer.address() as AddressInfo).port,
    token,
    bareBytes: Buffer.byteLength(JSON.stringify(constant)),
    database: database === 'file' ? `SQLite file ${config.database.client === 'sqlite' ? config.database.filename : ''} (WAL)` : 'SQLite :memory:',
  });
}

// ---------------------------------------------------------------------------------------------------
// 2. Over loopback: the load (this process).

interface LoadResult {
  requests: number;
  seconds: number;
  statuses: Map<number, number>;
  errors: number;
  latencies: Float64Array;
  clientCpu: number;
  serverCpu: number;
}

class ServerHandle {
  private nextId = 0;
  private waiting = new Map<number, (u: NodeJS.CpuUsage) => void>();
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromChild) => {
      if (m.type === 'cpu') {
        this.waiting.get(m.id)?.(m.usage);
        this.waiting.delete(m.id);
      }
    });
  }
  cpu(): Promise<NodeJS.CpuUsage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ type: 'cpu', id } satisfies ToChild);
    });
  }
}

function post(agent: http.Agent, port: number, token: string, body: Buffer): Promise<{ status: number; text: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: PATH,
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status === 200) {
          res.on('data', () => {});
          res.on('end', () => resolve({ status, text: null }));
        } else {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status, text }));
        }
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CONNECTIONS workers, each with one request in flight, for `seconds`; bounded by a request cap too. */
async function load(server: ServerHandle, port: number, token: string, agent: http.Agent, bodies: Buffer[], seconds: number): Promise<LoadResult> {
  const cap = 2_000_000;
  const latencies = new Float64Array(cap);
  let count = 0;
  let errors = 0;
  let offset = Math.floor(Math.random() * bodies.length);
  const statuses = new Map<number, number>();
  let firstFailure: string | null = null;
  const serverBefore = await server.cpu();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const end = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end && count < cap) {
      const body = bodies[offset++ % bodies.length]!;
      const t0 = performance.now();
      try {
        const { status, text } = await post(agent, port, token, body);
        latencies[count++] = performance.now() - t0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status !== 200) firstFailure ??= `${status} ${text?.slice(0, 300)}`;
      } catch (err) {
        errors++;
        firstFailure ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const clientUsage = process.cpuUsage(clientBefore);
  const serverAfter = await server.cpu();
  const serverCpu = (serverAfter.user - serverBefore.user + serverAfter.system - serverBefore.system) / 1e6 / elapsed;
  if (firstFailure) console.log(`    (port ${port}: not every request succeeded; first failure: ${firstFailure})`);
  return {
    requests: count,
    seconds: elapsed,
    statuses,
    errors,
    latencies: latencies.slice(0, count),
    clientCpu: (clientUsage.user + clientUsage.system) / 1e6 / elapsed,
    serverCpu,
  };
}

async function overHttp(): Promise<void> {
  // The same mix as in process; over HTTP only inline contracts exist, so the quota requests count 0 uses.
  const setupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-bench-mix-'));
  let bodies: Buffer[];
  try {
    const services = await openBenchServices(setupDir, 'memory');
    const cache = services.policyCache;
    const activatedAt = Date.parse((await services.policies.activations())[0]!.effectiveFrom);
    bodies = buildMix((await cache.at(new Date(activatedAt + 60_000)))!, activatedAt).requests.map((r) => r.body);
    await services.close();
  } finally {
    fs.rmSync(setupDir, { recursive: true, force: true });
  }

  const logChoice = process.env.BENCH_LOG === 'devnull' ? 'devnull' : 'file';
  const logPath = logChoice === 'devnull' ? '/dev/null' : path.join(os.tmpdir(), `entitle-bench-${process.pid}.log`);
  const logFd = fs.openSync(logPath, 'w');
  const execArgv = [...process.execArgv];
  if (process.env.BENCH_PROFILE_SERVER) execArgv.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_SERVER}`);
  // The servers start when this process is already loaded, so they import the tsx loader it runs with.
  const child = fork(process.argv[1]!, ['--serve'], { execArgv, stdio: ['ignore', logFd, 'inherit', 'ipc'] });
  fs.closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = await new Promise<Extract<FromChild, { type: 'ready' }>>((resolve, reject) => {
    child.on('message', (m: FromChild) => {
      if (m.type === 'ready') resolve(m);
      if (m.type === 'error') reject(new Error(m.message));
    });
    void exited.then((code) => reject(new Error(`the server process exited (${code}) before it was ready`)));
  });
  const server = new ServerHandle(child);
  console.log(
    `HTTP over loopback: POST ${PATH}, ${CONNECTIONS} keep-alive connections (node:http Agent), the mix's ${fmt(bodies.length)} bodies, ` +
      `${ROUNDS} alternating rounds of ${HTTP_SECONDS} s per server after a warm-up; servers in a child process, load here`,
  );
  console.log(
    `  app: createApp as npm start builds it — ${ready.database}, policy cache refresh 2 s, bearer token (support), ` +
      `pino at level info writing to ${logChoice === 'devnull' ? '/dev/null' : `a file (${logPath})`}`,
  );
  console.log(`  bare: express() with one POST ${PATH} handler sending a constant decision (${ready.bareBytes} bytes of JSON), no middleware`);
  console.log(`  node: node:http alone, reading the body and sending the same constant JSON (the floor; for comparison, no goal)`);
  console.log(`  (the API takes no quota facts for inline contracts: its quota requests decide with 0 uses)`);

  const targets = [
    { name: 'bare', port: ready.barePort, agent: new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }), rounds: [] as LoadResult[] },
    { name: 'app', port: ready.appPort, agent: new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }), rounds: [] as LoadResult[] },
    { name: 'node', port: ready.nodePort, agent: new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }), rounds: [] as LoadResult[] },
  ].filter((t) => TARGETS.includes(t.name));
  try {
    for (const t of targets) await load(server, t.port, ready.token, t.agent, bodies, Math.min(2, HTTP_SECONDS)); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) t.rounds.push(await load(server, t.port, ready.token, t.agent, bodies, HTTP_SECONDS));
    }
  } finally {
    for (const t of targets) t.agent.destroy();
    child.send({ type: 'stop' } satisfies ToChild);
    await exited;
  }

  const summary = targets.map((t) => {
    const rps = t.rounds.map((r) => r.requests / r.seconds);
    const all = Float64Array.from(t.rounds.flatMap((r) => Array.from(r.latencies))).sort();
    const statuses = new Map<number, number>();
    for (const r of t.rounds) for (const [s, n] of r.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n);
    const errors = t.rounds.reduce((a, r) => a + r.errors, 0);
    return {
      name: t.name,
      rps: median(rps),
      rounds: rps,
      p50: percentile(all, 0.5),
      p99: percentile(all, 0.99),
      statuses,
      errors,
      serverCpu: median(t.rounds.map((r) => r.serverCpu)),
      clientCpu: median(t.rounds.map((r) => r.clientCpu)),
    };
  });
  for (const s of summary) {
    console.log(
      `  ${s.name.padEnd(4)}: median ${fmt(s.rps)} requests/s (rounds: ${s.rounds.map(fmt).join(', ')}), p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms; ` +
        `status ${[...s.statuses].map(([k, v]) => `${k}×${fmt(v)}`).join(' ')}${s.errors ? `, ${s.errors} errors` : ''}; ` +
        `CPU server ${(100 * s.serverCpu).toFixed(0)}% / load generator ${(100 * s.clientCpu).toFixed(0)}% of a core, ` +
        `${Math.round((1e6 * s.serverCpu) / s.rps)} µs of server CPU a request`,
    );
  }
  if (summary.some((s) => s.serverCpu < 0.9)) {
    console.log('  note: the server used less than 90% of a core in some rounds while it was under load: something else was using the CPU; run again');
  }
  const bare = summary.find((s) => s.name === 'bare');
  const app = summary.find((s) => s.name === 'app');
  if (bare && app) {
    const ratio = app.rps / bare.rps;
    console.log(`  ratio app / bare: ${(100 * ratio).toFixed(0)}% (goal ≥ 60%: ${ratio >= 0.6 ? 'met' : 'NOT met'})`);
    // Server CPU per request does not depend on how much CPU the load generator or a neighbour took.
    const cpuRatio = bare.serverCpu / bare.rps / (app.serverCpu / app.rps);
    console.log(`  by server CPU a request, app / bare: ${(100 * cpuRatio).toFixed(0)}%`);
  }
  if (logChoice === 'file') {
    const size = fs.statSync(logPath).size;
    const lines = fs.readFileSync(logPath, 'utf8').split('\n').filter(Boolean).length;
    console.log(`  request log: ${fmt(lines)} lines, ${(size / 2 ** 20).toFixed(1)} MB (${Math.round(size / Math.max(1, lines))} bytes a line), removed`);
    fs.rmSync(logPath, { force: true });
  }
}

async function main(): Promise<void> {
  console.log(`machine: ${machine()}`);
  if (ONLY !== 'http') await inProcess();
  if (ONLY !== 'inproc') await overHttp();
}

if (process.argv[2] === '--serve') {
  serve().catch((err: unknown) => {
    process.send?.({ type: 'error', message: (err as Error).stack ?? String(err) } satisfies FromChild);
    process.exit(1);
  });
} else {
  await main();
}
