// Uploads read through the parse pool, over HTTP: the pool's refusals get their statuses (413 for memory and
// time, 503 with Retry-After when busy), on the API and beside the upload forms; a file the workbook library
// chokes on is refused in our words with a reference, and the library's words reach only the log; nothing is
// stored by any refusal.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type HttpApp } from '../../src/http/create-app.ts';
import { createUploadReaders, type UploadReaderOptions, type UploadReaders } from '../../src/uploads/upload-readers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, storedCounts, type TestApp } from '../support/http-app.ts';
import { testServices } from '../support/test-services.ts';
import { contractWorkbook } from '../fixtures/hostile/hostile-corpus.ts';
import { inlineRow, rawXlsx, worksheet } from '../fixtures/hostile/xlsx-parts.ts';

/** exceljs: "Cannot read properties of undefined (reading 'comments')". */
const brokenComments = rawXlsx([{ name: '合同', xml: worksheet({ rows: inlineRow(1, ['客户名称']) }) }], {
  entries: [
    {
      name: 'xl/worksheets/_rels/sheet1.xml.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments9.xml"/></Relationships>',
    },
  ],
});
/** saxes: "2:…: undefined entity". */
const undefinedEntity = rawXlsx([{ name: '合同', xml: worksheet({ rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>' }) }]);
const LIBRARY_WORDS = /Cannot read properties|reading '|undefined entity|TypeError|saxes|exceljs/i;

function numbers(rowCount: number): Buffer {
  let rows = '';
  for (let r = 1; r <= rowCount; r++) rows += `<row r="${r}">${Array.from({ length: 10 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r + c}</v></c>`).join('')}</row>`;
  return rawXlsx([{ name: '合同', xml: worksheet({ rows }) }]);
}

describeEachDatabase('uploads read in the parse pool', (current) => {
  let t: TestApp;
  let contracts: Buffer;
  const pools: UploadReaders[] = [];
  const log: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) log.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );

  /** The test app with its policy and contract imports reading through a pool of these settings. */
  function appWith(settings: Partial<UploadReaderOptions> = {}): HttpApp {
    const pool = createUploadReaders({ workers: 2, queue: 8, heapMb: 384, timeoutMs: 60_000, logger, ...settings });
    pools.push(pool);
    // The composition root's policy service and contract import, reading through this pool.
    const services = testServices(current().db, { readers: pool });
    return createApp({ ...t.deps, policies: services.policies, contractImport: services.contractImport });
  }
  const policyUpload = (app: HttpApp, bytes: Buffer) => request(app).post('/api/policies').set('Authorization', `Bearer ${t.tokens.admin}`).attach('workbook', bytes, 'policy.xlsx');
  const contractUpload = (app: HttpApp, bytes: Buffer, name = 'contracts.xlsx') => request(app).post('/api/contracts/import').set('Authorization', `Bearer ${t.tokens.sales}`).attach('file', bytes, name);
  const stored = async () => ({ ...(await storedCounts(current().db)), contracts: Number((await current().db('contracts').count({ n: '*' }).first())?.n) });

  beforeAll(async () => {
    t = await createTestApp(current().db);
    contracts = await contractWorkbook(200);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.stop()));
  });

  describe('a file the workbook library cannot read', () => {
    it('is refused on the API in our words with a reference; the library’s words are only in the log, under it', async () => {
      const app = appWith();
      const before = await stored();
      for (const [res, bytes] of [
        [await policyUpload(app, brokenComments), brokenComments],
        [await contractUpload(app, undefinedEntity), undefinedEntity],
      ] as const) {
        expect(res.status, res.text).toBe(422);
        expect(res.text).not.toMatch(LIBRARY_WORDS);
        const [issue] = res.body.error.details.issues as { code: string; reference: string; message: string; messageEn: string }[];
        expect(issue).toMatchObject({ code: 'NOT_XLSX', reference: expect.stringMatching(/^[0-9A-F]{8}$/) });
        expect(issue!.messageEn).toBe(
          `The workbook is damaged and cannot be read: open it in Excel, save it as .xlsx and upload it again; if that does not help, give the administrator the reference ${issue!.reference}.`,
        );
        const line = log.find((l) => l.reference === issue!.reference);
        expect(line, `log line for ${issue!.reference}`).toMatchObject({ level: 40, detail: expect.stringMatching(bytes === brokenComments ? /Cannot read properties of undefined/ : /undefined entity/) });
      }
      expect(await stored()).toEqual(before);
    });

    it('is refused on the upload pages the same way, with no library text on the page', async () => {
      const app = appWith();
      const admin = await signIn(app, 'admin');
      const page = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', brokenComments, 'broken.xlsx');
      expect(page.status).toBe(422);
      expect(page.text).toMatch(/工作簿内容已损坏,无法读取.*参考编号 [0-9A-F]{8}/);
      expect(page.text).not.toMatch(LIBRARY_WORDS);
      const sales = await signIn(app, 'sales.user');
      const list = await sales.agent.post(`/contracts/import?_csrf=${sales.csrf}`).attach('file', undefinedEntity, 'broken.xlsx');
      expect(list.status).toBe(422);
      expect(list.text).toMatch(/参考编号 [0-9A-F]{8}/);
      expect(list.text).not.toMatch(LIBRARY_WORDS);
    });
  });

  it('are documented in the OpenAPI answers of both upload routes', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body as { paths: Record<string, { post: { responses: Record<string, { description: string }> } }> };
    for (const path of ['/api/policies', '/api/contracts/import']) {
      const responses = doc.paths[path]!.post.responses;
      expect(responses['413']!.description).toContain('PARSE_MEMORY_LIMIT');
      expect(responses['422']!.description).toContain('details.issues');
      expect(responses['503']!.description).toContain('PARSE_BUSY');
    }
  });

  describe('the pool’s limits', () => {
    it('a file needing more heap than PARSE_HEAP_MB: 413 PARSE_MEMORY_LIMIT on the API and beside the form, nothing stored', async () => {
      const app = appWith({ heapMb: 64 });
      const before = await stored();
      const res = await contractUpload(app, numbers(30_000));
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'PARSE_MEMORY_LIMIT', details: { limit: 'PARSE_HEAP_MB', value: 64, unit: 'MB' } });
      expect(res.body.error.message).toMatch(/^读取该文件需要的内存超过了 64 MB 的上限\(PARSE_HEAP_MB\).* \/ Reading this file needs more memory than the 64 MB limit \(PARSE_HEAP_MB\)/);
      const sales = await signIn(app, 'sales.user');
      const page = await sales.agent.post(`/contracts/import?_csrf=${sales.csrf}`).attach('file', numbers(30_000), 'numbers.xlsx');
      expect(page.status).toBe(413);
      expect(page.text).toContain('PARSE_MEMORY_LIMIT');
      expect(page.text).toContain('64 MB');
      expect(await stored()).toEqual(before);
      // The next file is read as usual.
      expect((await contractUpload(app, contracts)).status).toBe(201);
    });

    it('a file taking longer than PARSE_TIMEOUT_S: 413 PARSE_TIME_LIMIT', async () => {
      const app = appWith({ timeoutMs: 200 });
      const res = await policyUpload(app, numbers(30_000));
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'PARSE_TIME_LIMIT', details: { limit: 'PARSE_TIMEOUT_S', value: 0.2, unit: 's' } });
    });

    it('uploads beyond the threads and the queue: 503 PARSE_BUSY with Retry-After, on the API and the page', async () => {
      const app = appWith({ workers: 1, queue: 0, retryAfterSeconds: 4 });
      const big = numbers(20_000);
      const first = contractUpload(app, big, 'first.xlsx').then((r) => r);
      // Wait until the first upload is being read.
      const pool = pools.at(-1)!;
      while (pool.stats().busy === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      const res = await contractUpload(app, contracts);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('4');
      expect(res.body.error.code).toBe('PARSE_BUSY');
      expect(res.body.error.message).toContain('try again in 4 seconds');
      const admin = await signIn(app, 'admin');
      const page = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', contracts, 'x.xlsx');
      expect(page.status).toBe(503);
      expect(page.headers['retry-after']).toBe('4');
      expect(page.text).toContain('PARSE_BUSY');
      expect((await first).status).toBe(422);
    });
  });
});
