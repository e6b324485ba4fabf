import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';
import { buildSheet } from '../support/workbook-builder.ts';

const HEADER = '客户名称,部署,服务产品,开始日期,结束日期,联系人,邮箱';

describeEachDatabase('contract bulk import', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });
  const upload = (bytes: Buffer, name: string) => request(t.app).post('/api/contracts/import').set('Authorization', `Bearer ${t.tokens.sales}`).attach('file', bytes, name);
  const count = async (table: string) => Number((await current().db(table).count({ n: '*' }).first())?.n);

  it('stores nothing when any row fails, and names every bad cell', async () => {
    const csv = `\uFEFF${HEADER}\n苏州精工,公有云,尊享服务,2026-01-01,2026-12-31,周杰,zhou@example.cn\n宁波港务,月球,尊享服务,2026-13-01,2026-12-31,,not-an-email\n`;
    const res = await upload(Buffer.from(csv, 'utf8'), '合同.csv');
    expect(res.status).toBe(422);
    const cells = res.body.error.details.issues.map((i: { code: string; cell: string }) => `${i.code}@${i.cell}`);
    expect(cells).toEqual(expect.arrayContaining(['BAD_OFFERING@B3', 'BAD_DATE@D3', 'BAD_EMAIL@G3']));
    expect(await count('contracts')).toBe(0);
    expect(await count('customers')).toBe(0);
  });

  it('imports every row of a workbook in one go', async () => {
    const bytes = await buildSheet('合同', [
      ['2026年合同清单'],
      HEADER.split(','),
      ['苏州精工', '私有云', '优选', '2026/1/1', '2026/12/31', '周杰', 'zhou@example.cn'],
      ['苏州精工', '私有云', '尊享服务', '2027-01-01', '2027-12-31', '周杰', 'zhou@example.cn'],
      ['宁波港务', 'SaaS', '基础服务', '2026-03-01', '2027-02-28', '', ''],
    ]);
    const res = await upload(bytes, 'contracts.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.contractIds).toHaveLength(3);
    const list = await request(t.app).get('/api/contracts').set('Authorization', `Bearer ${t.tokens.support}`);
    expect(list.body.contracts.map((c: { customerName: string; offering: string; tier: string }) => [c.customerName, c.offering, c.tier])).toEqual([
      ['宁波港务', 'cloud', 'basic'],
      ['苏州精工', 'on_premise', 'premium'],
      ['苏州精工', 'on_premise', 'preferred'],
    ]);
    const customers = await request(t.app).get('/api/customers?search=苏州').set('Authorization', `Bearer ${t.tokens.support}`);
    expect(customers.body.customers[0].contacts).toEqual([{ name: '周杰', email: 'zhou@example.cn', role: 'contact' }]);
  });
});
