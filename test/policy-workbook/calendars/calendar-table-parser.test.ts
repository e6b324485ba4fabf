// The 工作日历 table's parser on its own: which rows head it, every header word, and each refusal as the policy
// owner reads it (code, cell, found, expected and both messages).
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_NAME_WORDS,
  isCalendarHeader,
  OBSERVES_WORDS,
  parseCalendarTable,
  WORKDAY_WORDS,
  WORKING_HOURS_WORDS,
} from '../../../src/policy-workbook/calendars/calendar-table-parser.ts';
import { HOURS_EXPECTED, OBSERVES_EXPECTED, WEEKDAYS_EXPECTED } from '../../../src/policy-workbook/calendars/calendar-cells.ts';
import { gridRows, table } from '../../support/grid-rows.ts';

const SHEET = '服务时间';
const HEADER = ['日历名称', '工作日', '工作时间', '法定节假日'];
const DAY = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];
const STANDARD = { '1': DAY, '2': DAY, '3': DAY, '4': DAY, '5': DAY };

const read = (lines: (string | null)[][], marks = {}) => {
  const { header, rows } = table([HEADER, ...lines], 1, 1, marks);
  return parseCalendarTable(SHEET, header, rows);
};

describe('which rows head a calendar table', () => {
  it.each([
    ['name, days and hours', ['日历名称', '工作日', '工作时间'], true],
    ['name and days', ['日历名称', '工作日'], true],
    ['name and hours', ['日历名称', '工作时间'], true],
    ['days and hours without a name', ['工作日', '工作时间'], false],
    ['a name alone', ['日历名称', '备注'], false],
  ])('%s: %s', (_what, texts, expected) => {
    expect(isCalendarHeader(gridRows([texts])[0]!)).toBe(expected);
  });

  // Written out, not taken from the parser's lists: a word lost from a list must fail a test.
  const NAMES = ['日历名称', '日历名', 'Calendar name'];
  const DAYS = ['工作日', '工作星期', '星期', 'Working days', 'Workdays', 'Weekdays', 'Days'];
  const HOURS = ['工作时间', '工作时段', '服务时间', 'Working hours', 'Hours', 'Service hours'];
  const OBSERVES = ['法定节假日', '节假日', '法定假日', 'Public holidays', 'Holidays', 'Statutory holidays'];
  it('accepts exactly the words written out here', () => {
    expect([CALENDAR_NAME_WORDS.all, WORKDAY_WORDS.all, WORKING_HOURS_WORDS.all, OBSERVES_WORDS.all]).toEqual([NAMES, DAYS, HOURS, OBSERVES]);
  });
  const cases = [
    ...NAMES.map((w) => [w, [w, '工作日', '工作时间', '法定节假日']] as const),
    ...DAYS.map((w) => [w, ['日历名称', w, '工作时间', '法定节假日']] as const),
    ...HOURS.map((w) => [w, ['日历名称', '工作日', w, '法定节假日']] as const),
    ...OBSERVES.map((w) => [w, ['日历名称', '工作日', '工作时间', w]] as const),
  ];
  it.each(cases)('reads the column headed %s', (_word, header) => {
    const { header: h, rows } = table([[...header], ['标准工作日', '周一至周五', '9:00-12:00,13:00-18:00', '照常']]);
    expect(isCalendarHeader(h)).toBe(true);
    const source = { sheet: SHEET, cell: 'A2' };
    expect(parseCalendarTable(SHEET, h, rows)).toEqual({
      entries: [{ name: '标准工作日', source, entry: { name: '标准工作日', week: STANDARD, observesHolidays: false, source } }],
      issues: [],
    });
  });
});

