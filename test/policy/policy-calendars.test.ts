// The calendars a compiled version decides deadlines with: the workbook's 服务时间 assignments (most
// specific row wins), its 节假日 rows over China's shipped data, and the built-in 标准工作日 otherwise.
import { describe, expect, it } from 'vitest';
import { addBusinessTime } from '../../src/calendar/business-time.ts';
import { formatShanghaiIso } from '../../src/calendar/shanghai-time.ts';
import { compilePolicy } from '../../src/policy/compiled-policy.ts';
import { buildRulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { ASSIGNMENT_HEADER, CALENDAR_HEADER, HOLIDAY_HEADER, readWith } from '../support/calendar-workbooks.ts';
import type { SheetSpec } from '../support/workbook-builder.ts';

const HOUR = 3_600_000;
const at = (local: string) => new Date(`${local}+08:00`).getTime();
const deadline = (calendar: Parameters<typeof addBusinessTime>[0], local: string, hours: number) => {
  const d = addBusinessTime(calendar, at(local), hours * HOUR);
  return { respondBy: formatShanghaiIso(d.at), warnings: d.warnings.map((w) => w.year) };
};

async function compiled(...sheets: SheetSpec[]) {
  const readout = await readWith(...sheets);
  expect(readout.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return compilePolicy({ id: 1, version: 1 }, buildRulesDocument(readout.catalog, readout.sha256));
}

describe('policy calendars', () => {
  it('decide on 标准工作日 with the shipped holidays when the workbook has no such sheets', async () => {
    const policy = await compiled();
    const calendar = policy.calendarFor('cloud', 'premium', 'emergency_fault');
    expect(calendar.name).toBe('标准工作日');
    // Arriving on 2026-09-30 17:00: 10/1–10/7 are off.
    expect(deadline(calendar, '2026-09-30T17:00:00', 2)).toEqual({ respondBy: '2026-10-08T10:00:00+08:00', warnings: [] });
  });

  it('use the most specific assignment, a calendar that ignores holidays, and the workbook’s own holiday rows', async () => {
    const policy = await compiled(
      {
        name: '服务时间',
        rows: [
          CALENDAR_HEADER,
          ['7×12', '每天', '08:00-20:00', '照常'],
          ['标准工作日', '周一至周五', '09:00-12:00、13:00-18:00', '休息'],
          [],
          ASSIGNMENT_HEADER,
          ['公有云', '尊享', '紧急故障处理', '7×12'],
          ['公有云', null, null, '标准工作日'],
        ],
      },
      {
        name: '节假日',
        rows: [HOLIDAY_HEADER, ['2026-03-02', '休', '公司年会'], ['2026-03-07', '班', '公司调休上班']],
      },
    );
    const fast = policy.calendarFor('cloud', 'premium', 'emergency_fault');
    expect(fast.name).toBe('7×12');
    // National Day is worked on 7×12, and no year lacks data for a calendar that ignores holidays.
    expect(deadline(fast, '2026-09-30T19:00:00', 2)).toEqual({ respondBy: '2026-10-01T09:00:00+08:00', warnings: [] });
    expect(deadline(fast, '2031-01-01T19:00:00', 2).warnings).toEqual([]);

    const standard = policy.calendarFor('cloud', 'preferred', 'emergency_fault');
    expect(standard.name).toBe('标准工作日');
    // Friday 3/6 17:00 + 4 h: the workbook makes Saturday 3/7 a working day.
    expect(deadline(standard, '2026-03-06T17:00:00', 4)).toEqual({ respondBy: '2026-03-07T12:00:00+08:00', warnings: [] });
    // Saturday 2/28 is a shipped make-up day; Monday 3/2 is a day off from the workbook.
    expect(deadline(standard, '2026-02-28T17:00:00', 2)).toEqual({ respondBy: '2026-03-03T10:00:00+08:00', warnings: [] });
    // The shipped Spring Festival still applies beside the workbook's rows.
    expect(deadline(standard, '2026-02-14T17:00:00', 8).respondBy).toBe('2026-02-24T17:00:00+08:00');
    expect(policy.calendarNamed('7×12')).toBe(fast);
    expect(policy.calendarNamed('无此日历')).toBeUndefined();
  });

  it('count a workbook year as holiday data only when it lists a schedule, not one company holiday', async () => {
    const one = await compiled({ name: '节假日', rows: [HOLIDAY_HEADER, ['2027-03-01', '休', '公司年会']] });
    expect(deadline(one.calendarFor('cloud', 'basic', 'issue_feedback'), '2027-02-26T17:00:00', 2)).toEqual({ respondBy: '2027-03-02T10:00:00+08:00', warnings: [2027] });

    const schedule = await compiled({
      name: '节假日',
      rows: [HOLIDAY_HEADER, ['2027-01-01', '休', '元旦'], ['2027-02-06', '休', '春节'], ['2027-02-07', '休', '春节'], ['2027-04-05', '休', '清明节'], ['2027-02-20', '班', '春节调休上班']],
    });
    expect(deadline(schedule.calendarFor('cloud', 'basic', 'issue_feedback'), '2026-12-31T17:00:00', 2)).toEqual({ respondBy: '2027-01-04T10:00:00+08:00', warnings: [] });
  });
});
