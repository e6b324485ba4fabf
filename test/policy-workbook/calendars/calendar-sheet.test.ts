// The 服务时间 sheet: working calendars and which one applies where, read by content, every problem named by cell.
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_HEADER, CALENDAR_HEADER, errors, readWith, where, worded } from '../../support/calendar-workbooks.ts';

const STANDARD = { start: '09:00', end: '12:00' };
const AFTERNOON = { start: '13:00', end: '18:00' };

describe('the 服务时间 sheet', () => {
  it('reads calendars and assignments in the vocabularies people use, wherever the tables stand', async () => {
    const readout = await readWith({
      name: '服务时间',
      rows: [
        ['服务时间与日历'],
        [null, '日历名称', '工作日', '工作时间', '法定节假日'],
        [null, '7×12', '每天', '08:00–20:00', '照常'],
        [null, '周末值班', '周六日', '9：00-12：00，13：00-17：00', null],
        [null, '标准工作日', '周一至周五', '9:00-12:00、13:00-18:00', '休息'],
        [],
        [null, '日历适用范围'],
        [null, '部署形态', '服务产品', '服务项目', '适用日历'],
        [null, '金蝶云星空(公有云)', '尊享', '紧急故障处理', '7×12'],
        [null, null, '优选服务', 'issue_feedback', '周末值班'],
        [null, '私有云', '全部', 'VIP热线', '标准 工作日'],
        [null, 'cloud', 'basic', 'vip_hotline', '标准工作日'],
        [null, '所有', null, null, '标准工作日'],
      ],
      merges: ['B9:B10'],
    });
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.calendars).toEqual([
      { name: '7×12', week: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ start: '08:00', end: '20:00' }]])), observesHolidays: false, source: { sheet: '服务时间', cell: 'B3' } },
      { name: '周末值班', week: { 6: [STANDARD, { start: '13:00', end: '17:00' }], 7: [STANDARD, { start: '13:00', end: '17:00' }] }, observesHolidays: true, source: { sheet: '服务时间', cell: 'B4' } },
      { name: '标准工作日', week: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [STANDARD, AFTERNOON]])), observesHolidays: true, source: { sheet: '服务时间', cell: 'B5' } },
    ]);
    expect(readout.catalog.calendarAssignments.map((a) => [a.offering, a.tier, a.service, a.calendar, a.source.cell])).toEqual([
      ['cloud', 'premium', 'emergency_fault', '7×12', 'E9'],
      ['cloud', 'preferred', 'issue_feedback', '周末值班', 'E10'],
      ['on_premise', null, 'vip_hotline', '标准工作日', 'E11'],
      ['cloud', 'basic', 'vip_hotline', '标准工作日', 'E12'],
      [null, null, null, '标准工作日', 'E13'],
    ]);
    expect(readout.sheets.at(-1)).toMatchObject({
      role: 'calendars',
      calendarTables: [
        { kind: 'calendars', headerCell: 'B2', rows: 3 },
        { kind: 'calendar_assignments', headerCell: 'B8', rows: 5 },
      ],
    });
  });

  it('accepts assignments to the built-in 标准工作日 without a calendar table, on any sheet name', async () => {
    const readout = await readWith({ name: '其他', rows: [['部署', '日历'], ['公有云', '标准工作日'], ['私有云', '标准工作日']] });
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.calendars).toEqual([]);
    expect(readout.catalog.calendarAssignments.map((a) => [a.offering, a.tier, a.service, a.calendar])).toEqual([
      ['cloud', null, null, '标准工作日'],
      ['on_premise', null, null, '标准工作日'],
    ]);
  });

  it('reports every bad calendar row at once, at the cell to fix', async () => {
    const readout = await readWith({
      name: '服务时间',
      rows: [
        CALENDAR_HEADER,
        ['甲', '周一到周八', '09:00-18:00'],
        ['乙', '周一至周五', '九点到六点'],
        ['丙', '周一至周五', '18:00-09:00'],
        ['丁', '周一至周五', '09:00-13:00、12:00-18:00'],
        ['戊', '周一至周五', null, '休息'],
        ['己', null, '09:00-18:00'],
        ['庚', '每天', '全天', '看情况'],
        [null, '每天', '全天'],
        ['甲', '每天', '全天', '照常'],
      ],
    });
    expect(where(errors(readout.issues))).toEqual([
      ['error', 'BAD_WORKDAYS', '服务时间', 'B2'],
      ['error', 'BAD_WORKING_HOURS', '服务时间', 'C3'],
      ['error', 'REVERSED_PERIOD', '服务时间', 'C4'],
      ['error', 'OVERLAPPING_PERIODS', '服务时间', 'C5'],
      ['error', 'NO_WORKING_TIME', '服务时间', 'C6'],
      ['error', 'NO_WORKING_TIME', '服务时间', 'B7'],
      ['error', 'BAD_HOLIDAY_RULE', '服务时间', 'D8'],
      ['error', 'MISSING_CALENDAR_NAME', '服务时间', 'A9'],
      ['error', 'DUPLICATE_CALENDAR', '服务时间', 'A10'],
    ]);
    expect(readout.issues.every(worded)).toBe(true);
    expect(readout.issues.find((i) => i.code === 'OVERLAPPING_PERIODS')?.messageEn).toContain('09:00-13:00、12:00-18:00');
    expect(readout.issues.find((i) => i.code === 'DUPLICATE_CALENDAR')?.expected).toContain('服务时间!A2');
  });

  it('reports every bad assignment row at once, at the cell to fix', async () => {
    const readout = await readWith({
      name: '服务时间',
      rows: [
        CALENDAR_HEADER,
        ['7×12', '每天', '08:00-20:00', '照常'],
        [],
        ASSIGNMENT_HEADER,
        ['公有云', '尊享服务', '紧急故障处理', '7×24'],
        ['混合云', null, null, '7×12'],
        ['公有云', '钻石服务', null, '7×12'],
        ['公有云', null, '神秘服务', '7×12'],
        ['私有云', null, null, null],
        ['公有云', '尊享服务', null, '7×12'],
        ['公有云', '尊享', null, '标准工作日'],
        ['公有云', '尊享', '全部', '7×12'],
      ],
    });
    expect(where(readout.issues)).toEqual([
      ['error', 'UNKNOWN_CALENDAR', '服务时间', 'D5'],
      ['error', 'UNKNOWN_OFFERING', '服务时间', 'A6'],
      ['error', 'UNKNOWN_TIER', '服务时间', 'B7'],
      ['error', 'UNKNOWN_SERVICE', '服务时间', 'C8'],
      ['error', 'MISSING_CALENDAR', '服务时间', 'D9'],
      ['error', 'CONFLICTING_CALENDAR', '服务时间', 'D11'],
      ['warning', 'DUPLICATE_ASSIGNMENT', '服务时间', 'D12'],
    ]);
    expect(readout.issues.every(worded)).toBe(true);
    expect(readout.issues[0]).toMatchObject({ found: '7×24', expected: expect.stringContaining('标准工作日、7×12') });
    expect(readout.issues[5]?.expected).toContain('服务时间!D10');
  });

  it('warns about a calendar no row uses, but not about 标准工作日', async () => {
    const readout = await readWith({
      name: '服务时间',
      rows: [CALENDAR_HEADER, ['标准工作日', '周一至周五', '09:00-18:00'], ['夜班', '每天', '20:00-24:00'], ['7×12', '每天', '08:00-20:00'], [], ASSIGNMENT_HEADER, ['公有云', null, null, '7×12']],
    });
    expect(where(readout.issues)).toEqual([['warning', 'UNUSED_CALENDAR', '服务时间', 'A3']]);
    expect(readout.catalog.calendars.map((c) => c.name)).toEqual(['标准工作日', '夜班', '7×12']);
  });

  it('refuses a calendar table without its 工作时间 column', async () => {
    const readout = await readWith({ name: '服务时间', rows: [['日历名称', '工作日'], ['夜班', '每天']] });
    expect(where(readout.issues)).toEqual([['error', 'MISSING_COLUMN', '服务时间', 'A1']]);
    expect(readout.issues[0]?.expected).toContain('工作时间');
  });
});

describe('a workbook without 服务时间 and 节假日 sheets', () => {
  it('imports as before, with empty calendar parts', async () => {
    const readout = await readWith();
    expect(readout.issues).toEqual([]);
    expect(readout.catalog).toMatchObject({ calendars: [], calendarAssignments: [], holidays: [] });
    expect(readout.sheets.map((s) => [s.role, 'calendarTables' in s])).toEqual([
      ['catalog', false],
      ['catalog', false],
    ]);
  });
});