describe('reading the rows', () => {
  it('reads a calendar, blank 法定节假日 meaning holidays are off, and skips blank rows', () => {
    const source = { sheet: SHEET, cell: 'A3' };
    expect(read([[], ['7×24', '周一至周日', '0:00-24:00', '']])).toEqual({
      entries: [{ name: '7×24', source, entry: { name: '7×24', week: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])), observesHolidays: true, source } }],
      issues: [],
    });
  });

  it('reads each weekday its own copy of the periods', () => {
    const [row] = read([['标准', '周一至周二', '9:00-18:00', '休息']]).entries;
    expect(row!.entry!.week['1']).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(row!.entry!.week['1']).not.toBe(row!.entry!.week['2']);
  });

  it.each([
    ['工作日', ['日历名称', '工作时间']],
    ['工作时间', ['日历名称', '工作日']],
  ])('refuses a table without its %s column, at the header, reading none of its rows', (missing, header) => {
    const { header: h, rows } = table([header, ['标准', '周一至周五']], 3);
    expect(parseCalendarTable(SHEET, h, rows)).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_COLUMN',
          sheet: SHEET,
          cell: 'A3',
          found: header.join(' | '),
          expected: `表头包含“${missing}”列`,
          expectedEn: `a header row with a ${missing} column`,
          message: `第 3 行的工作日历表头缺少“${missing}”列,该表未被导入。`,
          messageEn: `The working-calendar header in row 3 has no ${missing} column, so the table is not imported.`,
        },
      ],
    });
  });

  it('refuses a table without either, naming both', () => {
    const { header: h, rows } = table([['日历名称', '法定节假日']]);
    expect(parseCalendarTable(SHEET, h, rows).issues.map((i) => [i.code, i.expected])).toEqual([
      ['MISSING_COLUMN', '表头包含“工作日”列'],
      ['MISSING_COLUMN', '表头包含“工作时间”列'],
    ]);
  });

  it('asks for the name of a row that gives working time', () => {
    expect(read([['', '周一至周五', '9:00-18:00', '']])).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_CALENDAR_NAME',
          sheet: SHEET,
          cell: 'A2',
          expected: '日历名称,如“标准工作日”',
          expectedEn: 'the name of the calendar, e.g. 标准工作日',
          message: '第 2 行填写了工作时间,但没有日历名称。',
          messageEn: 'Row 2 gives working time but no calendar name.',
        },
      ],
    });
  });

  it('refuses a calendar without working days or hours: it could give no deadline; the name still counts', () => {
    const source = { sheet: SHEET, cell: 'A2' };
    expect(read([['夜班', '', '', '']])).toEqual({
      entries: [{ name: '夜班', source, entry: null }],
      issues: [
        {
          severity: 'error',
          code: 'NO_WORKING_TIME',
          sheet: SHEET,
          cell: 'B2',
          expected: WEEKDAYS_EXPECTED.zh,
          expectedEn: WEEKDAYS_EXPECTED.en,
          message: '第 2 行的日历“夜班”没有填写工作日:没有工作时间的日历无法计算截止时间。',
          messageEn: 'The calendar "夜班" in row 2 has no working weekdays; a calendar without working time cannot give a deadline.',
        },
        {
          severity: 'error',
          code: 'NO_WORKING_TIME',
          sheet: SHEET,
          cell: 'C2',
          expected: HOURS_EXPECTED.zh,
          expectedEn: HOURS_EXPECTED.en,
          message: '第 2 行的日历“夜班”没有填写工作时间:没有工作时间的日历无法计算截止时间。',
          messageEn: 'The calendar "夜班" in row 2 has no working hours; a calendar without working time cannot give a deadline.',
        },
      ],
    });
  });

  it('names unreadable weekdays once for a merged cell, where the value stands', () => {
    const result = read(
      [
        ['甲', '周八', '9:00-18:00', ''],
        ['乙', '周八', '9:00-18:00', ''],
      ],
      { B3: { mergedFrom: 'B2' } },
    );
    expect(result.entries.map((e) => [e.name, e.entry])).toEqual([
      ['甲', null],
      ['乙', null],
    ]);
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code: 'BAD_WORKDAYS',
        sheet: SHEET,
        cell: 'B2',
        found: '周八',
        expected: WEEKDAYS_EXPECTED.zh,
        expectedEn: WEEKDAYS_EXPECTED.en,
        message: '日历“甲”的工作日“周八”无法识别。',
        messageEn: 'The working weekdays "周八" of the calendar "甲" cannot be read.',
      },
    ]);
  });

  it.each([
    ['9点到下班', 'BAD_WORKING_HOURS', '9点到下班', '无法识别', 'cannot be read'],
    ['18:00-9:00', 'REVERSED_PERIOD', '18:00-9:00', '的结束时间不晚于开始时间', 'ends before it starts'],
    ['9:00-13:00,12:00-18:00', 'OVERLAPPING_PERIODS', '09:00-13:00、12:00-18:00', '相互重叠', 'overlap'],
  ])('refuses the hours %s as %s, quoting the period', (hours, code, detail, zh, en) => {
    const { header: h, rows } = table([HEADER, ['甲', '周一至周五', hours, ''], ['乙', '周一至周五', hours, '']], 1, 1, { C3: { mergedFrom: 'C2' } });
    const result = parseCalendarTable(SHEET, h, rows);
    expect(result.entries.map((e) => e.entry)).toEqual([null, null]);
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code,
        sheet: SHEET,
        cell: 'C2',
        found: hours,
        expected: HOURS_EXPECTED.zh,
        expectedEn: HOURS_EXPECTED.en,
        message: `日历“甲”的工作时段“${detail}”${zh}。`,
        messageEn: `The working period "${detail}" of the calendar "甲" ${en}.`,
      },
    ]);
  });

  it('refuses a 法定节假日 cell it cannot read, once for a merged cell', () => {
    const result = read(
      [
        ['甲', '周一至周五', '9:00-18:00', '看情况'],
        ['乙', '周一至周五', '9:00-18:00', '看情况'],
      ],
      { D3: { mergedFrom: 'D2' } },
    );
    expect(result.entries.map((e) => e.entry)).toEqual([null, null]);
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code: 'BAD_HOLIDAY_RULE',
        sheet: SHEET,
        cell: 'D2',
        found: '看情况',
        expected: OBSERVES_EXPECTED.zh,
        expectedEn: OBSERVES_EXPECTED.en,
        message: '日历“甲”的法定节假日安排“看情况”无法识别。',
        messageEn: 'Whether the calendar "甲" keeps public holidays ("看情况") cannot be read.',
      },
    ]);
  });

  it.each(['A2', 'B2', 'C2', 'D2'])('skips a row whose %s the reader could not read', (address) => {
    expect(read([['甲', '周一至周五', '9:00-18:00', '']], { [address]: { unreadable: true } })).toEqual({ entries: [], issues: [] });
  });

  it('reads a table without a 法定节假日 column as observing holidays', () => {
    const { header: h, rows } = table([['日历名称', '工作日', '工作时间'], ['标准', '周一至周五', '9:00-12:00,13:00-18:00']]);
    expect(parseCalendarTable(SHEET, h, rows).entries[0]!.entry).toMatchObject({ week: STANDARD, observesHolidays: true });
  });
});
