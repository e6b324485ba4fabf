// Holiday readiness around the lead date, by what is active, scheduled and shipped; and drafts made from added
// days: the base version's workbook with its 节假日 rows extended, through the import, to the same rules plus them.
import { beforeEach, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/audit-log.ts';
import { createHolidayService, type HolidayService } from '../../src/holidays/holiday-service.ts';
import { catalogWithRows, planHolidayRows } from '../../src/holidays/holiday-rows.ts';
import { holidayReadiness, parseMonthDay, yearsToCheck } from '../../src/holidays/holiday-readiness.ts';
import { parseHolidayNotice } from '../../src/holidays/notice-parser.ts';
import { writeCatalogWorkbook } from '../../src/policy-workbook/workbook-export.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { stableStringify } from '../../src/policy/stable-json.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { manualClock, sampleWorkbook } from '../support/fixtures.ts';
import { TABLES } from '../support/http-app.ts';
import { INVENTED_2027_DAYS, INVENTED_2027_NOTICE } from '../support/holiday-notices.ts';

/** Shanghai wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`).toISOString();

const rows2027 = () => parseHolidayNotice(INVENTED_2027_NOTICE).days.map((d) => ({ date: d.date, kind: d.kind, name: d.name }));

/** Rules, calendars and prices without where they came from: another workbook puts them in other cells. */
function withoutSource(doc: RulesDocument): unknown {
  return JSON.parse(JSON.stringify({ rules: doc.rules, calendars: doc.calendars, prices: doc.prices }, (key: string, value: unknown) => (key === 'source' || key === 'workbookSha256' ? undefined : value)));
}

it('checks this year always and next year from the lead date (1 November by default; 02-29 is no lead date)', () => {
  const lead = parseMonthDay('11-01')!;
  expect(yearsToCheck('2026-10-31', lead)).toEqual([{ year: 2026, reason: 'current' }]);
  expect(yearsToCheck('2026-11-01', lead)).toEqual([{ year: 2026, reason: 'current' }, { year: 2027, reason: 'next' }]);
  expect(yearsToCheck('2026-12-31', lead)).toEqual([{ year: 2026, reason: 'current' }, { year: 2027, reason: 'next' }]);
  expect(yearsToCheck('2027-01-01', lead)).toEqual([{ year: 2027, reason: 'current' }]);
  expect(parseMonthDay('02-29')).toBeNull();
  expect(parseMonthDay('9-15')).toEqual({ month: 9, day: 15 });
  const shipped = new Set([2025, 2026]);
  expect(holidayReadiness({ today: '2026-11-01', lead, shippedYears: shipped, versions: [] }).missing).toEqual([2027]);
  expect(holidayReadiness({ today: '2026-11-01', lead, shippedYears: shipped, versions: [{ version: 3, status: 'scheduled', years: new Set([2027]) }] })).toMatchObject({
    missing: [],
    years: [
      { year: 2026, covered: true, sources: [{ kind: 'shipped' }] },
      { year: 2027, covered: true, sources: [{ kind: 'policy', version: 3, status: 'scheduled' }] },
    ],
  });
  // A year not yet begun and one already running are both said.
  expect(holidayReadiness({ today: '2027-01-02', lead, shippedYears: shipped, versions: [] }).missing).toEqual([2027]);
});

it('plans rows against a version’s rows: added, changed, unchanged; conflicts and bad names refused; a thin year said', () => {
  const base = [
    { date: '2027-01-01', kind: 'off' as const, name: '元旦' },
    { date: '2027-02-20', kind: 'off' as const, name: '春节' },
  ];
  const plan = planHolidayRows(base, [
    { date: '2027-01-01', kind: 'off', name: '元旦' },
    { date: '2027-02-20', kind: 'work', name: '春节调休上班' },
    { date: '2027-05-03', kind: 'off', name: '劳动节' },
    { date: '2027-05-03', kind: 'work', name: '劳动节调休上班' },
    { date: '2027-05-06', kind: 'work', name: '劳动节调休上班' },
    { date: '2027-02-30', kind: 'off', name: '春节' },
    { date: '2027-06-09', kind: 'off', name: '端午\n节' },
  ]);
  expect(plan.rows.map((r) => [r.date, r.status])).toEqual([
    ['2027-01-01', 'unchanged'],
    ['2027-02-20', 'changed'],
    ['2027-05-03', 'added'],
    ['2027-05-06', 'added'],
  ]);
  expect(plan.rows[1]!.was).toEqual({ kind: 'off', name: '春节' });
  expect(plan.problems.map((p) => [p.severity, p.code, p.row])).toEqual([
    ['error', 'DATE_CONFLICT', 4],
    ['warning', 'MAKE_UP_DAY_ON_WEEKDAY', 5],
    ['error', 'BAD_DATE', 6],
    ['error', 'BAD_NAME', 7],
    ['warning', 'YEAR_INCOMPLETE', null],
  ]);
  expect(plan.years).toEqual([{ year: 2027, covered: false }]);
  expect([plan.added, plan.changed]).toEqual([2, 1]);
});

describeEachDatabase('holiday service', (current) => {
  const clock = manualClock(at('2026-10-30T10:00:00'));
  let policies: PolicyService;
  let holidays: HolidayService;

  beforeEach(async () => {
    for (const t of TABLES) await current().db(t).del();
    clock.set(at('2026-10-30T10:00:00'));
    const audit = createAuditLog(current().db, clock.now);
    policies = createPolicyService(createPolicyRepository(current().db), clock.now, audit);
    holidays = createHolidayService({ policies, audit, clock: clock.now });
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'test', activate: true });
  });

  it('is ready before the lead date; from it, 2027 is missing until a version with its schedule is active or scheduled', async () => {
    expect((await holidays.readiness()).missing).toEqual([]);
    clock.set(at('2026-11-01T00:00:00'));
    const missing = await holidays.readiness();
    expect(missing.missing).toEqual([2027]);
    expect(missing.years[0]).toEqual({ year: 2026, reason: 'current', covered: true, sources: [{ kind: 'shipped' }, { kind: 'policy', version: 1, status: 'active' }] });

    const draft = await holidays.saveDraft({ rows: rows2027(), actor: 'admin', source: 'notice' });
    expect(draft.outcome).toMatchObject({ status: 'created', version: { version: 2, status: 'draft' } });
    // A draft is not in force: still missing.
    expect((await holidays.readiness()).missing).toEqual([2027]);

    await policies.activate(2, 'admin', new Date(at('2026-12-01T00:00:00')));
    const scheduled = await holidays.readiness();
    expect(scheduled.missing).toEqual([]);
    expect(scheduled.years[1]).toEqual({ year: 2027, reason: 'next', covered: true, sources: [{ kind: 'policy', version: 2, status: 'scheduled' }] });

    clock.set(at('2026-12-01T08:00:00'));
    expect((await holidays.readiness()).years[1]!.sources).toEqual([{ kind: 'policy', version: 2, status: 'active' }]);
  });

  it('makes the draft from the active workbook: re-importing its workbook gives the same rules plus the new days', async () => {
    const base = await policies.getRules(1);
    const draft = await holidays.saveDraft({ rows: rows2027(), actor: 'admin', address: '10.0.0.7', source: 'notice' });
    expect(draft.base).toBe(1);
    expect([draft.plan.added, draft.plan.changed]).toEqual([INVENTED_2027_DAYS.off + INVENTED_2027_DAYS.work, 0]);
    expect(draft.outcome.version.filename).toBe('policy-v1-holidays-2027.xlsx');
    expect(draft.outcome.summary.warnings).toEqual([]);

    const after = await policies.getRules(2);
    const added = rows2027().map((r) => ({ ...r }));
    const expected = withoutSource(base) as { calendars: { holidays: unknown[] } };
    expected.calendars.holidays.push(...added);
    expect(stableStringify(withoutSource(after))).toBe(stableStringify(expected));

    // The stored workbook is the one downloaded; it reads back to the same rules.
    const bytes = await policies.getWorkbook(2);
    const readout = await readPolicyWorkbook(bytes);
    expect(readout.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(stableStringify(withoutSource(buildRulesDocument(readout.catalog, readout.sha256)))).toBe(stableStringify(withoutSource(after)));

    // The diff shows the holidays added, date by date.
    const { diff } = await policies.diff(2);
    expect(diff.calendars?.holidays).toHaveLength(34);
    expect(diff.calendars?.holidays[0]).toEqual({ kind: 'added', date: '2027-01-01', from: null, to: { kind: 'off', name: '元旦' } });
    expect(diff.entitlements).toEqual([]);

    const [entry] = await createAuditLog(current().db).list({ limit: 1, action: 'policy.holidays' });
    expect(entry).toMatchObject({ actor: 'admin', target: 'policy:2', address: '10.0.0.7', details: { base: 1, source: 'notice', added: 34, changed: 0, years: [2027] } });
  });

  it('changes a day in place and keeps its cell; refuses a draft that changes nothing or has an error, storing nothing', async () => {
    const draft = await holidays.saveDraft({ rows: [{ date: '2026-10-08', kind: 'off', name: '国庆节' }, { date: '2026-10-10', kind: 'off', name: '国庆节' }], actor: 'admin', source: 'rows' });
    expect([draft.plan.added, draft.plan.changed]).toEqual([1, 1]);
    const [before, after] = [await policies.getRules(1), await policies.getRules(2)];
    const cell = (doc: RulesDocument, date: string) => doc.calendars!.holidays.find((h) => h.date === date)!;
    expect(cell(after, '2026-10-10')).toMatchObject({ kind: 'off', name: '国庆节' });
    expect(cell(before, '2026-10-10')).toMatchObject({ kind: 'work', name: '国庆节调休上班' });
    // The same row of the 节假日 table: a changed date stays where it was, a new one goes after the last.
    const rowOf = (doc: RulesDocument, date: string) => doc.calendars!.holidays.findIndex((h) => h.date === date);
    expect(rowOf(after, '2026-10-10')).toBe(rowOf(before, '2026-10-10'));
    expect(rowOf(after, '2026-10-08')).toBe(after.calendars!.holidays.length - 1);

    const versions = (await policies.listVersions()).length;
    await expect(holidays.saveDraft({ rows: [{ date: '2026-10-08', kind: 'off', name: '国庆节' }], actor: 'admin', source: 'rows', base: 2 })).rejects.toMatchObject({ code: 'NO_HOLIDAY_CHANGES' });
    await expect(holidays.saveDraft({ rows: [{ date: '2027-01-01', kind: 'off', name: '元旦' }, { date: '2027-01-01', kind: 'work', name: '元旦' }], actor: 'admin', source: 'rows' })).rejects.toMatchObject({
      code: 'HOLIDAY_ROWS_INVALID',
      details: [expect.objectContaining({ code: 'DATE_CONFLICT', row: 2 })],
    });
    expect((await policies.listVersions()).length).toBe(versions);
  });

  it('says NO_ACTIVE_POLICY without a base when nothing is active, and shows the shipped days alone', async () => {
    for (const t of TABLES) await current().db(t).del();
    await expect(holidays.saveDraft({ rows: rows2027(), actor: 'admin', source: 'notice' })).rejects.toMatchObject({ code: 'NO_ACTIVE_POLICY' });
    const view = await holidays.yearOf(2026);
    expect(view).toMatchObject({ version: null, status: null, covered: true });
    expect(view.year.groups.map((g) => g.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
  });

  it('groups a year by holiday with runs and make-up days, from the version’s rows over the shipped table', async () => {
    const view = await holidays.yearOf(2026);
    expect(view).toMatchObject({ version: 1, status: 'active', covered: true });
    const spring = view.year.groups.find((g) => g.name === '春节')!;
    expect(spring).toEqual({ name: '春节', nameEn: 'Spring Festival', off: [{ from: '2026-02-15', to: '2026-02-23', days: 9 }], work: ['2026-02-14', '2026-02-28'], days: 9, source: 'workbook' });
    // Twelve months of whole weeks from Monday: February 2026 starts on a Sunday.
    expect(view.year.months).toHaveLength(12);
    expect(view.year.months[1]!.weeks[0]!.slice(5)).toEqual([null, expect.objectContaining({ day: 1, kind: 'weekend' })]);
    const missing = await holidays.yearOf(2027);
    expect(missing).toMatchObject({ covered: false, year: { days: [], groups: [] } });
  });

  it('catalogWithRows opens a 节假日 sheet for a workbook that has none', async () => {
    const catalog = catalogFromRules(await policies.getRules(1));
    const bare = { ...catalog, holidays: [], calendars: [], calendarAssignments: [] };
    const plan = planHolidayRows([], rows2027());
    const readout = await readPolicyWorkbook(await writeCatalogWorkbook(catalogWithRows(bare, plan.rows)));
    expect(readout.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(readout.catalog.holidays.map((h) => h.source.sheet)).toEqual(Array(34).fill('节假日'));
    expect(readout.catalog.holidays.map((h) => h.date)).toEqual(plan.rows.map((r) => r.date));
  });
});
