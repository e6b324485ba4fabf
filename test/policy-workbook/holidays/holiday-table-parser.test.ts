// The 节假日 table's parser on its own: which header rows are holiday tables, every header word, and each refusal
// as the policy owner reads it (code, cell, found, expected and both messages), so a changed word or a lost branch
// is noticed where the table is read.
import { describe, expect, it } from 'vitest';
import {
  HOLIDAY_DATE_WORDS,
  HOLIDAY_KIND_WORDS,
  HOLIDAY_NAME_WORDS,
  isHolidayHeader,
  parseHolidayTable,
} from '../../../src/policy-workbook/holidays/holiday-table-parser.ts';
import { DATE_EXPECTED, KIND_EXPECTED } from '../../../src/policy-workbook/holidays/holiday-cells.ts';
import { gridRows, table } from '../../support/grid-rows.ts';

const SHEET = '节假日';
const header = (...texts: string[]) => gridRows([texts])[0]!;
const DATE_WORDS = ['日期', 'Date'];
const KIND_WORDS = ['类型', '类别', '休/班', 'Type', 'Kind', 'Off/Work', 'Day off or working day'];
const NAME_WORDS = ['名称', '节日', '节日名称', '节假日名称', '假日名称', 'Name', 'Holiday', 'Holiday name'];

describe('which rows head a holiday table', () => {
  it.each([
    ['日期 | 类型 | 名称 anywhere', '政策', ['日期', '类型', '名称'], true],
    ['Date | Type | Name', 'Policy', ['Date', 'Type', 'Name'], true],
    ['日期 | 类型 on a sheet named 节假日', '节假日', ['日期', '类型'], true],
    ['日期 | 类型 on a sheet named 2027年假日安排', '2027年假日安排', ['日期', '类型'], true],
    ['日期 | 类型 on a sheet named 假期', '假期', ['日期', '类型'], true],
    ['Date | Type on a sheet named HOLIDAYS (any case)', 'HOLIDAYS', ['Date', 'Type'], true],
    ['a change log (日期 | 类型 | 内容) on a sheet of another name', '变更记录', ['日期', '类型', '内容'], false],
    ['日期 | 名称 without 类型', SHEET, ['日期', '名称'], false],
    ['类型 | 名称 without 日期', SHEET, ['类型', '名称'], false],
  ])('%s: %s', (_what, sheet, texts, expected) => {
    expect(isHolidayHeader(header(...texts), sheet)).toBe(expected);
  });

  // The words are written out here, not taken from the parser's lists: a word lost from a list must fail a test.
  const words = (list: readonly string[]) => list.map((w) => [w] as const);
  it('accepts exactly the words written out below', () => {
    expect([HOLIDAY_DATE_WORDS.all, HOLIDAY_KIND_WORDS.all, HOLIDAY_NAME_WORDS.all]).toEqual([DATE_WORDS, KIND_WORDS, NAME_WORDS]);
  });
  it.each(words(DATE_WORDS))('reads the date column headed %s', (word) => {
    const { header: h, rows } = table([[word, '类型', '名称'], ['2027-02-06', '休', '春节']]);
    expect(isHolidayHeader(h, '政策')).toBe(true);
    expect(parseHolidayTable(SHEET, h, rows)).toEqual({ entries: [{ date: '2027-02-06', kind: 'off', name: '春节', source: { sheet: SHEET, cell: 'A2' } }], issues: [] });
  });
  it.each(words(KIND_WORDS))('reads the kind column headed %s', (word) => {
    const { header: h, rows } = table([['日期', word, '名称'], ['2027-02-07', '班', '春节调休上班']]);
    expect(isHolidayHeader(h, '政策')).toBe(true);
    expect(parseHolidayTable(SHEET, h, rows).entries).toEqual([{ date: '2027-02-07', kind: 'work', name: '春节调休上班', source: { sheet: SHEET, cell: 'A2' } }]);
  });
  it.each(words(NAME_WORDS))('reads the name column headed %s', (word) => {
    const { header: h, rows } = table([['日期', '类型', word], ['2027-10-01', '休', '国庆节']]);
    expect(isHolidayHeader(h, '政策')).toBe(true);
    expect(parseHolidayTable(SHEET, h, rows).entries.map((e) => e.name)).toEqual(['国庆节']);
  });
});

