// The yearly service report (每年1次服务报告) a 优选/尊享 contract is owed when a contract year ends: what the
// tier grants, quota use, how requests fared, every breach, a month-by-month chart, and the expert advice.
import type { AdviceFacts, AdviceRules } from '../../advice-rules.ts';
import type { Offering, Tier } from '../../../catalog/catalog-codes.ts';
import type { CompiledPolicy } from '../../../policy/compiled-policy.ts';
import { contractYear } from '../../../entitlement/contract-year.ts';
import { judge, monthBars, monthsBetween, Tally, type JudgedRequest, type RequestFacts } from '../../compliance.ts';
import type { ReportContract, ReportDataStore } from '../../report-data-store.ts';
import type { ReportLookups } from '../../report-lookups.ts';
import { dayStartIso } from '../../report-slot.ts';
import type { AdviceBlock, BreachLine, ComplianceFigures, EntitlementLine, MonthBar, QuotaLine, ServiceFigures } from '../../report-types.ts';
import { addDays } from '../../../calendar/shanghai-time.ts';

export interface YearlyReport {
  kind: 'yearly';
  contract: { id: number; customerName: string; offering: Offering; tier: Tier; startsOn: string; endsOn: string };
  /** The contract year covered, both ends inclusive. */
  period: { start: string; end: string };
  /**
   * The instant every figure is computed at (UTC ISO): the yearly slot on the day after the year ends (07:00
   * Shanghai by default), or, for a year not yet over, the moment it was looked at (`provisional`).
   */
  cutoff: string;
  /** A look at a year or month still running: its figures are as of `cutoff` and will change. */
  provisional?: boolean;
  /** 1 for the report as first issued; a correction (更正版) is 2, 3, … */
  revision?: number;
  /** The policy version that was in force on the year's last day. */
  policyVersion: number;
  entitlements: EntitlementLine[];
  quotas: QuotaLine[];
  totals: ComplianceFigures;
  byService: ServiceFigures[];
  breaches: BreachLine[];
  months: MonthBar[];
  /** 尊享: 总部专家建议 (reviewed) or 系统建议; 优选: service suggestions; proposed by the expert-advice rules. */
  advice: AdviceBlock;
  /** The facts the advice rules saw, shown in the xlsx and kept for review. */
  facts: Record<string, number | string>;
}

/** The tiers whose catalog promises a yearly service report (客户成功支持: 每年1次服务报告). */
export const REPORTED_TIERS: Tier[] = ['preferred', 'premium'];
const QUOTA_SERVICE = 'code_diagnosis';

/**
 * The contract year of `contract` that ends on `yearEnd`, or null: a full year ends the day before an
 * anniversary of the start; a contract ending off an anniversary has a short last year ending on its end date.
 */
export function yearEndingOn(contract: Pick<ReportContract, 'startsOn' | 'endsOn'>, yearEnd: string): { start: string; end: string } | null {
  if (yearEnd < contract.startsOn || yearEnd > contract.endsOn) return null;
  const year = contractYear(contract.startsOn, yearEnd);
  if (year.periodEnd === yearEnd || contract.endsOn === yearEnd) return { start: year.periodStart, end: yearEnd };
  return null;
}

