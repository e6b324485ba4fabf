// The holiday use cases: is next year ready, what a version's calendar holds, reading the State Council's notice,
// and saving added days as a new draft policy version — the base version's catalog with its 节假日 rows extended,
// written back through the standard workbook export and imported like any upload (same validation, diff,
// activation), so that nothing bypasses versioning.
import type { AuditLog } from '../audit/audit-log.ts';
import { chinaHolidayData } from '../calendar/china-holidays.ts';
import { writeCatalogWorkbook } from '../policy-workbook/workbook-export.ts';
import type { ImportIssue } from '../workbook/import-issue.ts';
import { shanghaiDate } from '../calendar/instants.ts';
import { scheduledYears } from '../policy/policy-calendars.ts';
import type { ImportOutcome, PolicyService, PolicyStatus } from '../policy/policy-service.ts';
import { catalogFromRules, type RulesDocument } from '../policy-workbook/rules-document.ts';
import { HolidayError } from './holiday-error.ts';
import { holidayYear, type HolidayYear } from './holiday-calendar.ts';
import { DEFAULT_LEAD_DATE, holidayDaysLeft, holidayReadiness, versionReadinessWarnings, type HolidayReadiness, type MonthDay, type VersionCoverage } from './holiday-readiness.ts';
import { catalogWithRows, planHolidayRows, type HolidayPlan, type HolidayRowInput } from './holiday-rows.ts';
import { parseHolidayNotice, type NoticeReading } from './notice-parser.ts';

export interface HolidayServiceDeps {
  policies: PolicyService;
  audit?: AuditLog;
  clock?: () => Date;
  /** From this day of the year on, next year must have holiday data (HOLIDAY_LEAD_DATE; 1 November). */
  leadDate?: MonthDay;
}

export interface HolidayDraftRequest {
  rows: HolidayRowInput[];
  /** The version whose workbook is extended; the version active now when absent. */
  base?: number;
  actor: string;
  address?: string | null;
  /** How the rows were entered, for the audit log. */
  source: 'notice' | 'rows';
}

export interface HolidayDraft {
  base: number;
  plan: HolidayPlan;
  outcome: Extract<ImportOutcome, { status: 'created' | 'existing' }>;
}

export interface VersionHolidays {
  /** The version shown, or null when none is active (the shipped data alone). */
  version: number | null;
  status: PolicyStatus | null;
  year: HolidayYear;
  /** Whether the year has holiday data for this version (shipped, or days off under 3 names in its rows). */
  covered: boolean;
}

type Activation = Awaited<ReturnType<PolicyService['activations']>>[number];

