// Database faults answer 503 DATABASE_UNAVAILABLE with Retry-After (the API's error shape, the fast lane's
// too, a plain page for browsers), log one line without SQL or bound values, and pass when the database is back.
// The errors are the drivers' real ones: a refused connection, a file SQLite cannot open, a busy database,
// a pool that cannot hand out a connection. (Dropped and killed MySQL connections: database-outage.test.ts.)
import net from 'node:net';
import { Writable } from 'node:stream';
import Sqlite from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { isDatabaseUnavailable, isUniqueViolation } from '../../src/db/database-errors.ts';
import { knexConfig } from '../../src/db/database.ts';
import { migrateLatest } from '../../src/db/migrations.ts';
import { createApp, type HttpApp } from '../../src/http/create-app.ts';
import { toHttpError } from '../../src/http/http-error.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, describeEachDatabase, ENGINES } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

/** Log lines as objects, from a logger made the way main.ts makes it. */
function capturedLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, 'entitle', sink), lines };
}

const rejection = (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => err);

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('database errors are recognised from the drivers’ own errors', () => {
  it('mysql2: a refused connection is an outage', async () => {
    const db = knexFactory(knexConfig({ client: 'mysql', url: '', host: '127.0.0.1', port: await closedPort(), user: 'root', password: '', database: 'entitle' }));
    try {
      const err = await rejection(db.raw('select 1'));
      expect(err).toMatchObject({ code: 'ECONNREFUSED' });
      expect(isDatabaseUnavailable(err)).toBe(true);
      expect(toHttpError(err)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 });
    } finally {
      await db.destroy();
    }
  });

  it('mysql2: a server that accepts the connection and never answers is an outage once the connect timeout passes', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const config = knexConfig({ client: 'mysql', url: '', host: '127.0.0.1', port: (silent.address() as net.AddressInfo).port, user: 'root', password: '', database: 'entitle' });
    const db = knexFactory({ ...config, connection: { ...(config.connection as object), connectTimeout: 300 } });
    try {
      const err = await rejection(db.raw('select 1'));
      expect(err).toMatchObject({ code: 'ETIMEDOUT' });
      expect(isDatabaseUnavailable(err)).toBe(true);
    } finally {
      await db.destroy();
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it('SQLite: a file it cannot open and a database another writer holds are outages', async () => {
    const cannotOpen = knexFactory(knexConfig({ client: 'sqlite', filename: process.cwd() }));
    const err = await rejection(cannotOpen.raw('select 1'));
    await cannotOpen.destroy();
    expect(err).toMatchObject({ code: 'SQLITE_CANTOPEN' });
    expect(isDatabaseUnavailable(err)).toBe(true);

    const file = await createTestDatabase('sqlite', { file: true });
    const other = new Sqlite(file.url.slice('sqlite:'.length));
    try {
      await file.db.raw('pragma busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      const busy = await rejection(file.db('customers').insert({ name: '张三', created_at: 'x', updated_at: 'x' }));
      expect((busy as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
      expect(isDatabaseUnavailable(busy)).toBe(true);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await file.destroy();
    }
  });

  it('knex: a pool that cannot hand out a connection in time is an outage', async () => {
    const file = await createTestDatabase('sqlite', { file: true, migrate: false });
    const db = knexFactory({ ...knexConfig(parseDatabaseUrl(file.url)), acquireConnectionTimeout: 200 });
    let release!: () => void;
    const held = db.transaction(async (trx) => {
      await trx.raw('select 1');
      await new Promise<void>((resolve) => (release = resolve));
    });
    try {
      await new Promise((r) => setTimeout(r, 20));
      const err = await rejection(db.raw('select 1'));
      expect(err).toMatchObject({ name: 'KnexTimeoutError' });
      expect(isDatabaseUnavailable(err)).toBe(true);
    } finally {
      release();
      await held;
      await db.destroy();
      await file.destroy();
    }
  });

  // Defined only where MySQL runs (as ENGINES is), so a run without it has no skipped test.
  if (ENGINES.includes('mysql')) it('MySQL: a row lock not granted in time is a transient refusal, 503 with Retry-After', async () => {
    const file = await createTestDatabase('mysql');
    const holder = knexFactory(knexConfig(parseDatabaseUrl(file.url)));
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const held = holder.transaction(async (trx) => {
      await trx('customers').insert({ name: '王五', created_at: 'x', updated_at: 'x' });
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    try {
      await isLocked;
      const err = await rejection(
        file.db.transaction(async (trx) => {
          await trx.raw('SET SESSION innodb_lock_wait_timeout = 1');
          await trx('customers').insert({ name: '王五', created_at: 'x', updated_at: 'x' });
        }),
      );
      expect(err).toMatchObject({ code: 'ER_LOCK_WAIT_TIMEOUT' });
      expect(isDatabaseUnavailable(err)).toBe(true);
      expect(toHttpError(err)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 });
    } finally {
      release();
      await held;
      await holder.destroy();
      await file.destroy();
    }
  });

  it('is not fooled by refusals, mistakes or other timeouts', async () => {
    const file = await createTestDatabase('sqlite');
    try {
      await file.db('customers').insert({ name: '李四', created_at: 'x', updated_at: 'x' });
      const duplicate = await rejection(file.db('customers').insert({ name: '李四', created_at: 'x', updated_at: 'x' }));
      expect(isUniqueViolation(duplicate)).toBe(true);
      expect(isDatabaseUnavailable(duplicate)).toBe(false);
      const mistake = await rejection(file.db.raw('selec 1'));
      expect(isDatabaseUnavailable(mistake)).toBe(false);
      expect(toHttpError(mistake)).toBeNull();
    } finally {
      await file.destroy();
    }
    const aborted = await rejection(fetch('http://127.0.0.1:9/', { signal: AbortSignal.timeout(1) }));
    expect(isDatabaseUnavailable(aborted)).toBe(false);
  });
});

describe('the log of a database error', () => {
  // Knex's default message inlines the bound values; the logger must keep them out whatever the config.
  let db: Knex;
  let duplicate: unknown;
  beforeAll(async () => {
    db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await db.schema.createTable('people', (t) => {
      t.string('email').unique();
    });
    await db('people').insert({ email: 'zhangsan@example.com' });
    duplicate = await rejection(db('people').insert({ email: 'zhangsan@example.com' }));
    expect(String((duplicate as Error).message)).toContain('zhangsan@example.com');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('keeps SQL, bound values and the stack out at info level, in one line', () => {
    const { logger, lines } = capturedLogger('info');
    logger.error({ err: duplicate }, 'request failed');
    logger.error({ error: new Error('plain failure') }, 'job failed');
    expect(lines).toHaveLength(2);
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('zhangsan');
    expect(text).not.toMatch(/insert|people/i);
    expect(lines[0]!.err).toEqual({ type: 'SqliteError', message: 'database error (SQLITE_CONSTRAINT_UNIQUE)', code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(lines[1]!.error).toEqual({ type: 'Error', message: 'plain failure' });
  });

  it('adds the stack at debug level, its frames only', () => {
    const { logger, lines } = capturedLogger('debug');
    logger.error({ err: new Error('wrapped', { cause: duplicate }) }, 'request failed');
    const err = lines[0]!.err as { stack: string; cause: { stack: string; message: string } };
    expect(err.stack).toMatch(/^\s+at /);
    expect(err.cause.message).toBe('database error (SQLITE_CONSTRAINT_UNIQUE)');
    expect(err.cause.stack).toMatch(/^\s+at /);
    expect(JSON.stringify(lines[0])).not.toContain('zhangsan');
  });
});

describeEachDatabase(
  'database faults over HTTP: no connection to be had',
  (current) => {
    let db: Knex;
    let t: TestApp;
    let app: HttpApp;
    let log: ReturnType<typeof capturedLogger>;
    let contractId: number;
    beforeAll(async () => {
      // The app's own configuration, with one connection and a short wait for it, so that a test can hold it.
      const config = knexConfig(parseDatabaseUrl(current().url));
      db = knexFactory({ ...config, acquireConnectionTimeout: 300, pool: { ...(config.pool as object), min: 0, max: 1 } });
      await migrateLatest(db);
      t = await createTestApp(db);
      log = capturedLogger('info');
      app = createApp({ ...t.deps, logger: log.logger });
      const customer = await t.deps.contracts.createCustomer({ name: '故障客户' }, { name: 'test', address: null });
      contractId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31' })).id;
    });
    afterAll(async () => {
      await db?.destroy();
    });

    /** Runs `during` while the app's only connection is taken. */
    async function withoutConnections(during: () => Promise<void>): Promise<void> {
      let release!: () => void;
      const held = db.transaction(async (trx) => {
        await trx.raw('select 1');
        await new Promise<void>((resolve) => (release = resolve));
      });
      await new Promise((r) => setTimeout(r, 20));
      try {
        await during();
      } finally {
        release();
        await held;
      }
    }

    const expectUnavailable = (res: request.Response) => {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: '数据库暂时不可用,请稍后重试 / The database is temporarily unavailable; try again shortly', details: null } });
    };

    it('answers the API, the fast lane and /readyz with 503 and Retry-After, and pages with a plain page', async () => {
      const browser = await signIn(app, usernameOf('support'));
      const token = { Authorization: `Bearer ${t.tokens.support}` };
      log.lines.length = 0;
      await withoutConnections(async () => {
        expectUnavailable(await request(app).get(`/api/contracts/${contractId}`).set(token));
        expectUnavailable(await request(app).post('/api/usage').set(token).send({ contractId, service: 'code_diagnosis', personDays: 1 }));
        // The fast lane answers the check itself, in the same shape.
        expectUnavailable(await request(app).post('/api/entitlements/check').set(token).send({ contractId, service: 'code_diagnosis' }));
        expectUnavailable(await request(app).get('/readyz'));
        const page = await browser.agent.get('/contracts');
        expect(page.status).toBe(503);
        expect(page.headers['retry-after']).toBe('5');
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.text).toContain('数据库暂时不可用,请稍后重试');
        expect(page.text).not.toMatch(/at .*\.ts:\d+|Knex|select/);
      });
      await new Promise((r) => setImmediate(r));
      const failures = log.lines.filter((l) => l.msg === 'database unavailable');
      // One line per failed request (readyz says "not ready" in its own line), each without SQL or a stack.
      expect(failures).toHaveLength(4);
      for (const line of failures) {
        expect(line.err).toMatchObject({ type: 'KnexTimeoutError', message: 'database unavailable' });
        expect(JSON.stringify(line)).not.toMatch(/select|stack|Pool|\.ts:/i);
      }
      expect(log.lines.filter((l) => l.level === 50 && l.msg === 'request failed')).toEqual([]);

      // And the moment the connection is free again, everything answers.
      expect((await request(app).get(`/api/contracts/${contractId}`).set(token)).status).toBe(200);
      expect((await request(app).post('/api/entitlements/check').set(token).send({ contractId, service: 'code_diagnosis' })).status).toBe(200);
      expect((await request(app).get('/readyz')).status).toBe(200);
      expect((await browser.agent.get('/contracts')).status).toBe(200);
    });

    it('leaves an Idempotency-Key usable after a 503, with nothing stored', async () => {
      const token = { Authorization: `Bearer ${t.tokens.support}`, 'Idempotency-Key': 'during-outage' };
      const body = { contractId, service: 'code_diagnosis', personDays: 1 };
      let failed: request.Response | undefined;
      await withoutConnections(async () => {
        failed = await request(app).post('/api/usage').set(token).send(body);
      });
      expect(failed!.status).toBe(503);
      expect(await db('idempotency_keys').count({ n: '*' }).first()).toMatchObject({ n: 0 });
      const after = await request(app).post('/api/usage').set(token).send(body);
      expect(after.status).toBe(201);
      expect(after.headers['idempotent-replayed']).toBeUndefined();
    });
  },
  { file: true },
);
