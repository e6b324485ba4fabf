// REPORT_KINDS: every kind of report there is. The scheduler's jobs, the runs by hand (page, API, CLI), the
// schedules a server runs, the renderer's templates and the pages' lists all come from this one list; what a kind
// is and must say is report-kind.ts.
import { ConfigError } from '../config/config.ts';
import { firstTimeOfDay } from '../jobs/cron-slots.ts';
import { AT_RISK_ALERT } from './kinds/at-risk/at-risk-kind.ts';
import { MONTHLY_REPORT } from './kinds/monthly/monthly-kind.ts';
import { YEARLY_REPORT } from './kinds/yearly/yearly-kind.ts';
import type { ReportKind } from './report-kind.ts';

export const REPORT_KINDS = [YEARLY_REPORT, MONTHLY_REPORT, AT_RISK_ALERT] as const;

export type ReportKindName = (typeof REPORT_KINDS)[number]['name'];
export const REPORT_KIND_NAMES: readonly ReportKindName[] = REPORT_KINDS.map((k) => k.name);

type ReportOf<K> = K extends ReportKind<infer R> ? R : never;

/** Every report value there is: YearlyReport | MonthlyReport | AtRiskAlert, one per kind of the list. */
export type Report = ReportOf<(typeof REPORT_KINDS)[number]>;

/** The cron expression of each kind (Asia/Shanghai). */
export type ReportSchedules = Readonly<Record<ReportKindName, string>>;

export function isReportKindName(name: string): name is ReportKindName {
  return (REPORT_KIND_NAMES as readonly string[]).includes(name);
}

/**
 * The kind of that name. Typed for any report: the caller hands it the report of that kind (the report's own
 * `kind`, or the job it was asked to run), which the list cannot check for it.
 */
export function reportKind(name: string): ReportKind<Report> {
  const kind = REPORT_KINDS.find((k) => k.name === name);
  if (!kind) throw new Error(`No report kind ${name}: expected ${REPORT_KIND_NAMES.join(', ')}`);
  return kind as unknown as ReportKind<Report>;
}

/**
 * Each kind's schedule: the one configured (REPORT_<KIND>_CRON, by kind name), else its default. A variable that
 * names no kind is refused rather than ignored: REPORT_YEARY_CRON would otherwise leave the yearly report on its
 * default while the operator believes it moved.
 */
export function reportSchedules(configured: Readonly<Record<string, string>> = {}): ReportSchedules {
  const unknown = Object.keys(configured).filter((name) => !isReportKindName(name));
  if (unknown.length > 0) {
    const variable = (name: string) => `REPORT_${name.toUpperCase().replace(/-/g, '_')}_CRON`;
    const known = REPORT_KIND_NAMES.map(variable).join(', ');
    throw new ConfigError(unknown.map((name) => `环境变量 ${variable(name)} 不对应任何报告类型(可用:${known}) / ${variable(name)} names no report kind (known: ${known})`));
  }
  return Object.fromEntries(REPORT_KINDS.map((k) => [k.name, configured[k.name] ?? k.schedule.default])) as Record<ReportKindName, string>;
}

/** Each kind's time of day (HH:MM:SS): the first its schedule fires, which is its reports' cut-off. */
export function reportTimes(schedules: ReportSchedules): Readonly<Record<ReportKindName, string>> {
  return Object.fromEntries(REPORT_KINDS.map((k) => [k.name, firstTimeOfDay(schedules[k.name])])) as Record<ReportKindName, string>;
}