export function createHolidayService(deps: HolidayServiceDeps) {
  const { policies } = deps;
  const clock = deps.clock ?? (() => new Date());
  const lead = deps.leadDate ?? DEFAULT_LEAD_DATE;
  const shippedYears: ReadonlySet<number> = new Set(chinaHolidayData().years);
  // Stored versions never change: each one's covered years are worked out once.
  const yearsByVersion = new Map<number, Promise<Set<number>>>();
  let kept: { key: string; readiness: HolidayReadiness } | null = null;

  const rowsOf = (doc: RulesDocument) => doc.calendars?.holidays ?? [];

  function yearsOf(version: number): Promise<Set<number>> {
    let years = yearsByVersion.get(version);
    if (!years) {
      years = policies.getRules(version).then((doc) => scheduledYears(rowsOf(doc)));
      yearsByVersion.set(version, years);
      years.catch(() => yearsByVersion.delete(version));
    }
    return years;
  }

  /** The activation in force at `now` and those scheduled after it; `all` is newest effective first. */
  function inForce(all: readonly Activation[], now: string): { current: Activation | null; scheduled: Activation[] } {
    return { current: all.find((a) => a.effectiveFrom <= now) ?? null, scheduled: all.filter((a) => a.effectiveFrom > now) };
  }

  /**
   * Whether this year, and next year from the lead date on, have holiday data in the active or a scheduled
   * version or in the shipped data. One small query per call (the activations); the answer is kept for as long
   * as the day and the activations stay the same.
   */
  async function readiness(at: Date = clock()): Promise<HolidayReadiness> {
    const now = at.toISOString();
    const today = shanghaiDate(at);
    const { current, scheduled } = inForce(await policies.activations(), now);
    const relevant = [...(current ? [{ a: current, status: 'active' as const }] : []), ...scheduled.map((a) => ({ a, status: 'scheduled' as const }))];
    const key = `${today}|${relevant.map((r) => `${r.a.id}:${r.status}`).join(',')}`;
    if (kept?.key === key) return kept.readiness;
    const versions: VersionCoverage[] = await Promise.all(relevant.map(async (r) => ({ version: r.a.version, status: r.status, years: await yearsOf(r.a.version) })));
    const result = holidayReadiness({ today, lead, shippedYears, versions });
    kept = { key, readiness: result };
    return result;
  }

  /** Days until the holiday data of the shipped table and the active and scheduled versions runs out (/metrics). */
  async function daysOfDataLeft(at: Date = clock()): Promise<number> {
    const { current, scheduled } = inForce(await policies.activations(), at.toISOString());
    const covered = new Set(shippedYears);
    for (const a of [...(current ? [current] : []), ...scheduled]) for (const year of await yearsOf(a.version)) covered.add(year);
    return holidayDaysLeft(shanghaiDate(at), covered);
  }

  /** The readiness of one rules document on its own (with the shipped data): what activating it would leave. */
  function documentWarnings(doc: RulesDocument, at: Date = clock()): ImportIssue[] {
    const versions: VersionCoverage[] = [{ version: 0, status: 'draft', years: scheduledYears(rowsOf(doc)) }];
    return versionReadinessWarnings(holidayReadiness({ today: shanghaiDate(at), lead, shippedYears, versions }));
  }

  async function versionWarnings(version: number, at: Date = clock()): Promise<ImportIssue[]> {
    return documentWarnings(await policies.getRules(version), at);
  }

  async function baseOf(version: number | undefined): Promise<{ version: number; doc: RulesDocument }> {
    if (version !== undefined) return { version, doc: await policies.getRules(version) };
    const active = await policies.activeAt(clock());
    if (!active) {
      throw new HolidayError('NO_ACTIVE_POLICY', '没有已生效的策略版本:请选择要补充节假日的版本。', 'No policy version is active: choose the version to add the holidays to.');
    }
    return { version: active.version, doc: active.document };
  }

  return {
    readiness,
    daysOfDataLeft,
    documentWarnings,
    versionWarnings,

    /** A year's days as a version counts them; the active version when none is named. */
    async yearOf(year: number, version?: number): Promise<VersionHolidays> {
      let base: { version: number; doc: RulesDocument } | null = null;
      try {
        base = await baseOf(version);
      } catch (err) {
        if (!(err instanceof HolidayError)) throw err;
      }
      const rows = base ? rowsOf(base.doc) : [];
      const status = base ? (await policies.getVersion(base.version)).status : null;
      return { version: base?.version ?? null, status, year: holidayYear(year, rows), covered: shippedYears.has(year) || scheduledYears(rows).has(year) };
    },

    /** Reads a pasted notice; stores nothing. */
    readNotice(text: string, year?: number): NoticeReading {
      return parseHolidayNotice(text, { year });
    },

    /** What the rows would add or change in the base version (the active one by default); stores nothing. */
    async plan(rows: readonly HolidayRowInput[], base?: number): Promise<{ base: number; plan: HolidayPlan }> {
      const b = await baseOf(base);
      return { base: b.version, plan: planHolidayRows(rowsOf(b.doc), rows) };
    },

    /**
     * A new draft version: the base version's workbook with these days in its 节假日 rows, imported as an upload
     * is. Refused, with nothing stored, when a row has an error or nothing would change.
     */
    async saveDraft(req: HolidayDraftRequest): Promise<HolidayDraft> {
      const base = await baseOf(req.base);
      const plan = planHolidayRows(rowsOf(base.doc), req.rows);
      const errors = plan.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) {
        throw new HolidayError('HOLIDAY_ROWS_INVALID', `有 ${errors.length} 处错误,未保存:${errors[0]!.message.zh}`, `${errors.length} error(s); nothing was saved: ${errors[0]!.message.en}`, errors);
      }
      if (plan.added + plan.changed === 0) {
        throw new HolidayError('NO_HOLIDAY_CHANGES', `这些日期在 v${base.version} 中已全部如此,没有可保存的变化。`, `Every day is already so in v${base.version}: there is nothing to save.`);
      }
      const bytes = await writeCatalogWorkbook(catalogWithRows(catalogFromRules(base.doc), plan.rows));
      const years = plan.years.map((y) => y.year).join('-');
      const outcome = await policies.importWorkbook({ bytes, filename: `policy-v${base.version}-holidays-${years}.xlsx`, actor: req.actor, address: req.address ?? null });
      if (outcome.status === 'rejected') {
        const issues = outcome.issues.filter((i) => i.severity === 'error');
        throw new HolidayError('HOLIDAY_DRAFT_REJECTED', `生成的工作簿未通过校验(${issues.length} 处错误),未保存。`, `The workbook made from these days failed validation (${issues.length} error(s)); nothing was saved.`, issues);
      }
      if (outcome.status === 'dry_run') throw new Error('a holiday draft is never a dry run');
      if (outcome.status === 'created') {
        await deps.audit?.record({
          actor: req.actor,
          action: 'policy.holidays',
          target: `policy:${outcome.version.version}`,
          details: { base: base.version, source: req.source, added: plan.added, changed: plan.changed, years: plan.years.map((y) => y.year) },
          address: req.address ?? null,
        });
      }
      return { base: base.version, plan, outcome };
    },
  };
}

export type HolidayService = ReturnType<typeof createHolidayService>;
