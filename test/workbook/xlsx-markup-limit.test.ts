// XML that Excel never writes and the parser under exceljs reads slowly is bounded before exceljs reads a file,
// both found by the fuzz suite: comments, processing instructions and CDATA (20 MB of `<!---x-x…-->` in a sheet,
// a 36 KB upload, took 13 s: test/fuzz/fixtures/policy-1394.xlsx), and elements with a great many attributes
// (240,621 on one <sheetData>, took over 10 s on a busy machine: test/fuzz/fixtures/policy-101857.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkXlsx, DEFAULT_XLSX_LIMITS } from '../../src/workbook/xlsx-guard.ts';
import { inlineRow, rawXlsx, worksheet } from '../fixtures/hostile/xlsx-parts.ts';
import { caseFromPlan, loadBases } from '../fuzz/fuzz-cases.ts';
import { keptCases } from '../fuzz/fuzz-fixtures.ts';

const KB = 1024;
const withMarkup = (markup: string, where: 'sheet' | 'styles' = 'sheet') =>
  rawXlsx([{ name: '合同', xml: worksheet({ rows: inlineRow(1, ['客户名称']) + (where === 'sheet' ? markup : '') }) }], where === 'styles' ? { entries: [{ name: 'xl/styles.xml', data: `<styleSheet>${markup}</styleSheet>` }] } : {});
const codes = async (bytes: Buffer, limits = {}) => (await checkXlsx(bytes, limits)).map((i) => i.code);

describe('XML markup Excel never writes, bounded', () => {
  it('comments, processing instructions and CDATA count together, over all parts, up to the limit', async () => {
    const limits = { maxXmlMarkupBytes: 3 * KB };
    // Each piece of markup counts its body and its closing delimiter: `-->`, `?>`, `]]>`.
    const piece = (n: number) => `<!--${'x'.repeat(n - 5)}-->`;
    expect(await codes(withMarkup(piece(KB) + piece(KB)), limits)).toEqual([]);
    expect(await codes(withMarkup(`<?pi ${'y'.repeat(2 * KB)}?>${piece(KB)}`), limits)).toEqual(['XML_MARKUP_LIMIT']);
    expect(await codes(withMarkup(`<![CDATA[${'z'.repeat(4 * KB)}]]>`, 'styles'), limits)).toEqual(['XML_MARKUP_LIMIT']);
  });

  it('names the limit and the part holding most of it, in both languages', async () => {
    const [issue] = await checkXlsx(withMarkup(`<!--${'-x'.repeat(600 * KB)}-->`));
    expect(issue).toMatchObject({ code: 'XML_MARKUP_LIMIT', sheet: '合同', severity: 'error' });
    expect(issue!.messageEn).toMatch(/^The workbook's XML holds 1,201 KB of comments, processing instructions or CDATA \(most of it in .*合同.*\), over the limit of 1,024 KB, so the file was not read/);
    expect(issue!.message).toMatch(/超过了上限 1,024 KB,为保护系统未读取该文件/);
    expect(DEFAULT_XLSX_LIMITS.maxXmlMarkupBytes).toBe(1024 * KB);
  });

  it('refuses the case the fuzz suite found, and still reads the sample', async () => {
    expect(await codes(readFileSync('test/fuzz/fixtures/policy-1394.xlsx'))).toEqual(['XML_MARKUP_LIMIT']);
    expect(await codes(readFileSync('imports/sample-policy.xlsx'))).toEqual([]);
  });
});

describe('attributes on one element, bounded', () => {
  const attrs = (n: number) => Array.from({ length: n }, (_, k) => `a${k}="${k}"`).join(' ');
  it('up to 1,000 on any element, read or skipped by the scan', async () => {
    const onSkipped = (n: number) => rawXlsx([{ name: '合同', xml: worksheet({ rows: inlineRow(1, ['客户名称']) }).replace('<sheetData>', `<sheetData ${attrs(n)}>`) }]);
    const onRead = (n: number) => rawXlsx([{ name: '合同', xml: worksheet({ dimension: 'A1', rows: inlineRow(1, ['客户名称']) }).replace('<dimension ref="A1"/>', `<dimension ref="A1" ${attrs(n - 1)}/>`) }]);
    for (const make of [onSkipped, onRead]) {
      expect(await codes(make(1_000))).toEqual([]);
      expect(await codes(make(1_001))).toEqual(['XML_ATTRIBUTES_LIMIT']);
    }
    // A `=` inside a value is no attribute.
    expect(await codes(rawXlsx([{ name: '合同', xml: worksheet({ rows: `<row r="1" x="${'='.repeat(5_000)}"/>` }) }]))).toEqual([]);
  });

  it('names the sheet and the count, in both languages', async () => {
    // The row's own number and 5,000 more.
    const [issue] = await checkXlsx(rawXlsx([{ name: '合同', xml: worksheet({ rows: `<row r="1" ${attrs(5_000)}/>` }) }]));
    expect(issue).toMatchObject({ code: 'XML_ATTRIBUTES_LIMIT', sheet: '合同' });
    expect(issue!.messageEn).toMatch(/has an XML element with 5,001 attributes, over the limit of 1,000, so the file was not read/);
    expect(issue!.message).toMatch(/有 5,001 个属性,超过了上限 1,000 个/);
  });

  it('refuses the case the fuzz suite found', async () => {
    const kept = keptCases().find((k) => k.seed === 101857)!;
    const found = caseFromPlan('policy', await loadBases('policy'), kept.plan!, kept.seed);
    expect(await codes(found.bytes)).toEqual(['XML_ATTRIBUTES_LIMIT']);
  });
});