describe('reading the rows', () => {
  it('reads each row into a holiday, its source the date cell, wherever the table stands; blank rows are nothing', () => {
    const { header: h, rows } = table([['日期', '类型', '名称'], ['2027-02-06', '休', '春节'], [], ['', '', ''], ['2027-02-20', '班', '春节调休上班']], 3, 2);
    expect(parseHolidayTable(SHEET, h, rows)).toEqual({
      entries: [
        { date: '2027-02-06', kind: 'off', name: '春节', source: { sheet: SHEET, cell: 'B4' } },
        { date: '2027-02-20', kind: 'work', name: '春节调休上班', source: { sheet: SHEET, cell: 'B7' } },
      ],
      issues: [],
    });
  });

  it('refuses a table without its name column, at the header, and reads none of its rows', () => {
    const { header: h, rows } = table([['日期', '类型'], ['2027-02-06', '休']], 2, 3);
    expect(parseHolidayTable(SHEET, h, rows)).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_COLUMN',
          sheet: SHEET,
          cell: 'C2',
          found: '日期 | 类型',
          expected: '表头包含“名称”列',
          expectedEn: 'a header row with a 名称 column',
          message: '第 2 行的节假日表头缺少“名称”列,该表未被导入。',
          messageEn: 'The holiday header in row 2 has no 名称 column, so the table is not imported.',
        },
      ],
    });
  });

  it('names an unreadable date and a missing one by row, at the date cell', () => {
    const { header: h, rows } = table([['日期', '类型', '名称'], ['二月六日', '休', '春节'], ['', '休', '春节']]);
    expect(parseHolidayTable(SHEET, h, rows)).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'BAD_DATE',
          sheet: SHEET,
          cell: 'A2',
          found: '二月六日',
          expected: DATE_EXPECTED.zh,
          expectedEn: DATE_EXPECTED.en,
          message: '第 2 行的日期“二月六日”无法识别。',
          messageEn: 'The date "二月六日" in row 2 cannot be read.',
        },
        {
          severity: 'error',
          code: 'BAD_DATE',
          sheet: SHEET,
          cell: 'A3',
          found: '',
          expected: DATE_EXPECTED.zh,
          expectedEn: DATE_EXPECTED.en,
          message: '第 3 行没有填写日期。',
          messageEn: 'Row 3 has no date.',
        },
      ],
    });
  });

  it('names an unknown kind once for a merged kind cell, where its value stands', () => {
    const { header: h, rows } = table([['日期', '类型', '名称'], ['2027-02-06', '停工', '春节'], ['2027-02-07', '停工', '春节']], 1, 1, { B3: { mergedFrom: 'B2' } });
    expect(parseHolidayTable(SHEET, h, rows)).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'BAD_HOLIDAY_KIND',
          sheet: SHEET,
          cell: 'B2',
          found: '停工',
          expected: KIND_EXPECTED.zh,
          expectedEn: KIND_EXPECTED.en,
          message: '第 2 行的类型“停工”无法识别:应为“休”或“班”。',
          messageEn: 'The kind "停工" in row 2 is neither 休 (day off) nor 班 (working day).',
        },
      ],
    });
  });

  it('asks for the name a deadline proof quotes, at the name cell', () => {
    const { header: h, rows } = table([['日期', '类型', '名称'], ['2027-02-06', '休', '']]);
    expect(parseHolidayTable(SHEET, h, rows)).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_HOLIDAY_NAME',
          sheet: SHEET,
          cell: 'C2',
          expected: '节假日名称,如“春节”或“春节调休上班”',
          expectedEn: 'the name of the day, e.g. 春节 or 春节调休上班',
          message: '第 2 行没有名称:截止时间的说明会引用它。',
          messageEn: 'Row 2 has no name; deadline proofs quote it.',
        },
      ],
    });
  });

  it('reports every missing cell of a row that gives only its date', () => {
    const { header: h, rows } = table([['日期', '类型', '名称'], ['2027-02-06', '', '']]);
    expect(parseHolidayTable(SHEET, h, rows).issues.map((i) => [i.code, i.cell])).toEqual([
      ['BAD_HOLIDAY_KIND', 'B2'],
      ['MISSING_HOLIDAY_NAME', 'C2'],
    ]);
  });

  it.each(['A2', 'B2', 'C2'])('skips a row whose %s the reader could not read (already reported there)', (address) => {
    const { header: h, rows } = table([['日期', '类型', '名称'], ['2027-02-06', '休', '春节'], ['2027-02-07', '班', '调休']], 1, 1, { [address]: { unreadable: true } });
    expect(parseHolidayTable(SHEET, h, rows)).toEqual({ entries: [{ date: '2027-02-07', kind: 'work', name: '调休', source: { sheet: SHEET, cell: 'A3' } }], issues: [] });
  });

  it('keeps a row with one good date out when its kind is wrong, and the next good row in', () => {
    const { header: h, rows } = table([['日期', '类型', '名称'], ['2027-02-06', '?', '春节'], ['2027-02-08', '休', '春节']]);
    const read = parseHolidayTable(SHEET, h, rows);
    expect(read.entries.map((e) => e.date)).toEqual(['2027-02-08']);
    expect(read.issues.map((i) => [i.code, i.cell])).toEqual([['BAD_HOLIDAY_KIND', 'B2']]);
  });
});
