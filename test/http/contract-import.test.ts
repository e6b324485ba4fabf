import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';
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

  describe('rows that repeat a stored contract', () => {
    let storedId: number;
    type Issue = { code: string; sheet: string; cell: string; found: string; message: string; messageEn: string };
    const issuesOf = (res: request.Response) => res.body.error.details.issues as Issue[];
    beforeAll(async () => {
      const customer = await t.deps.contracts.createCustomer({ name: '温州电气' }, { name: 'test', address: null });
      storedId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2026-12-31' })).id;
    });

    it('are refused at their customer cell, naming the stored contract, with the file’s other errors, and nothing is stored', async () => {
      const before = { contracts: await count('contracts'), customers: await count('customers') };
      const csv = `${HEADER}\n台州模具,公有云,基础服务,2026-01-01,2026-12-31,,\n温州电气,私有云,尊享服务,2026/1/1,2026年12月31日,,\n丽水茶业,公有云,铂金,2026-01-01,2026-12-31,,\n`;
      const res = await upload(Buffer.from(csv, 'utf8'), '续约.csv');
      expect(res.status).toBe(422);
      expect(issuesOf(res).map((i) => `${i.code}@${i.cell}`)).toEqual(['CONTRACT_EXISTS@A3', 'BAD_TIER@C4']);
      expect(issuesOf(res)[0]).toMatchObject({ sheet: '续约.csv', found: '温州电气', message: expect.stringContaining(`合同 #${storedId} 已登记`), messageEn: expect.stringContaining(`Contract #${storedId} already holds`) });
      expect({ contracts: await count('contracts'), customers: await count('customers') }).toEqual(before);
    });

    it('are found among thousands of rows, by customer, offering, tier and start date, as in-file duplicates are', async () => {
      const fresh = Array.from({ length: 1200 }, (_, i) => `批量客户${i},公有云,基础服务,2026-01-01,2026-12-31,,`);
      const renewal = '温州电气,私有云,尊享服务,2027-01-01,2027-12-31,,';
      // Another end date on the same start is a correction of the stored contract, not a new one.
      const duplicate = '温州电气,私有云,尊享服务,2026-01-01,2027-06-30,,';
      const before = await count('contracts');
      const refused = await upload(Buffer.from([HEADER, ...fresh, duplicate].join('\n'), 'utf8'), 'big.csv');
      expect(refused.status).toBe(422);
      expect(issuesOf(refused).map((i) => `${i.code}@${i.cell}`)).toEqual(['CONTRACT_EXISTS@A1202']);
      expect(await count('contracts')).toBe(before);
      // A later start is another contract (a renewal), not a duplicate.
      const imported = await upload(Buffer.from([HEADER, ...fresh, renewal].join('\n'), 'utf8'), 'big.csv');
      expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(201);
      expect(imported.body.contractIds).toHaveLength(1201);
      // The same file again repeats all of them.
      const again = await upload(Buffer.from([HEADER, ...fresh, renewal].join('\n'), 'utf8'), 'big.csv');
      expect(issuesOf(again)).toHaveLength(1201);
      expect(issuesOf(again).every((i) => i.code === 'CONTRACT_EXISTS')).toBe(true);
    });

    it('are shown with their cell on the contracts page', async () => {
      const { agent, csrf } = await signIn(t.app, usernameOf('sales'));
      const csv = `${HEADER}\n温州电气,私有云,尊享服务,2026-01-01,2026-12-31,,\n`;
      const res = await agent.post(`/contracts/import?_csrf=${csrf}`).attach('file', Buffer.from(csv), '合同.csv');
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/<td class="mono">A2<\/td>/);
      expect(res.text).toContain('CONTRACT_EXISTS');
      expect(res.text).toContain(`合同 #${storedId} 已登记同一客户`);
    });
  });
});
