// Calendar assignments as json-rules-engine rules, and the calendars section beside them.
import { describe, expect, it } from 'vitest';
import { createPolicyEngine, assertRulesLoad } from '../../../src/policy/policy-engine.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../../src/policy-workbook/rules-document.ts';
import type { CalendarParams } from '../../../src/policy-workbook/calendars/calendar-rules.ts';
import { stableStringify } from '../../../src/policy/stable-json.ts';
import { ASSIGNMENT_HEADER, CALENDAR_HEADER, HOLIDAY_HEADER, readWith } from '../../support/calendar-workbooks.ts';
import type { SheetSpec } from '../../support/workbook-builder.ts';

const SHEETS: SheetSpec[] = [
  {
    name: '服务时间',
    rows: [
      CALENDAR_HEADER,
      ['甲', '每天', '08:00-20:00', '照常'],
      ['乙', '周一至周六', '09:00-18:00'],
      ['丙', '周一至周五', '09:00-17:00'],
      [],
      ASSIGNMENT_HEADER,
      ['公有云', '尊享', null, '甲'],
      [null, null, '紧急故障处理', '乙'],
      ['公有云', null, null, '丙'],
      [null, null, null, '标准工作日'],
      ['公有云', '尊享', '紧急故障处理', '甲'],
    ],
  },
  { name: '节假日', rows: [HOLIDAY_HEADER, ['2026-10-01', '休', '国庆节'], ['2026-10-10', '班', '国庆节调休上班']] },
];

async function rulesOf(...sheets: SheetSpec[]): Promise<RulesDocument> {
  const readout = await readWith(...sheets);
  expect(readout.issues).toEqual([]);
  return buildRulesDocument(readout.catalog, readout.sha256);
}

describe('calendar rules', () => {
  it('are one rule per assignment row, in workbook order, conditioned on the keys the row names', async () => {
    const doc = await rulesOf(...SHEETS);
    const rules = doc.rules.filter((r) => r.event.type === 'calendar');
    expect(rules.map((r) => [r.name, r.priority, r.conditions.all.map((c) => `${c.fact}${c.operator === 'equal' ? '=' : ' in '}${String(c.value)}`)])).toEqual([
      ['calendar.cloud.premium.*', 4, ['offering=cloud', 'tier=premium']],
      ['calendar.*.*.emergency_fault', 5, ['service=emergency_fault']],
      ['calendar.cloud.*.*', 2, ['offering=cloud']],
      ['calendar.*.*.*', 1, ['offering in cloud,on_premise']],
      ['calendar.cloud.premium.emergency_fault', 8, ['offering=cloud', 'tier=premium', 'service=emergency_fault']],
    ]);
    expect(rules[0]?.event.params).toEqual({ calendar: '甲', offering: 'cloud', tier: 'premium', service: null, source: { sheet: '服务时间', cell: 'D7', workbookSha256: doc.workbookSha256 } });
    expect(() => assertRulesLoad(doc)).not.toThrow();
  });

  it('let the engine pick the most specific matching row by priority: service, then tier, then offering', async () => {
    const engine = createPolicyEngine(await rulesOf(...SHEETS));
    // json-rules-engine runs higher priorities first, so the first calendar event is the one that applies.
    const calendarFor = async (offering: 'cloud' | 'on_premise', tier: 'basic' | 'premium', service: string) => {
      const events = (await engine.run({ offering, tier, service })).filter((e) => e.type === 'calendar');
      return (events[0]?.params as CalendarParams | undefined)?.calendar;
    };
    expect(await calendarFor('cloud', 'premium', 'emergency_fault')).toBe('甲');
    expect(await calendarFor('cloud', 'basic', 'emergency_fault')).toBe('乙');
    expect(await calendarFor('cloud', 'premium', 'issue_feedback')).toBe('甲');
    expect(await calendarFor('cloud', 'basic', 'issue_feedback')).toBe('丙');
    expect(await calendarFor('on_premise', 'premium', 'update_license')).toBe('标准工作日');
  });

  it('put the calendars and holiday rows beside the rules, and come back out for export', async () => {
    const doc = await rulesOf(...SHEETS);
    expect(doc.calendars?.definitions.map((d) => [d.name, Object.keys(d.week).join(''), d.observesHolidays, d.source.cell])).toEqual([
      ['甲', '1234567', false, 'A2'],
      ['乙', '123456', true, 'A3'],
      ['丙', '12345', true, 'A4'],
    ]);
    expect(doc.calendars?.holidays.map((h) => [h.date, h.kind, h.name, h.source.cell])).toEqual([
      ['2026-10-01', 'off', '国庆节', 'A2'],
      ['2026-10-10', 'work', '国庆节调休上班', 'A3'],
    ]);
    const readout = await readWith(...SHEETS);
    const back = catalogFromRules(doc);
    expect({ calendars: back.calendars, calendarAssignments: back.calendarAssignments, holidays: back.holidays }).toEqual({
      calendars: readout.catalog.calendars,
      calendarAssignments: readout.catalog.calendarAssignments,
      holidays: readout.catalog.holidays,
    });
  });

  it('leave a document without the sheets exactly as before: no calendars key, no calendar rule', async () => {
    const doc = await rulesOf();
    expect(Object.keys(doc)).toEqual(['format', 'workbookSha256', 'tables', 'rules']);
    expect(stableStringify(doc)).not.toContain('calendar');
    expect(catalogFromRules(doc)).toMatchObject({ calendars: [], calendarAssignments: [], holidays: [] });
  });

  it('keep an empty calendars section for a workbook that only assigns calendars', async () => {
    const doc = await rulesOf({ name: '服务时间', rows: [['部署', '日历'], ['公有云', '标准工作日']] });
    expect(doc.calendars).toEqual({ definitions: [], holidays: [] });
    expect(doc.rules.at(-1)?.name).toBe('calendar.cloud.*.*');
  });
});
