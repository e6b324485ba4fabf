// `entitle backup` taken by the CLI (a process of its own, as cron runs it) while the app takes a load of writes —
// intake, replies that e-mail the customer, quota use, quotes — then `entitle restore` into a fresh database. The
// restored database must be the source as of one moment: every write that finished before the backup began is in
// it, none that began after the backup ended is, every restored row is the source's row as committed, and nothing
// of a transaction is there without the rest of it (a request without its audit entry, a reply without its e-mail).
// The restored app answers the same decisions as the source, and takes new writes. Then the refusals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../src/config/config.ts';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import type { BackupError } from '../../src/db/backup-error.ts';
import { backupDatabase, restoreDatabase } from '../../src/db/database-backup.ts';
import type { Database } from '../../src/db/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';
import { runCli } from '../support/run-cli.ts';
import { appOn, countsOf, foreignBackup, freshDatabase, tableRows, tablesOf, type RestoreTarget } from '../support/backup-check.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Kind = 'intake' | 'reply' | 'usage' | 'quote';
/** One write of the load: what it made, and where it stood against the backup (phases counted, not timed). */
interface Write {
  kind: Kind;
  key: string;
  startedIn: Phase;
  endedIn: Phase;
}
type Phase = 'before' | 'during' | 'after';

const FUTURE_MIGRATION = '20991231-999-from-a-later-version';

