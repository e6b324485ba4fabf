// Comments, processing instructions and CDATA are bounded before exceljs reads a file: Excel writes none but the
// XML declaration, and the parser under exceljs reads some of them slowly — the fuzz suite found 20 MB of
// `<!---x-x…-->` in a sheet (a 36 KB upload, test/fuzz/fixtures/policy-1394.xlsx) that took 13 s to read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkXlsx, DEFAULT_XLSX_LIMITS } from '../../src/workbook/xlsx-guard.ts';
import { inlineRow, rawXlsx, worksheet } from '../fixtures/hostile/xlsx-parts.ts';

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
