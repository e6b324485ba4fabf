// Issues read like the workbook: sheets in workbook order, then rows, then columns, errors first.
import { describe, expect, it } from 'vitest';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import * as bad from '../support/bad-files.ts';
import { buildWorkbook, formula } from '../support/workbook-builder.ts';

const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务'];

describe('readPolicyWorkbook: issue order', () => {
  it('follows the order of the sheets in the workbook, not their names', async () => {
    const readout = await readPolicyWorkbook(
      await buildWorkbook([
        { name: '私有云', rows: [HEADER, ['软件更新包与升级许可', '✓', '✓', 'x']] },
        { name: '公有云', rows: [HEADER, ['7*24自助运维', 'x', '✓', '✓']] },
        { name: 'A 公有云 2', rows: [HEADER, ['金蝶云社区', '✓', 'x', '✓']] },
      ]),
    );
    expect(readout.issues.map((i) => [i.sheet, i.cell])).toEqual([
      ['私有云', 'D2'],
      ['公有云', 'B2'],
      ['A 公有云 2', 'C2'],
    ]);
  });

  it('orders columns by their full letters: Z, AA, AB', async () => {
    const pad = Array<null>(24).fill(null);
    const readout = await readPolicyWorkbook(
      await buildWorkbook([
        { name: '公有云', rows: [[...pad, ...HEADER], [...pad, '7*24问题反馈', 'x', '1天', formula('Z2')]] },
        { name: '私有云', rows: [HEADER, ['软件更新包与升级许可', '✓', '✓', '✓']] },
      ]),
    );
    expect(readout.issues.map((i) => [i.code, i.cell])).toEqual([
      ['BAD_CELL', 'Z2'],
      ['BAD_CELL', 'AA2'],
      ['FORMULA_WITHOUT_VALUE', 'AB2'],
    ]);
  });

  it('puts errors before warnings', async () => {
    const readout = await readPolicyWorkbook(
      await buildWorkbook([
        { name: '公有云', rows: [HEADER, ['7*24电话支持', '✓', '', '✓'], ['7*24问题反馈', '1工作日响应', 'x', '1工作日响应']] },
        { name: '私有云', rows: [HEADER, ['软件更新包与升级许可', '✓', '✓', '✓']] },
      ]),
    );
    expect(readout.issues.map((i) => [i.severity, i.cell])).toEqual([
      ['error', 'C3'],
      ['warning', 'C2'],
    ]);
  });
});

describe('readPolicyWorkbook: unreadable workbook', () => {
  it('tells the person in our words with a reference, and keeps the library\'s message for the log under it', async () => {
    const bytes = await bad.buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: 'not <xml' },
    ]);
    const readout = await readPolicyWorkbook(bytes);
    expect(readout.issues.map((i) => i.code)).toEqual(['NOT_XLSX']);
    const [issue] = readout.issues;
    expect(issue?.reference).toMatch(/^[0-9A-F]{8}$/);
    expect(issue?.found).toBe(`无法解析的工作簿内容(参考编号 ${issue?.reference})/ workbook content that cannot be parsed (reference ${issue?.reference})`);
    expect(issue?.messageEn).toContain(`reference ${issue?.reference}`);
    // The library's own words stay out of everything the person sees, and go to the log under the same reference.
    expect(readout.faults).toEqual([{ reference: issue?.reference, detail: expect.stringMatching(/\S/) }]);
    const shown = JSON.stringify(readout.issues);
    expect(shown).not.toContain(readout.faults![0]!.detail.replace(/^\w+: /, ''));
  });
});
