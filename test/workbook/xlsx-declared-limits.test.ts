// What a sheet declares is bounded before exceljs sees it: each limit at its boundary (at the limit accepted,
// one past it refused, naming the sheet and the limit), the defaults pinned with the files that motivated them.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkXlsx, DEFAULT_XLSX_LIMITS } from '../../src/workbook/xlsx-guard.ts';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import { buildZip, readZip, type ZipEntry } from '../support/bad-files.ts';
import { contractWorkbook } from '../fixtures/hostile/hostile-corpus.ts';
import { inlineRow, rawXlsx, worksheet } from '../fixtures/hostile/xlsx-parts.ts';

function rows(n: number, first = 1): string {
  let s = '';
  for (let r = first; r < first + n; r++) s += inlineRow(r, ['x']);
  return s;
}

function only(issues: ImportIssue[], code: string): ImportIssue {
  expect(issues.map((i) => i.code)).toEqual([code]);
  const issue = issues[0]!;
  expect(issue.severity).toBe('error');
  for (const field of ['found', 'expected', 'expectedEn', 'message', 'messageEn'] as const) expect(issue[field], field).toMatch(/\S/);
  expect(issue.message).toMatch(/。$/);
  expect(issue.messageEn).toMatch(/\.$/);
  return issue;
}

describe('declared sizes at their limits', () => {
  it('rows: all sheets together, blank rows included', async () => {
    const limits = { maxRows: 10 };
    const at = rawXlsx([{ name: '甲', xml: worksheet({ rows: rows(4) }) }, { name: '乙', xml: worksheet({ rows: rows(6) }) }]);
    expect(await checkXlsx(at, limits)).toEqual([]);
    const over = rawXlsx([{ name: '甲', xml: worksheet({ rows: rows(4) }) }, { name: '乙', xml: worksheet({ rows: `${rows(6)}<row r="99"/>` }) }]);
    const issue = only(await checkXlsx(over, limits), 'ROWS_LIMIT');
    expect(issue.sheet).toBe('乙');
    expect(issue.messageEn).toBe(
      'With sheet "乙", the workbook has 11 rows (blank rows included), over the limit of 10 for the whole workbook, so the file was not read to protect the system: delete the rows that are not needed, or split the data over several files, then upload it again.',
    );
    expect(issue.message).toContain('算上工作表“乙”,工作簿共有 11 行(含空行),超过了整个工作簿的上限 10');
  });

  it('cells', async () => {
    const sheet = (n: number) => rawXlsx([{ name: '合同', xml: worksheet({ rows: inlineRow(1, Array.from({ length: n }, (_, i) => `v${i}`)) }) }]);
    expect(await checkXlsx(sheet(12), { maxCells: 12 })).toEqual([]);
    const issue = only(await checkXlsx(sheet(13), { maxCells: 12 }), 'CELLS_LIMIT');
    expect(issue.messageEn).toMatch(/^Sheet "合同" has 13 cells, over the limit of 12 for the whole workbook/);
  });

  it('merged ranges, counted and by the cells they cover', async () => {
    const merged = (refs: string[]) => rawXlsx([{ name: '公有云', xml: worksheet({ rows: rows(1), merges: refs }) }]);
    expect(await checkXlsx(merged(['A1:B1', 'A2:B2', 'A3:B3']), { maxMerges: 3 })).toEqual([]);
    only(await checkXlsx(merged(['A1:B1', 'A2:B2', 'A3:B3', 'A4:B4']), { maxMerges: 3 }), 'MERGES_LIMIT');
    expect(await checkXlsx(merged(['A1:D5', 'F1:F10']), { maxMergedCells: 30 })).toEqual([]);
    const issue = only(await checkXlsx(merged(['A1:D5', 'F1:F11']), { maxMergedCells: 30 }), 'MERGED_AREA_LIMIT');
    expect(issue.messageEn).toContain('has 31 merged cells (the largest is A1:D5), over the limit of 30');
  });

  it('the used range a sheet declares', async () => {
    const declared = (ref: string) => rawXlsx([{ name: '公有云', xml: worksheet({ dimension: ref, rows: rows(1) }) }]);
    expect(await checkXlsx(declared('A1:J10'), { maxDimensionCells: 100 })).toEqual([]);
    const issue = only(await checkXlsx(declared('A1:J11'), { maxDimensionCells: 100 }), 'DIMENSION_LIMIT');
    expect(issue.messageEn).toContain('declares a used range A1:J11 of 110 cells, over the limit of 100');
  });

  it('columns beyond Excel’s grid', async () => {
    const cols = (max: number) => rawXlsx([{ name: '公有云', xml: worksheet({ cols: `<col min="1" max="${max}" width="9"/>`, rows: rows(1) }) }]);
    expect(await checkXlsx(cols(16_384))).toEqual([]);
    expect(only(await checkXlsx(cols(16_385)), 'COLUMNS_LIMIT').messageEn).toContain('up to column 16,385, beyond Excel\'s 16,384');
  });

  it('defined names, by the cells their ranges cover; print areas and titles are not expanded', async () => {
    const named = (text: string, name = 'x') => rawXlsx([{ name: 'S', xml: worksheet({ rows: rows(1) }) }], { workbookInner: `<definedNames><definedName name="${name}">${text}</definedName></definedNames>` });
    expect(await checkXlsx(named('S!$A$1:$J$10'), { maxNamedCells: 100 })).toEqual([]);
    expect(only(await checkXlsx(named('S!$A$1:$J$10,S!$A$20'), { maxNamedCells: 100 }), 'NAMED_RANGE_LIMIT').messageEn).toContain('"x" (S!$A$1:$J$10,S!$A$20)');
    expect(await checkXlsx(named('S!$A$1:$XFD$1048576', '_xlnm.Print_Area'))).toEqual([]);
    expect(only(await checkXlsx(named(`${'S!$A$1,'.repeat(5000)}S!$A$1`)), 'NAMED_RANGE_LIMIT').messageEn).toContain('longer than Excel\'s 8,192 characters');
  });

  it('sheets', async () => {
    const book = (n: number) => rawXlsx(Array.from({ length: n }, (_, i) => ({ name: `S${i}`, xml: worksheet({ rows: rows(1) }) })));
    expect(await checkXlsx(book(5), { maxSheets: 5 })).toEqual([]);
    expect(only(await checkXlsx(book(6), { maxSheets: 5 }), 'SHEETS_LIMIT').messageEn).toBe(
      'The workbook has 6 sheets, over the limit of 5, so the file was not read to protect the system: delete the sheets that are not needed and upload it again.',
    );
  });

  it('XML nesting, in any part', async () => {
    const nested = (depth: number) =>
      rawXlsx([{ name: 'S', xml: worksheet({ rows: rows(1) }) }], { entries: [{ name: 'xl/styles.xml', data: `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}` }] });
    expect(await checkXlsx(nested(100))).toEqual([]);
    const issue = only(await checkXlsx(nested(101)), 'XML_DEPTH_LIMIT');
    expect(issue.sheet).toBeUndefined();
    expect(issue.messageEn).toMatch(/^Part xl\/styles.xml nests its XML 101 levels deep, over the limit of 100/);
  });

  it('a DOCTYPE in any XML part', async () => {
    const bytes = rawXlsx([{ name: 'S', xml: `<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>${worksheet({ rows: rows(1) }).replace(/^<\?xml[^>]*>\n/, '')}` }]);
    expect(only(await checkXlsx(bytes), 'XML_DOCTYPE').sheet).toBe('S');
  });
});

