// Limits the readers keep as they read: the text in cells (a shared string is stored once and shown in any
// number of cells), and a CSV's lines, columns and cells; and the sheet parts exceljs is told to skip.
import { describe, expect, it } from 'vitest';
import { readContractFile } from '../../src/contracts/file/contract-file-reader.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { readWorkbookGrid } from '../../src/workbook/workbook-grid.ts';
import { inlineRow, rawXlsx, worksheet } from '../fixtures/hostile/xlsx-parts.ts';

const HEADER = '客户名称,部署,服务产品,开始日期,结束日期,联系人,邮箱';
const LINE = 'A公司,公有云,优选服务,2026-01-01,2026-12-31,张三,zhang@example.com';
const csv = (text: string) => Buffer.from(text, 'utf8');

function sharedStrings(...texts: string[]): string {
  return `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${texts.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`;
}

describe('text in cells', () => {
  it('refuses a cell longer than Excel allows, naming the sheet and the cell', async () => {
    const book = (chars: number) => rawXlsx([{ name: '公有云', xml: worksheet({ rows: inlineRow(1, ['服务项目']) + inlineRow(2, ['', 'x'.repeat(chars)]) }) }]);
    const at = await readPolicyWorkbook(book(32_767));
    expect(at.issues.map((i) => i.code)).not.toContain('CELL_TEXT_LIMIT');
    const over = await readPolicyWorkbook(book(32_768));
    expect(over.issues).toHaveLength(1);
    expect(over.issues[0]).toMatchObject({ code: 'CELL_TEXT_LIMIT', sheet: '公有云', cell: 'B2', found: '32,768 个字符 / characters' });
    expect(over.issues[0]!.messageEn).toContain('more than the 32,767 an Excel cell may hold');
  });

  it('counts a shared string once for every cell that shows it', async () => {
    // One 10-character string in 30 cells: 300 characters, from a part that holds 10.
    const cells = Array.from({ length: 30 }, (_, i) => `<c r="A${i + 1}" t="s"><v>0</v></c>`).map((c, i) => `<row r="${i + 1}">${c}</row>`).join('');
    const book = rawXlsx([{ name: '合同', xml: worksheet({ rows: cells }) }], { sharedStrings: sharedStrings('0123456789') });
    expect((await readWorkbookGrid(book, { maxCellTextChars: 100, maxTextChars: 300 })).sheets[0]!.cellCount).toBe(30);
    const over = await readContractFile(book, 'x.xlsx', { maxTextChars: 299 });
    expect(over.issues.map((i) => [i.code, i.sheet])).toEqual([['TEXT_LIMIT', '合同']]);
    expect(over.issues[0]!.messageEn).toContain('more than 299 characters of text, the limit for the whole workbook (a text shown in several cells counts each time)');
    expect(over.rows).toEqual([]);
  });
});

describe('CSV limits', () => {
  it('lines, blank ones included', async () => {
    const at = await readContractFile(csv(`${HEADER}\n${LINE}\n\n\n`), 'a.csv', { maxRows: 4 });
    expect(at.issues).toEqual([]);
    const over = await readContractFile(csv(`${HEADER}\n${LINE}\n\n\n\n`), 'a.csv', { maxRows: 4 });
    expect(over.issues.map((i) => [i.code, i.sheet])).toEqual([['ROWS_LIMIT', 'a.csv']]);
    expect(over.issues[0]!.messageEn).toMatch(/^The CSV file has more than 4 lines \(blank lines included\), the limit/);
  });

  it('columns: at most Excel’s 16,384 a line', async () => {
    expect((await readContractFile(csv(`${HEADER}\n${LINE}${','.repeat(16_384 - 7)}\n`), 'a.csv')).issues).toEqual([]);
    const over = await readContractFile(csv(`${HEADER}\n${LINE}${','.repeat(16_384 - 6)}\n`), 'a.csv');
    expect(over.issues.map((i) => [i.code, i.cell])).toEqual([['COLUMNS_LIMIT', 'XFE2']]);
  });

  it('a cell: at most Excel’s 32,767 characters, also when an unclosed quote swallows the rest of the file', async () => {
    expect((await readContractFile(csv(`${HEADER}\n"${'x'.repeat(32_767)}",公有云,优选,2026-01-01,2026-12-31\n`), 'a.csv')).issues.map((i) => i.code)).not.toContain('CELL_TEXT_LIMIT');
    const over = await readContractFile(csv(`${HEADER}\n"${`${LINE}\n`.repeat(1000)}`), 'a.csv');
    expect(over.issues.map((i) => [i.code, i.cell])).toEqual([['CELL_TEXT_LIMIT', 'A2']]);
  });
});

describe('sheet parts exceljs is told to skip', () => {
  it('reads a contract list with a drop-down on a whole column, conditional formats and a broken drawing reference', async () => {
    const after =
      '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>' +
      '<dataValidations count="1"><dataValidation type="list" sqref="B2:B1048576"><formula1>"公有云,私有云"</formula1></dataValidation></dataValidations>' +
      '<drawing r:id="rId9"/>';
    const rows = inlineRow(1, HEADER.split(',')) + inlineRow(2, LINE.split(','));
    const started = Date.now();
    const readout = await readContractFile(rawXlsx([{ name: '合同', xml: worksheet({ cols: '<col min="1" max="16384" width="9"/>', rows, after }) }]), 'x.xlsx');
    expect(readout.issues).toEqual([]);
    expect(readout.rows.map((r) => r.customerName)).toEqual(['A公司']);
    // A safety bound, not a benchmark: expanding the validation alone took a second and 120 MB.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