/** The start dates (MM-DD) whose contract years end on `yearEnd`: the anniversary, and 29 Feb in common years. */
export function anniversaryMonthDays(yearEnd: string): string[] {
  const anniversary = addDays(yearEnd, 1);
  const monthDay = anniversary.slice(5);
  const year = Number(anniversary.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-28' && !leap ? [monthDay, '02-29'] : [monthDay];
}

/** Whether a 尊享 contract's customer has a customer-success manager to name (the tier promises one). */
export function lacksCsm(contract: Pick<ReportContract, 'tier' | 'contacts'>): boolean {
  return contract.tier === 'premium' && !contract.contacts.some((c) => c.role === 'csm');
}

/** The contract years that ended on this date, ready to be built in batches. */
export async function* contractYearsEndingOn(store: ReportDataStore, yearEnd: string, batchSize: number): AsyncGenerator<ContractYear[]> {
  const monthDays = anniversaryMonthDays(yearEnd);
  for (let afterId = 0; ; ) {
    const page = await store.contractsForYearEnd({ yearEnd, monthDays, tiers: REPORTED_TIERS, afterId, limit: batchSize });
    if (page.length === 0) return;
    afterId = page[page.length - 1]!.id;
    const years = page.flatMap((contract) => {
      const period = yearEndingOn(contract, yearEnd);
      return period ? [{ contract, period }] : [];
    });
    if (years.length) yield years;
  }
}

export interface YearlyBuilderDeps {
  store: ReportDataStore;
  lookups: ReportLookups;
  advice: AdviceRules;
}

export interface ContractYear {
  contract: ReportContract;
  period: { start: string; end: string };
}

/**
 * Builds the reports of a batch of contract years with two queries for all of them (requests and quota use).
 * Every figure is as of `cutoff`: a request answered later counts as unanswered then, a quota use recorded for
 * a later moment is not counted. A batch is one run's (or one view's) years, so it has one cut-off.
 * `provisional` marks years not over at the cut-off (a look at the current year).
 */
export async function buildYearlyReports(deps: YearlyBuilderDeps, years: ContractYear[], cutoff: Date, provisional = false): Promise<YearlyReport[]> {
  if (years.length === 0) return [];
  const from = years.reduce((min, y) => (y.period.start < min ? y.period.start : min), years[0]!.period.start);
  const to = years.reduce((max, y) => (y.period.end > max ? y.period.end : max), years[0]!.period.end);
  const rows = await deps.store.requestsOf(years.map((y) => y.contract.id), dayStartIso(from), dayStartIso(addDays(to, 1)));
  const byContract = new Map<number, RequestFacts[]>();
  for (const r of rows) {
    const list = byContract.get(r.contractId) ?? [];
    list.push(r);
    byContract.set(r.contractId, list);
  }
  const asOf = cutoff.toISOString();
  const used = await deps.store.usageCounts(QUOTA_SERVICE, years.map((y) => ({ contractId: y.contract.id, periodStart: y.period.start })), asOf);
  const reports: YearlyReport[] = [];
  for (const y of years) {
    const start = dayStartIso(y.period.start);
    const end = dayStartIso(addDays(y.period.end, 1));
    // Opened within the year, and by the cut-off (a provisional look cuts the year short).
    const requests = (byContract.get(y.contract.id) ?? []).filter((r) => r.openedAt >= start && r.openedAt < end && r.openedAt <= asOf);
    reports.push(await buildOne(deps, y.contract, y.period, requests, used.get(y.contract.id) ?? 0, cutoff, provisional));
  }
  return reports;
}

async function buildOne(deps: YearlyBuilderDeps, contract: ReportContract, period: { start: string; end: string }, requests: RequestFacts[], quotaUsed: number, cutoff: Date, provisional: boolean): Promise<YearlyReport> {
  const policy = await deps.lookups.policyOn(period.end);
  const cutoffMs = cutoff.getTime();
  const judged: JudgedRequest[] = [];
  for (const r of requests) judged.push(judge(r, await deps.lookups.calendar(r.policyVersion, r.calendar), cutoffMs));

  const total = new Tally();
  const perService = new Map<string, Tally>();
  for (const j of judged) {
    total.add(j);
    let tally = perService.get(j.request.service);
    if (!tally) perService.set(j.request.service, (tally = new Tally()));
    tally.add(j);
  }
  const name = (service: string) => deps.lookups.serviceName(policy, contract.offering, service);
  const byService: ServiceFigures[] = [...perService].map(([service, t]) => ({ service, name: name(service), ...t.figures() }));
  byService.sort((a, b) => b.requests - a.requests || a.service.localeCompare(b.service));

  const breaches: BreachLine[] = judged
    .filter((j) => j.verdict === 'breached')
    .map((j) => ({
      requestId: j.request.id,
      customerName: contract.customerName,
      offering: contract.offering,
      tier: contract.tier,
      service: j.request.service,
      serviceName: name(j.request.service),
      openedAt: j.request.openedAt,
      respondBy: j.request.respondBy!,
      respondedAt: j.request.respondedAt,
      hoursLate: j.hoursLate,
    }))
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt));

  const quotas = quotaLines(policy, contract, quotaUsed);
  const months = monthsBetween(period.start, period.end);
  const figures = total.figures();
  const codeDiagnosis = quotas.find((q) => q.service === QUOTA_SERVICE);
  const emergency = perService.get('emergency_fault')?.figures();
  const purchased = new Set(contract.services.map((s) => s.service));
  const facts: AdviceFacts = {
    offering: contract.offering,
    tier: contract.tier,
    months: months.length,
    requests: figures.requests,
    requestsPerMonth: Math.round((figures.requests / months.length) * 10) / 10,
    met: figures.met,
    breached: figures.breached,
    emergencyFaults: emergency?.requests ?? 0,
    emergencyBreaches: emergency?.breached ?? 0,
    codeDiagnosisAllowed: codeDiagnosis?.allowed ?? 0,
    codeDiagnosisUsed: codeDiagnosis?.used ?? 0,
    codeDiagnosisRemaining: codeDiagnosis?.remaining ?? 0,
    hasPerformanceTuning: purchased.has('performance_tuning') ? 1 : 0,
    hasOnsiteSupport: purchased.has('onsite_support') ? 1 : 0,
  };
  return {
    kind: 'yearly',
    contract: { id: contract.id, customerName: contract.customerName, offering: contract.offering, tier: contract.tier, startsOn: contract.startsOn, endsOn: contract.endsOn },
    period,
    cutoff: cutoff.toISOString(),
    ...(provisional ? { provisional: true } : {}),
    policyVersion: policy?.version ?? 0,
    entitlements: entitlementLines(policy, contract),
    quotas,
    totals: figures,
    byService,
    breaches,
    months: monthBars(months, judged),
    // 总部专家建议 is 尊享's deliverable: the rules only propose it (a draft for an expert's review); 优选 gets the
    // same rules' findings as suggestions.
    advice: { heading: contract.tier === 'premium' ? 'draft' : 'suggestions', lines: await deps.advice.evaluate(facts) },
    facts: { ...facts },
  };
}

function entitlementLines(policy: CompiledPolicy | null, contract: ReportContract): EntitlementLine[] {
  if (!policy) return [];
  const lines: EntitlementLine[] = [];
  for (const service of policy.tierServices(contract.offering)) {
    const grant = policy.entitlement(contract.offering, contract.tier, service);
    if (!grant?.included) continue;
    lines.push({ service, name: grant.label, grant: grant.text || '✓' });
  }
  return lines;
}

function quotaLines(policy: CompiledPolicy | null, contract: ReportContract, used: number): QuotaLine[] {
  const grant = policy?.entitlement(contract.offering, contract.tier, QUOTA_SERVICE);
  if (!grant?.included || !grant.quota) return [];
  const allowed = grant.quota.perYear;
  return [{ service: QUOTA_SERVICE, name: grant.label, allowed, used, remaining: Math.max(0, allowed - used), personDaysEach: grant.quota.personDaysEach }];
}