describe('naming the sheet', () => {
  it('follows the workbook relationships, not the part order or number', async () => {
    const entries = readZip(rawXlsx([{ name: '说明', xml: worksheet({ rows: rows(1) }) }, { name: '公有云', xml: worksheet({ rows: rows(1), merges: ['A1:XFD1048576'] }) }]));
    // The same parts, with the relationships pointing the other way round (targets absolute, as some writers make them).
    const swapped = entries.map((e): ZipEntry =>
      e.name === 'xl/_rels/workbook.xml.rels' ? { ...e, data: e.data.toString().replace('worksheets/sheet1.xml', '/xl/worksheets/sheetB.xml').replace('worksheets/sheet2.xml', '/xl/worksheets/sheet1.xml').replace('/xl/worksheets/sheetB.xml', '/xl/worksheets/sheet2.xml') } : e,
    );
    expect(only(await checkXlsx(buildZip(swapped)), 'MERGED_AREA_LIMIT').sheet).toBe('说明');
  });

  it('counts a worksheet part the workbook does not list (exceljs still reads it), by its path', async () => {
    const bytes = rawXlsx([{ name: 'S', xml: worksheet({ rows: rows(1) }) }], { entries: [{ name: 'xl/worksheets/sheet9.xml', data: worksheet({ merges: ['A1:XFD1048576'] }) }] });
    const issue = only(await checkXlsx(bytes), 'MERGED_AREA_LIMIT');
    expect(issue.sheet).toBeUndefined();
    expect(issue.messageEn).toMatch(/^Part xl\/worksheets\/sheet9.xml has/);
  });

  it('does not read binary parts as XML', async () => {
    const noise = Buffer.from('<<<<!DOCTYPE<a<a<a<a'.repeat(50));
    const bytes = rawXlsx([{ name: 'S', xml: worksheet({ rows: rows(1) }) }], { entries: [{ name: 'xl/media/image1.png', data: noise }, { name: 'xl/printerSettings/printerSettings1.bin', data: noise }] });
    expect(await checkXlsx(bytes)).toEqual([]);
  });
});

describe('the default limits', () => {
  let contract50k: Buffer;
  beforeAll(async () => {
    contract50k = await contractWorkbook(50_000);
  }, 120_000);

  it('refuse the files that took the server down, without expanding them', async () => {
    const wholeSheet = rawXlsx([{ name: '公有云', xml: worksheet({ rows: rows(1), merges: ['A1:XFD1048576'] }) }]);
    expect(wholeSheet.length).toBeLessThan(15_000);
    expect(only(await checkXlsx(wholeSheet), 'MERGED_AREA_LIMIT').messageEn).toContain('17,179,869,184 merged cells (the largest is A1:XFD1048576), over the limit of 50,000');
    only(await checkXlsx(rawXlsx([{ name: '公有云', xml: worksheet({ rows: rows(1), merges: ['A1:J200000'] }) }])), 'MERGED_AREA_LIMIT');
    only(await checkXlsx(rawXlsx([{ name: '公有云', xml: worksheet({ dimension: 'A1:XFD1048576', rows: rows(1) }) }])), 'DIMENSION_LIMIT');
  });

  it('accept the sample policy and a contract file of 50,000 rows × 7 columns (the row cap of an import)', async () => {
    expect(await checkXlsx(readFileSync('imports/sample-policy.xlsx'))).toEqual([]);
    expect(await checkXlsx(contract50k)).toEqual([]);
    expect(DEFAULT_XLSX_LIMITS.maxCells).toBeGreaterThan(50_001 * 7);
  });
});
