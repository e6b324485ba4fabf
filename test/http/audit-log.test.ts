// The audit page reads the log in the database: filters by who, action, kind of target, one target (a contract
// with its contract years) and Shanghai days, a page at a time newest first, counted in SQL; the xlsx export is
// the filtered view with names, not codes. On SQLite and MariaDB, as migration 023's indexes are both engines'.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import type { NewAuditEntry } from '../../src/audit/audit-log.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, rawBody, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

const unescaped = (html: string) => html.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
const rowsIn = (html: string) => (html.match(/<tr>\s*<td data-label/g) ?? []).length;

describeEachDatabase('the audit log page', (current) => {
  let t: TestApp;
  let contractId = 0;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    const customer = await t.deps.contracts.createCustomer({ name: '审计测试客户' }, { name: 'test', address: null });
    contractId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2027-12-31' }, { name: 'sales.user', address: '::ffff:10.0.0.9' })).id;
    const base = { details: null, address: '::1' } as const;
    const entries: NewAuditEntry[] = [];
    // 120 uses by alice across three Shanghai days (Dec 1–3, 2026), and a few of other kinds.
    for (let i = 0; i < 120; i++) {
      entries.push({ ...base, actor: 'alice', action: 'usage.record', target: `contract:${contractId}`, at: new Date(Date.UTC(2026, 10, 30, 16) + (i % 3) * 86_400_000 + i * 1000).toISOString(), details: { service: 'code_diagnosis', personDays: 1, onsite: false } });
    }
    entries.push({ ...base, actor: 'bob', action: 'report.reissue', target: `contract:${contractId}:2026-12-31`, at: '2026-12-02T01:00:00.000Z' });
    entries.push({ ...base, actor: 'bob', action: 'usage.record', target: `contract:${contractId + 1000}`, at: '2026-12-02T01:00:00.000Z' });
    entries.push({ ...base, actor: 'bob', action: 'policy.activate', target: 'policy:1', at: '2026-12-02T02:00:00.000Z' });
    for (const e of entries) await t.audit.record(e);
  });

  it('filters by actor, action, kind, one contract (with its contract years) and days, counted in SQL', async () => {
    const search = (q: object) => t.audit.search({ offset: 0, limit: 10, ...q });
    expect((await search({ actor: 'alice' })).total).toBe(120);
    expect((await search({ actor: 'bob', action: 'usage.record' })).total).toBe(1);
    expect((await search({ targetKind: 'policy', actor: 'bob' })).total).toBe(1);
    const contract = await search({ target: `contract:${contractId}`, limit: 200 });
    // The 120 uses, the re-issue of its year, and its own creation (contract.create, audited in its transaction).
    expect(contract.total).toBe(122);
    expect(contract.items.some((e) => e.action === 'contract.create' && e.actor === 'sales.user')).toBe(true);
    // 2026-12-01 in Shanghai is 2026-11-30T16:00Z to 2026-12-01T16:00Z: a third of alice's uses.
    const day = await search({ actor: 'alice', fromAt: '2026-11-30T16:00:00.000Z', beforeAt: '2026-12-01T16:00:00.000Z' });
    expect(day.total).toBe(40);
    const page = await search({ actor: 'alice', offset: 110, limit: 50 });
    expect(page.items).toHaveLength(10);
    const ids = page.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('shows the filtered log a page at a time, in words, and keeps the filters across pages', async () => {
    const { agent } = await signIn(t.app, usernameOf('admin'));
    const first = await agent.get(`/audit?target=contract:${contractId}&from=2026-12-01&to=2026-12-03`);
    expect(first.status).toBe(200);
    expect(rowsIn(first.text)).toBe(50);
    expect(first.text).toContain('登记额度使用');
    expect(first.text).toContain(`href="/contracts/${contractId}"`);
    expect(first.text).toContain('审计测试客户');
    expect(first.text).toContain('本机 (::1)');
    expect(first.text).not.toContain('usage.record</td>');
    expect(first.text).toContain('共 121 条');
    expect(unescaped(first.text)).toContain(`href="/audit?target=contract%3A${contractId}&from=2026-12-01&to=2026-12-03&sort=newest&page=3"`);
    const last = await agent.get(`/audit?target=contract%3A${contractId}&from=2026-12-01&to=2026-12-03&sort=newest&page=3`);
    expect(rowsIn(last.text)).toBe(21);
    const oneDay = await agent.get('/audit?actor=alice&from=2026-12-02&to=2026-12-02&lang=en');
    expect(oneDay.text).toContain('1–40 of 40');
    expect(oneDay.text).toContain('Recorded quota use');
    // Users link to their admin page (by id) for those who manage users only.
    expect((await agent.get('/audit?action=user.create')).text).toMatch(/href="\/admin\/users\/\d+"/);
    const { agent: manager } = await signIn(t.app, usernameOf('manager'));
    expect((await manager.get('/audit?action=user.create')).text).not.toContain('href="/admin/users/');
    // A filter that names nothing is dropped, not an error.
    expect((await agent.get('/audit?action=nothing.here&kind=planet&from=yesterday')).status).toBe(200);
  });

  it('answers the same filters through GET /api/audit, with the count of every match and pages by id', async () => {
    const get = (query: string) => request(t.app).get(`/api/audit?${query}`).set({ Authorization: `Bearer ${t.tokens.manager}` });
    const first = await get(`target=contract:${contractId}&actor=alice&limit=5`);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(120);
    expect(first.body.entries).toHaveLength(5);
    const next = await get(`target=contract:${contractId}&actor=alice&limit=5&before=${first.body.entries[4].id}`);
    expect(next.body.entries[0].id).toBeLessThan(first.body.entries[4].id);
    expect((await get('kind=policy&from=2026-12-02T00:00:00%2B08:00&to=2026-12-03T00:00:00%2B08:00')).body.entries.map((e: { actor: string }) => e.actor)).toEqual(['bob']);
    expect((await get('kind=planet')).status).toBe(400);
  });

  it('exports the filtered view to xlsx with names, not codes', async () => {
    const { agent } = await signIn(t.app, usernameOf('manager'));
    const res = await agent.get('/audit?actor=bob&format=xlsx').buffer(true).parse(rawBody as Parameters<request.Test['parse']>[0]);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=audit-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[4])).toEqual(['启用策略版本', '登记额度使用', '重发年度报告(更正版)']);
    expect(rows[2]![5]).toBe(`合同 #${contractId} · 2026-12-31 年度报告 · 审计测试客户`);
  });
});
