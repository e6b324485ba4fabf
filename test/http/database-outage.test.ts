// A MySQL outage under load: the app talks to MariaDB through a real TCP proxy on loopback that the test cuts
// (every connection dropped, new ones refused for seconds) and restores, and an admin connection KILLs the
// app's connections. Throughout: no 500, 503 DATABASE_UNAVAILABLE with Retry-After while it lasts, and 200s
// after, from the same pool, with no restart. Each failure logs one line without SQL.
import type http from 'node:http';
import net from 'node:net';
import { Writable } from 'node:stream';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createApp } from '../../src/http/create-app.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  /** The phase when the request was sent, and when its answer came. */
  phase: string;
  answeredIn: string;
  what: string;
  status: number;
  retryAfter: string | null;
  code: string | null;
}

describe('the TCP proxy the outage tests cut', () => {
  it('forwards, drops every connection, refuses while cut, and forwards again once restored', async () => {
    const echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: (echo.address() as net.AddressInfo).port });
    const roundTrip = () =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(proxy.port, '127.0.0.1', () => socket.write('ping'));
        socket.once('data', (data) => {
          socket.destroy();
          resolve(data.toString());
        });
        socket.once('error', reject);
      });
    try {
      expect(await roundTrip()).toBe('ping');
      const open = net.connect(proxy.port, '127.0.0.1');
      const closed = new Promise((resolve) => open.once('close', resolve));
      await new Promise((r) => open.once('connect', r));
      await sleep(20);
      await proxy.refuse();
      await closed;
      await expect(roundTrip()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await proxy.restore();
      expect(await roundTrip()).toBe('ping');
    } finally {
      await proxy.close();
      echo.close();
    }
  });
});

