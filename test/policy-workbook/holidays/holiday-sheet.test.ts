// The 节假日 sheet: found by its header, read in people's spellings, and every bad row named by sheet and cell.
import { describe, expect, it } from 'vitest';
import { errors, HOLIDAY_HEADER, readWith, where, worded } from '../../support/calendar-workbooks.ts';

const dateCell = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('the 节假日 sheet', () => {
  it('reads dates, kinds and names as people type them, under a title, with merged cells', async () => {
    const readout = await readWith({
      name: '节假日',
      rows: [
        ['2026 年节假日安排'],
        HOLIDAY_HEADER,
        [dateCell(2026, 10, 1), '休', '国庆节'],
        ['2026/10/2', '休息'],
        ['2026年10月3日', '放假'],
        ['２０２６－１０－１０', ' 调休上班 ', '国庆节调休上班'],
        ['2026-09-20', '补班', '国庆节调休上班'],
      ],
      merges: ['C3:C5'],
    });
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.holidays.map((h) => [h.date, h.kind, h.name, h.source.cell])).toEqual([
      ['2026-10-01', 'off', '国庆节', 'A3'],
      ['2026-10-02', 'off', '国庆节', 'A4'],
      ['2026-10-03', 'off', '国庆节', 'A5'],
      ['2026-10-10', 'work', '国庆节调休上班', 'A6'],
      ['2026-09-20', 'work', '国庆节调休上班', 'A7'],
    ]);
    expect(readout.sheets.at(-1)).toEqual({ name: '节假日', role: 'holidays', tables: [], calendarTables: [{ kind: 'holidays', headerCell: 'A2', rows: 5 }] });
  });

  it('finds the table by its header on any sheet name and in any column', async () => {
    const readout = await readWith({ name: 'Sheet3', rows: [[], [null, '名称', '日期', '类型'], [null, '元旦', '2027-01-01', '休']] });
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.holidays).toEqual([{ date: '2027-01-01', kind: 'off', name: '元旦', source: { sheet: 'Sheet3', cell: 'C3' } }]);
  });

  it('reports every bad row at once, at the cell to fix, with what was expected', async () => {
    const readout = await readWith({
      name: '节假日',
      rows: [
        HOLIDAY_HEADER,
        ['2026-02-30', '休', '春节'],
        ['2026-02-16', '节日', '春节'],
        ['2026-02-17', '休'],
        [null, '休', '春节'],
        ['2026-02-18', '休', '春节'],
        ['2026-02-18', '班', '春节调休上班'],
      ],
    });
    expect(where(errors(readout.issues))).toEqual([
      ['error', 'BAD_DATE', '节假日', 'A2'],
      ['error', 'BAD_HOLIDAY_KIND', '节假日', 'B3'],
      ['error', 'MISSING_HOLIDAY_NAME', '节假日', 'C4'],
      ['error', 'BAD_DATE', '节假日', 'A5'],
      ['error', 'HOLIDAY_CONFLICT', '节假日', 'A7'],
    ]);
    expect(readout.issues.every(worded)).toBe(true);
    expect(readout.issues[0]).toMatchObject({ found: '2026-02-30', expected: expect.stringContaining('2026-02-16') });
    expect(readout.issues[1]).toMatchObject({ found: '节日', expected: expect.stringContaining('休'), expectedEn: expect.stringContaining('班') });
    expect(readout.issues[4]).toMatchObject({ found: '2026-02-18 班 春节调休上班', expected: expect.stringContaining('节假日!A6') });
    expect(readout.catalog.holidays.map((h) => h.date)).toEqual(['2026-02-18']);
  });

  it('reports a bad merged kind once, where it is typed', async () => {
    const readout = await readWith({ name: '节假日', rows: [HOLIDAY_HEADER, ['2026-10-01', '假期', '国庆节'], ['2026-10-02', null, '国庆节']], merges: ['B2:B3'] });
    expect(where(readout.issues)).toEqual([['error', 'BAD_HOLIDAY_KIND', '节假日', 'B2']]);
  });

  it('warns about a date listed twice alike and keeps the first row', async () => {
    const readout = await readWith({ name: '节假日', rows: [HOLIDAY_HEADER, ['2026-10-01', '休', '国庆节'], ['2026/10/1', '休息', '国庆']] });
    expect(where(readout.issues)).toEqual([['warning', 'DUPLICATE_HOLIDAY', '节假日', 'A3']]);
    expect(readout.catalog.holidays.map((h) => [h.date, h.name])).toEqual([['2026-10-01', '国庆节']]);
  });

  it('warns about a make-up day on a weekday that is no public holiday, and only then', async () => {
    const readout = await readWith({
      name: '节假日',
      rows: [
        HOLIDAY_HEADER,
        ['2026-10-09', '班', '国庆节调休上班'], // a Friday: worked anyway
        ['2026-10-07', '班', '取消国庆节假期'], // a Wednesday of 国庆节: the row gives the day back
        ['2026-10-10', '班', '国庆节调休上班'], // a Saturday
      ],
    });
    expect(where(readout.issues)).toEqual([['warning', 'MAKE_UP_DAY_ON_WEEKDAY', '节假日', 'A2']]);
    expect(readout.catalog.holidays).toHaveLength(3);
  });

  it('warns about a year the shipped data lacks that lists make-up days but no day off', async () => {
    const readout = await readWith({
      name: '节假日',
      rows: [HOLIDAY_HEADER, ['2031-01-04', '班', '元旦调休上班'], ['2031-02-08', '班', '春节调休上班'], ['2032-01-01', '休', '元旦'], ['2026-02-14', '班', '春节调休上班']],
    });
    expect(where(readout.issues)).toEqual([['warning', 'HOLIDAY_YEAR_WITHOUT_DAYS_OFF', '节假日', 'A2']]);
    expect(readout.issues[0]?.messageEn).toContain('2031');
  });

  it('refuses a table without a 名称 column, and reports columns it does not read', async () => {
    const readout = await readWith({ name: '节假日', rows: [['日期', '类型', '备注'], ['2026-10-01', '休', '国庆']] });
    expect(where(readout.issues)).toEqual([
      ['error', 'MISSING_COLUMN', '节假日', 'A1'],
      ['warning', 'UNKNOWN_COLUMN', '节假日', 'C1'],
    ]);
    expect(readout.catalog.holidays).toEqual([]);
  });

  it('leaves a change log (日期 | 类型 | 内容) on another sheet alone', async () => {
    const readout = await readWith({ name: '变更记录', rows: [['日期', '类型', '内容'], ['2026-01-05', '新增', '增加 VIP 热线']] });
    expect(readout.issues).toEqual([]);
    expect(readout.sheets.at(-1)).toMatchObject({ name: '变更记录', role: 'ignored', reason: 'no_catalog_table' });
  });

  it('refuses a row cut off from its table by a blank row', async () => {
    const readout = await readWith({ name: '节假日', rows: [HOLIDAY_HEADER, ['2026-10-01', '休', '国庆节'], [], ['2026-10-02', '休', '国庆节']] });
    expect(where(readout.issues)).toEqual([['error', 'ROW_OUTSIDE_TABLE', '节假日', 'A4']]);
  });

  it('ignores a hidden 节假日 sheet and says so', async () => {
    const readout = await readWith({ name: '节假日', state: 'hidden', rows: [HOLIDAY_HEADER, ['2026-10-01', '休', '国庆节']] });
    expect(where(readout.issues)).toEqual([['warning', 'HIDDEN_SHEET_IGNORED', '节假日', 'A1']]);
    expect(readout.issues[0]?.messageEn).toContain('holiday or calendar table');
    expect(readout.catalog.holidays).toEqual([]);
    expect(readout.sheets.at(-1)).toMatchObject({ role: 'ignored', reason: 'hidden' });
  });
});
