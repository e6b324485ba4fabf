// The contract import's row cap (MAX_IMPORT_ROWS) through the real route.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { createContractImport } from '../../src/contracts/contract-import.ts';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { createApp, type HttpApp } from '../../src/http/create-app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';

const HEADER = '客户名称,部署,服务产品,开始日期,结束日期,联系人,邮箱';
const CAP = 100;

/** `rows` valid rows: customers named `prefix`0, 1, …, two contracts each (two start years), most with a contact. */
function csv(prefix: string, rows: number, extra: string[] = []): Buffer {
  const lines = Array.from({ length: rows }, (_, i) => {
    const customer = Math.floor(i / 2);
    const year = 2025 + (i % 2);
    return `${prefix}${customer},${i % 3 === 0 ? '私有云' : '公有云'},${['基础服务', '优选服务', '尊享服务'][customer % 3]},${year}-01-01,${year}-12-31,${i % 4 === 0 ? '' : `联系人${customer % 50}`},${i % 4 === 0 ? '' : `c${customer}@example.cn`}`;
  });
  return Buffer.from(`\uFEFF${[HEADER, ...lines, ...extra].join('\n')}\n`, 'utf8');
}

describeEachDatabase('contract import cap', (current) => {
  let t: TestApp;
  let capped: HttpApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    // The same app, with the import as bootstrap builds it from MAX_IMPORT_ROWS=100.
    capped = createApp({ ...t.deps, contractImport: createContractImport(createContractRepository(current().db), { maxRows: CAP }) });
  });
  const upload = (app: HttpApp, bytes: Buffer, name: string) => request(app).post('/api/contracts/import').set('Authorization', `Bearer ${t.tokens.sales}`).attach('file', bytes, name);
  const count = async (table: string) => Number((await current().db(table).count({ n: '*' }).first())?.n);

  it('imports a file of exactly the cap, and refuses one row more, naming the rows found and the cap, storing nothing', async () => {
    const before = { contracts: await count('contracts'), customers: await count('customers') };
    const over = await upload(capped, csv('上限客户', CAP + 1), '合同.csv');
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('FILE_REJECTED');
    const issues = over.body.error.details.issues as { code: string; cell?: string; found: string; message: string; messageEn: string }[];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'TOO_MANY_ROWS', found: '101 行合同 / 101 contract rows' });
    expect(issues[0]!.cell).toBeUndefined();
    expect(issues[0]!.message).toContain('该文件有 101 行合同,超过每次导入的上限 100 行');
    expect(issues[0]!.messageEn).toContain('The file holds 101 contract rows, more than the 100 one import may hold');
    expect({ contracts: await count('contracts'), customers: await count('customers') }).toEqual(before);

    const at = await upload(capped, csv('上限客户', CAP), '合同.csv');
    expect(at.status, JSON.stringify(at.body).slice(0, 500)).toBe(201);
    expect(at.body.contractIds).toHaveLength(CAP);
  });

  it('counts rows with errors too, and shows their errors with the refusal', async () => {
    const res = await upload(capped, csv('另一客户', CAP, ['坏行客户,月球,尊享服务,2026-01-01,2026-12-31,,']), '合同.csv');
    expect(res.status).toBe(422);
    const issues = res.body.error.details.issues as { code: string; cell?: string }[];
    expect(issues.map((i) => (i.cell ? `${i.code}@${i.cell}` : i.code))).toEqual(['TOO_MANY_ROWS', 'BAD_OFFERING@B102']);
  });
});