describeEachDatabase(
  'entitle backup under load, entitle restore into a fresh database',
  (current) => {
    let t: TestApp;
    let restored: RestoreTarget;
    const seeded = { customer: 0, decided: [] as number[], load: 0, loadRequests: [] as number[] };
    const bearer = (role: keyof TestApp['tokens']) => ({ Authorization: `Bearer ${t.tokens[role]}` });
    const when = new Date(Date.now() + 3_600_000).toISOString();
    const writes: Write[] = [];
    const sourceCounts: Record<string, number> = {};

    beforeAll(async () => {
      t = await createTestApp(current().db, { sampleActiveSince: new Date('2025-01-01T00:00:00Z') });
      const by = { name: 'test', address: null };
      const contacts = [{ name: '王工', email: 'it@backup.example', role: 'contact' as const }, { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' as const }];
      seeded.customer = (await t.deps.contracts.createCustomer({ name: '备份测试客户', contacts }, by)).id;
      const contract = async (body: Record<string, unknown>) => {
        const res = await request(t.app).post('/api/contracts').set(bearer('sales')).send({ customerId: seeded.customer, startsOn: '2025-06-01', endsOn: '2099-12-31', ...body });
        expect(res.status, res.text).toBe(201);
        return res.body.contract.id as number;
      };
      // Contracts the load never touches: their decisions must come back exactly.
      seeded.decided.push(await contract({ offering: 'on_premise', tier: 'premium', services: [{ service: 'db_migration', personDays: 5 }] }));
      seeded.decided.push(await contract({ offering: 'cloud', tier: 'preferred' }));
      seeded.decided.push(await contract({ offering: 'cloud', tier: 'basic' }));
      for (const [service, personDays] of [['code_diagnosis', 2], ['db_migration', 1.5], ['code_diagnosis', 1]] as const) {
        const res = await request(t.app).post('/api/usage').set(bearer('support')).send({ contractId: seeded.decided[0], service, personDays, at: new Date().toISOString() });
        expect(res.status, res.text).toBe(201);
      }
      for (const id of seeded.decided) {
        const res = await request(t.app).post('/api/requests').set(bearer('support')).send({ contractId: id, service: 'issue_feedback', summary: '种子请求' });
        expect(res.status, res.text).toBe(201);
      }
      // The contract the load writes on, with person-days enough for every use of it, and requests to reply to.
      seeded.load = await contract({ offering: 'on_premise', tier: 'premium', services: [{ service: 'db_migration', personDays: 10_000 }] });
      for (let i = 0; i < 4; i++) {
        const res = await request(t.app).post('/api/requests').set(bearer('support')).send({ contractId: seeded.load, service: 'issue_feedback', summary: `负载请求 ${i}` });
        seeded.loadRequests.push(res.body.request.id);
      }
      const quote = await request(t.app).post('/api/quotes').set(bearer('sales')).send({ customerId: seeded.customer, offering: 'cloud', tier: 'basic', termYears: 1, specialServices: [], discountBasisPoints: 0 });
      expect(quote.status, quote.text).toBe(201);
      const { message } = await t.deps.outbox.enqueue({ job: 'yearly', periodKey: 'backup-seed', recipient: `contract:${seeded.decided[1]}`, subject: '年度服务报告', html: '<p>报告</p>', text: '报告', recipients: { to: ['it@backup.example'], cc: [] } }, new Date());
      expect(message.id).toBeGreaterThan(0);
      for (const table of await tablesOf(current().db)) sourceCounts[table] = (await tableRows(current().db, table)).length;
    });

    afterAll(async () => {
      await restored?.destroy();
    });

    it('restores a backup taken while writes go on: the source as of one moment, every table, no half transaction', async () => {
      let phase: Phase = 'before';
      let stop = false;
      let n = 0;
      const finishedIn = { before: 0, after: 0 };
      let enough: () => void = () => {};
      const warmedUp = new Promise<void>((resolve) => (enough = resolve));
      const one = async (kind: Kind): Promise<string | null> => {
        n += 1;
        if (kind === 'intake') {
          const res = await request(t.app).post('/api/requests').set(bearer('support')).send({ contractId: seeded.load, service: 'issue_feedback', summary: `负载 ${n}` });
          return res.status === 201 ? `request:${res.body.request.id}` : null;
        }
        if (kind === 'reply') {
          const id = seeded.loadRequests[n % seeded.loadRequests.length]!;
          const res = await request(t.app).post(`/api/requests/${id}/comments`).set(bearer('support')).send({ kind: 'reply', body: `答复 ${n}` });
          return res.status === 201 ? `comment:${res.body.comment.id}` : null;
        }
        if (kind === 'usage') {
          const res = await request(t.app).post('/api/usage').set(bearer('support')).send({ contractId: seeded.load, service: 'db_migration', personDays: 0.5, at: new Date().toISOString() });
          return res.status === 201 ? `usage:${res.body.usage.id}` : null;
        }
        const res = await request(t.app).post('/api/quotes').set(bearer('sales')).send({ customerId: seeded.customer, offering: 'cloud', tier: 'basic', termYears: 1, specialServices: [], discountBasisPoints: 0 });
        return res.status === 201 ? `quote:${res.body.quote.number}` : null;
      };
      const worker = async (kinds: Kind[]) => {
        try {
          for (let i = 0; !stop; i++) {
            const kind = kinds[i % kinds.length]!;
            const startedIn = phase;
            const key = await one(kind);
            if (key === null) throw new Error(`a ${kind} of the load was refused`);
            writes.push({ kind, key, startedIn, endedIn: phase });
            if (phase === 'before' && ++finishedIn.before >= 20) enough();
            if (startedIn === 'after' && ++finishedIn.after >= 20) stop = true;
          }
        } catch (err) {
          stop = true;
          throw err;
        }
      };
      const load = Promise.all([worker(['intake', 'usage']), worker(['reply', 'quote']), worker(['usage', 'intake', 'reply'])]);
      await Promise.race([warmedUp, load]);
      const file = path.join(tmp, `under-load-${current().engine}.backup`);
      phase = 'during';
      const backup = await runCli(['backup', file], { DATABASE_URL: current().url });
      phase = 'after';
      await load;
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toContain('已备份 backed up');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      restored = await freshDatabase(current().engine, tmp);
      const restore = await runCli(['restore', file], { DATABASE_URL: restored.url });
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toContain('已恢复 restored');
      const target = restored.db;

      // Every table, every row: the restored rows are the source's rows as committed. The load only adds rows, but
      // for the requests it replies to, whose updated_at moves on with each reply (checked against their history below).
      const tables = await tablesOf(current().db);
      expect(await tablesOf(target)).toEqual(tables);
      const settled = (table: string, row: Record<string, unknown>) => JSON.stringify(table === 'service_requests' ? { ...row, updated_at: null } : row);
      for (const table of tables) {
        const source = new Set((await tableRows(current().db, table)).map((r) => settled(table, r)));
        const rows = (await tableRows(target, table)).map((r) => settled(table, r));
        expect.soft(rows.filter((r) => !source.has(r)), `${table}: restored rows not in the source`).toEqual([]);
        expect.soft(rows.length, `${table}: fewer rows than were seeded`).toBeGreaterThanOrEqual(sourceCounts[table]!);
      }

      // The load against the backup: what finished before it began is in, what began after it ended is not.
      const present = await keysIn(target);
      const before = writes.filter((w) => w.endedIn === 'before');
      const after = writes.filter((w) => w.startedIn === 'after');
      expect(before.length).toBeGreaterThanOrEqual(20);
      // The premise: the backup ran while writes went on (the load kept writing while the CLI process ran).
      expect(writes.filter((w) => w.startedIn === 'during').length).toBeGreaterThan(0);
      expect(after.length).toBeGreaterThanOrEqual(20);
      expect(before.filter((w) => !present.has(w.key)).map((w) => w.key)).toEqual([]);
      expect(after.filter((w) => present.has(w.key)).map((w) => w.key)).toEqual([]);

      // No half transaction: each record with its audit entry (and a reply with its e-mail and history), both ways.
      const audit = (await target('audit_log').select('action', 'target')) as { action: string; target: string | null }[];
      const audited = (action: string) => new Set(audit.filter((a) => a.action === action).map((a) => String(a.target)));
      const requests = (await target('service_requests').select('id', 'updated_at')) as { id: number; updated_at: string | null }[];
      expect(new Set(requests.map((r) => `request:${r.id}`))).toEqual(audited('request.open'));
      const quotes = ((await target('quotes').select('number')) as { number: string }[]).map((r) => r.number);
      expect(new Set(quotes)).toEqual(audited('quote.create'));
      // A request's last change and its history's last entry were written together.
      const events = (await target('service_request_events').select('request_id', 'at')) as { request_id: number; at: string }[];
      const lastEvent = new Map<number, string>();
      for (const e of events) if (e.at > (lastEvent.get(Number(e.request_id)) ?? '')) lastEvent.set(Number(e.request_id), e.at);
      const replied = requests.filter((r) => r.updated_at !== null);
      expect(replied.length).toBeGreaterThan(0);
      expect(replied.filter((r) => lastEvent.get(Number(r.id)) !== r.updated_at).map((r) => r.id)).toEqual([]);
      const uses = (await target('quota_usage').count({ n: '*' })) as { n: number | string }[];
      expect(audit.filter((a) => a.action === 'usage.record').length).toBe(Number(uses[0]!.n));
      const replies = (await target('service_request_comments').where({ kind: 'reply' }).select('id', 'outbox_id')) as { id: number; outbox_id: number | null }[];
      const replyMail = (await target('outbox').where({ job: 'request-reply' }).select('id')) as { id: number }[];
      expect(replies.length).toBeGreaterThan(0);
      expect(new Set(replies.map((r) => Number(r.outbox_id)))).toEqual(new Set(replyMail.map((r) => Number(r.id))));
      const mailed = (await target('outbox').where({ job: 'request-reply' }).select('recipient')) as { recipient: string }[];
      expect(new Set(mailed.map((m) => m.recipient))).toEqual(new Set(replies.map((r) => `comment:${r.id}`)));
      expect(audit.filter((a) => a.action === 'request.reply').length).toBe(replies.length);
    });

    it('answers the same decisions on the restored database, with the same tokens, and takes new writes', async () => {
      const source = t.app;
      const copy = appOn(restored.db);
      const ask = (app: typeof source, url: string) => request(app).get(url).set(bearer('support'));
      for (const id of seeded.decided) {
        const url = `/api/contracts/${id}/entitlements?at=${encodeURIComponent(when)}`;
        const [a, b] = [await ask(source, url), await ask(copy, url)];
        expect(a.status, a.text).toBe(200);
        expect(b.body).toEqual(a.body);
      }
      for (const body of [
        { offering: 'cloud', tier: 'premium', service: 'issue_feedback', at: when },
        { offering: 'cloud', tier: 'basic', service: 'performance_tuning', at: when },
        { contractId: seeded.decided[0], service: 'db_migration', at: when },
        { contractId: seeded.decided[0], service: 'code_diagnosis', at: when },
      ]) {
        const check = (app: typeof source) => request(app).post('/api/entitlements/check').set(bearer('support')).send(body);
        const [a, b] = [await check(source), await check(copy)];
        expect(a.status, a.text).toBe(200);
        expect(b.body).toEqual(a.body);
      }
      const opened = await request(copy).post('/api/requests').set(bearer('support')).send({ contractId: seeded.decided[2], service: 'issue_feedback', summary: '恢复后受理' });
      expect(opened.status, opened.text).toBe(201);
    });

    it('refuses, in Chinese and English, a missing file, a file that is no backup, a newer schema and a database in use', async () => {
      const config: DatabaseConfig = parseDatabaseUrl(restored.url);
      const refusal = async (file: string, into: DatabaseConfig = config) => {
        const err = (await restoreDatabase(into, file).then(() => null, (e: unknown) => e)) as BackupError | null;
        expect(err, `restoring ${file} should be refused`).not.toBeNull();
        expect(err!.messageZh).toMatch(/[\u4e00-\u9fff]/);
        return err!;
      };
      const before = await countsOf(restored.db);

      expect((await refusal(path.join(tmp, 'no-such.backup'))).code).toBe('BACKUP_NOT_FOUND');
      const text = path.join(tmp, 'notes.txt');
      fs.writeFileSync(text, '-- not a backup\nhello\n');
      expect((await refusal(text)).code).toBe('NOT_A_BACKUP');
      const foreign = await foreignBackup(current().engine, tmp);
      expect((await refusal(foreign)).message).toContain('no entitle migrations table');
      if (current().engine === 'mysql') {
        const whole = path.join(tmp, `under-load-mysql.backup`);
        const cut = path.join(tmp, 'cut.sql');
        const bytes = fs.readFileSync(whole);
        fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
        expect((await refusal(cut)).message).toContain('incomplete');
      }

      // A backup of a later version's schema: the source with one migration this code does not know.
      const newer = path.join(tmp, `newer-${current().engine}.backup`);
      await current().db('knex_migrations').insert({ name: FUTURE_MIGRATION, batch: 99, migration_time: new Date() });
      try {
        await backupDatabase(parseDatabaseUrl(current().url), newer);
      } finally {
        await current().db('knex_migrations').where({ name: FUTURE_MIGRATION }).del();
      }
      const newerRefusal = await refusal(newer);
      expect(newerRefusal.code).toBe('BACKUP_NEWER_SCHEMA');
      expect(newerRefusal.message).toContain(FUTURE_MIGRATION);

      // The source is open (the app's connection): a restore over it is refused and changes nothing.
      await current().db.raw('select 1');
      const file = path.join(tmp, `under-load-${current().engine}.backup`);
      const sourceBefore = await countsOf(current().db);
      expect((await refusal(file, parseDatabaseUrl(current().url))).code).toBe('DATABASE_IN_USE');
      expect(await countsOf(current().db)).toEqual(sourceBefore);
      expect(await countsOf(restored.db)).toEqual(before);

      // Through the CLI: the refusal's words, exit code 1.
      const cli = await runCli(['restore', newer], { DATABASE_URL: restored.url });
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain('备份来自更新版本的 entitle');
      expect(cli.stderr).toContain('the backup comes from a newer entitle');
      const exists = await runCli(['backup', file], { DATABASE_URL: current().url });
      expect(exists.code).toBe(1);
      expect(exists.stderr).toContain('exists and was left alone');
    });
  },
  { file: true },
);

/** The keys of the load's writes (as the load names them) that a database holds. */
async function keysIn(db: Database): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const r of (await db('service_requests').select('id')) as { id: number }[]) keys.add(`request:${r.id}`);
  for (const r of (await db('service_request_comments').select('id')) as { id: number }[]) keys.add(`comment:${r.id}`);
  for (const r of (await db('quota_usage').select('id')) as { id: number }[]) keys.add(`usage:${r.id}`);
  for (const r of (await db('quotes').select('number')) as { number: string }[]) keys.add(`quote:${r.number}`);
  return keys;
}
