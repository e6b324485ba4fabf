// The sample workbook's 服务时间 and 节假日 sheets: docs/domain.md's 标准工作日 for both offerings, and 2026's
// holidays and make-up days, which alone must give the calendar docs/domain.md and issue 5 describe.
import { beforeAll, describe, expect, it } from 'vitest';
import { isWorkingTime } from '../../src/calendar/business-time.ts';
import { createCalendar, withHolidayRows } from '../../src/calendar/calendar-definition.ts';
import { chinaHolidayData, standardCalendarDefinition } from '../../src/calendar/china-holidays.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { sampleWorkbook } from '../support/fixtures.ts';

let readout: WorkbookReadout;
let doc: RulesDocument;

beforeAll(async () => {
  readout = await readPolicyWorkbook(sampleWorkbook());
  doc = buildRulesDocument(readout.catalog, readout.sha256);
});

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
};

describe("the sample's 服务时间 sheet", () => {
  it('defines 标准工作日 as docs/domain.md does: Monday–Friday 09:00–12:00 and 13:00–18:00, public holidays off', () => {
    const workday = [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ];
    expect(readout.catalog.calendars).toEqual([
      { name: '标准工作日', week: { 1: workday, 2: workday, 3: workday, 4: workday, 5: workday }, observesHolidays: true, source: { sheet: '服务时间', cell: 'A3' } },
    ]);
  });

  it('assigns 标准工作日 to both offerings and no other calendar, one rule per row', () => {
    expect(readout.catalog.calendarAssignments.map((a) => [a.offering, a.tier, a.service, a.calendar])).toEqual([
      ['cloud', null, null, '标准工作日'],
      ['on_premise', null, null, '标准工作日'],
    ]);
    const rules = doc.rules.filter((r) => r.event.type === 'calendar');
    expect(rules.map((r) => [r.name, r.priority, r.conditions.all])).toEqual([
      ['calendar.cloud.*.*', 2, [{ fact: 'offering', operator: 'equal', value: 'cloud' }]],
      ['calendar.on_premise.*.*', 2, [{ fact: 'offering', operator: 'equal', value: 'on_premise' }]],
    ]);
    expect(doc.calendars?.definitions.map((d) => d.name)).toEqual(['标准工作日']);
  });
});

describe("the sample's 节假日 sheet", () => {
  const row = (date: string) => readout.catalog.holidays.find((h) => h.date === date);

  it("lists 2026's public holidays and make-up days exactly as the shipped data has them", () => {
    const china = chinaHolidayData();
    const shipped = [
      ...Object.entries(china.holidays).map(([date, name]) => [date, 'off', name]),
      ...Object.entries(china.makeUpDays).map(([date, day]) => [date, 'work', day.name]),
    ].filter(([date]) => date!.startsWith('2026-'));
    expect(readout.catalog.holidays.map((h) => [h.date, h.kind, h.name])).toEqual(shipped.sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    expect(new Set(readout.catalog.holidays.filter((h) => h.kind === 'off').map((h) => h.name))).toEqual(new Set(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']));
    expect(doc.calendars?.holidays).toHaveLength(readout.catalog.holidays.length);
  });

  it('has 春节 off 2/15–2/23 with 2/14 and 2/28 worked, and 中秋节 9/25 and 国庆节 10/1–10/7 off with 9/20 and 10/10 worked', () => {
    for (const date of days('2026-02-15', '2026-02-23')) expect(row(date), date).toMatchObject({ kind: 'off', name: '春节' });
    for (const date of ['2026-02-14', '2026-02-28']) expect(row(date), date).toMatchObject({ kind: 'work', name: '春节调休上班' });
    expect(row('2026-09-25')).toMatchObject({ kind: 'off', name: '中秋节' });
    for (const date of days('2026-10-01', '2026-10-07')) expect(row(date), date).toMatchObject({ kind: 'off', name: '国庆节' });
    for (const date of ['2026-09-20', '2026-10-10']) expect(row(date), date).toMatchObject({ kind: 'work', name: '国庆节调休上班' });
    expect(row('2026-02-24')).toBeUndefined();
  });

  it('gives, on its own (without the shipped holidays), a calendar that works exactly those days', () => {
    const bare = { ...standardCalendarDefinition(), holidays: {}, makeUpDays: {}, yearsWithData: [] };
    const rows = readout.catalog.holidays.map(({ date, kind, name }) => ({ date, kind, name }));
    const calendar = createCalendar(withHolidayRows(bare, rows));
    const at10 = (date: string) => Date.parse(`${date}T10:00:00+08:00`);
    for (const date of [...days('2026-02-15', '2026-02-23'), '2026-09-25', ...days('2026-10-01', '2026-10-07')]) expect(isWorkingTime(calendar, at10(date)), date).toBe(false);
    for (const date of ['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10', '2026-02-24']) expect(isWorkingTime(calendar, at10(date)), date).toBe(true);
    expect(isWorkingTime(calendar, at10('2026-02-21')), 'a Saturday inside 春节').toBe(false);
  });
});