for (const engine of ENGINES.filter((e) => e === 'mysql')) {
  describe(`a database outage under load [${engine}]`, () => {
    let tdb: TestDatabase;
    let proxy: TcpProxy;
    let appDb: Knex;
    let t: TestApp;
    let server: http.Server;
    let base: string;
    let contractId: number;
    const lines: Record<string, unknown>[] = [];

    beforeAll(async () => {
      tdb = await createTestDatabase(engine);
      const target = parseDatabaseUrl(tdb.url);
      if (target.client !== 'mysql') throw new Error('expected MySQL');
      proxy = await startTcpProxy({ host: target.host, port: target.port });
      // The production configuration (pool, timeouts), pointed at the proxy.
      appDb = openDatabase({ ...target, port: proxy.port });
      t = await createTestApp(appDb);
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      });
      const app = createApp({ ...t.deps, logger: createLogger('info', 'entitle', sink) });
      const customer = await t.deps.contracts.createCustomer({ name: '断线客户' }, { name: 'test', address: null });
      contractId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31' })).id;
      server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((r) => server?.close(r));
      await appDb?.destroy();
      await proxy?.close();
      await tdb?.destroy();
    });

    /** The desk's traffic: checks through the fast lane, reads through Express, and writes. */
    function load(phase: () => string, answers: Answer[]): { stop: () => Promise<void> } {
      const auth = { Authorization: `Bearer ${t.tokens.support}`, 'Content-Type': 'application/json' };
      const calls: [string, () => Promise<Response>][] = [
        ['check', () => fetch(`${base}/api/entitlements/check`, { method: 'POST', headers: auth, body: JSON.stringify({ contractId, service: 'code_diagnosis' }), signal: AbortSignal.timeout(20_000) })],
        ['contract', () => fetch(`${base}/api/contracts/${contractId}`, { headers: auth, signal: AbortSignal.timeout(20_000) })],
        ['queue', () => fetch(`${base}/api/requests?contractId=${contractId}&limit=5`, { headers: auth, signal: AbortSignal.timeout(20_000) })],
        ['intake', () => fetch(`${base}/api/requests`, { method: 'POST', headers: auth, body: JSON.stringify({ contractId, service: 'issue_feedback', summary: '断线时的请求' }), signal: AbortSignal.timeout(20_000) })],
        // An inline contract needs nothing the database holds but the policy and the token, both already read.
        ['inline', () => fetch(`${base}/api/entitlements/check`, { method: 'POST', headers: auth, body: JSON.stringify({ offering: 'cloud', tier: 'premium', service: 'phone_support' }), signal: AbortSignal.timeout(20_000) })],
      ];
      let running = true;
      const worker = async (offset: number) => {
        for (let i = offset; running; i++) {
          const [what, send] = calls[i % calls.length]!;
          const current = phase();
          try {
            const res = await send();
            const body = (await res.json()) as { error?: { code?: string } };
            answers.push({ phase: current, answeredIn: phase(), what, status: res.status, retryAfter: res.headers.get('retry-after'), code: body.error?.code ?? null });
          } catch {
            answers.push({ phase: current, answeredIn: phase(), what, status: 0, retryAfter: null, code: 'NO_ANSWER' });
          }
        }
      };
      const workers = Array.from({ length: 6 }, (_, i) => worker(i));
      return {
        async stop() {
          running = false;
          await Promise.all(workers);
        },
      };
    }

    /** Load until `steadyMs` of nothing but success after the fault, or a deadline. */
    async function recover(answers: Answer[], setPhase: (p: string) => void): Promise<void> {
      setPhase('recovering');
      const deadline = Date.now() + 30_000;
      let okSince = Date.now();
      let seen = answers.length;
      while (Date.now() < deadline) {
        await sleep(100);
        const fresh = answers.slice(seen);
        seen = answers.length;
        if (fresh.some((a) => a.status >= 300)) okSince = Date.now();
        else if (Date.now() - okSince > 1_000) break;
      }
      setPhase('after');
      // At least a second of traffic after, and enough answers of every kind to judge it, however busy the machine.
      const afterFrom = answers.length;
      const enough = () => {
        const after = answers.slice(afterFrom);
        return after.length > 20 && new Set(after.map((a) => a.what)).size === 5;
      };
      await sleep(1_000);
      for (const until = Date.now() + 20_000; !enough() && Date.now() < until; ) await sleep(100);
    }

    function expectOnlySuccessOr503(answers: Answer[]): void {
      const unexpected = answers.filter((a) => !(a.status === 200 || a.status === 201 || a.status === 503));
      expect(unexpected, JSON.stringify(unexpected.slice(0, 5))).toEqual([]);
      for (const a of answers.filter((x) => x.status === 503)) {
        expect(a).toMatchObject({ retryAfter: '5', code: 'DATABASE_UNAVAILABLE' });
      }
      const after = answers.filter((a) => a.phase === 'after');
      expect(after.length).toBeGreaterThan(20);
      expect(after.filter((a) => a.status >= 300)).toEqual([]);
      expect(new Set(after.map((a) => a.what))).toEqual(new Set(['check', 'contract', 'queue', 'intake', 'inline']));
      // Checks of inline contracts go on through the fault, from the policy and token last read.
      expect(answers.filter((a) => a.what === 'inline' && a.status !== 200)).toEqual([]);
    }

    function expectSafeFailureLines(atLeast: number): void {
      const failures = lines.filter((l) => l.msg === 'database unavailable');
      expect(failures.length).toBeGreaterThanOrEqual(atLeast);
      for (const line of failures) {
        const text = JSON.stringify(line);
        expect(text).not.toMatch(/select |insert into|断线|stack/i);
        // A driver's error keeps only its code; a refused connect says where it went, nothing more.
        expect((line.err as { message?: string }).message).toMatch(/^(database unavailable( \([A-Z_]+\))?|connect E[A-Z]+ [\d.:]+|The database is unreachable: answering at once while a connection is retried)$/);
      }
      expect(lines.filter((l) => l.msg === 'request failed')).toEqual([]);
    }

    it('answers 503 with Retry-After while connections are dropped and refused, and 200 once the database is back', async () => {
      const answers: Answer[] = [];
      let phase = 'before';
      lines.length = 0;
      const traffic = load(() => phase, answers);
      await sleep(800);
      phase = 'outage';
      await proxy.refuse();
      await sleep(1_500);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('DATABASE_UNAVAILABLE');
      await sleep(1_500);
      await proxy.restore();
      await recover(answers, (p) => (phase = p));
      await traffic.stop();

      // Requests in flight when the connections dropped fail too; those answered before did not.
      expect(answers.filter((a) => a.answeredIn === 'before' && a.status >= 300)).toEqual([]);
      const outage = answers.filter((a) => a.phase === 'outage');
      expect(outage.filter((a) => a.status === 503).length).toBeGreaterThan(10);
      expect(outage.filter((a) => a.what === 'inline' && a.status === 200).length).toBeGreaterThan(0);
      expectOnlySuccessOr503(answers);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      // One line per failed request, each without SQL.
      expect(lines.filter((l) => l.msg === 'database unavailable').length).toBe(answers.filter((a) => a.status === 503).length);
      expectSafeFailureLines(1);
    });

    it('recovers by itself when an admin KILLs the app’s connections under load', async () => {
      const target = parseDatabaseUrl(tdb.url);
      if (target.client !== 'mysql') throw new Error('expected MySQL');
      const schema = target.database;
      // An admin's own connection, straight to the server, not through the proxy.
      const admin = openDatabase({ ...target, database: 'mysql' });
      const answers: Answer[] = [];
      let phase = 'before';
      lines.length = 0;
      const traffic = load(() => phase, answers);
      try {
        await sleep(800);
        phase = 'kills';
        let killed = 0;
        for (let round = 0; round < 4; round++) {
          const [rows] = (await admin.raw('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [schema])) as [{ id: number }[]];
          for (const { id } of rows) {
            await admin.raw('KILL ?', [Number(id)]).catch(() => undefined);
            killed += 1;
          }
          await sleep(300);
        }
        expect(killed).toBeGreaterThan(0);
        await recover(answers, (p) => (phase = p));
      } finally {
        await traffic.stop();
        await admin.destroy();
      }
      expectOnlySuccessOr503(answers);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      // A query on a killed connection fails (503); a killed idle connection is replaced before it is handed out.
      expectSafeFailureLines(0);
    });
  });
}
