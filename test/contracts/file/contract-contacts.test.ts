// The contract import holds the 联系人 and 邮箱 cells, and the customer's name, to the rule the API and the pages
// apply: one plain address, names without control characters; each bad cell named at its address.
import { expect, it } from 'vitest';
import { readContractFile } from '../../../src/contracts/file/contract-file-reader.ts';

const HEADER = '客户名称,部署,服务产品,开始日期,结束日期,联系人,邮箱';
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\n')}\n`, 'utf8');

// A CSV holding NUL or BEL is not text and is refused whole (NOT_CSV), and XML cannot carry them in an xlsx; line
// breaks and tabs inside a name are made one space. What is left to refuse here: C1 controls and bidi overrides.
it('refuses an address list, a display name and control characters in names, cell by cell', async () => {
  const readout = await readContractFile(
    csv([
      '上海云杉,公有云,尊享,2026-01-01,2026-12-31,王芳,"a@x.com,attacker"',
      '上海云杉二,公有云,尊享,2026-01-01,2026-12-31,王芳,"""x""<b@y.com>"',
      '上海\u202E云杉三,公有云,尊享,2026-01-01,2026-12-31,,',
      '上海云杉四,公有云,尊享,2026-01-01,2026-12-31,王\u0085芳,wang@example.com',
      '上海云杉五,公有云,尊享,2026-01-01,2026-12-31,王芳,wang.fang@example.com',
    ]),
    '合同.csv',
  );
  expect(readout.issues.map((i) => `${i.code}@${i.cell}`)).toEqual(['BAD_EMAIL@G2', 'BAD_EMAIL@G3', 'BAD_NAME@A4', 'BAD_NAME@F5']);
  const nameIssue = readout.issues.find((i) => i.cell === 'A4')!;
  // Shown escaped, never raw.
  expect(nameIssue.found).toBe('"上海\\u202e云杉三"');
  expect(nameIssue.messageEn).toContain('control characters');
  expect(readout.rows.map((r) => [r.customerName, r.contactEmail])).toEqual([['上海云杉五', 'wang.fang@example.com']]);
});
