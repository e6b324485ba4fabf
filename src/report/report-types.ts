// The reports as plain values: built from the database by the report builders, rendered to e-mail HTML,
// plain text and xlsx by the renderers. Instants are UTC ISO-8601; dates are Shanghai calendar dates.
import type { Offering, Tier } from '../policy/catalog-codes.ts';

export type ReportJob = 'yearly' | 'monthly' | 'at-risk';
export const REPORT_JOBS: readonly ReportJob[] = ['yearly', 'monthly', 'at-risk'];

/** How requests of a period fared, as of the moment the report was generated. */
export interface ComplianceFigures {
  /** Requests opened in the period. */
  requests: number;
  /** Answered by their deadline. */
  met: number;
  /** Answered late, or unanswered with the deadline passed. */
  breached: number;
  /** Unanswered with the deadline still ahead. */
  open: number;
  /** Requests of services without a response window (counted, never judged). */
  withoutWindow: number;
  /** met / (met + breached) in basis points (10000 = 100%); null when nothing was judged yet. */
  metBasisPoints: number | null;
  /** Median working hours from arrival to response over answered requests; null when none was answered. */
  medianHoursToRespond: number | null;
}

export interface ServiceFigures extends ComplianceFigures {
  service: string;
  /** The service's name in the catalog (Chinese), e.g. 紧急故障处理. */
  name: string;
}

/** One request that missed its deadline. */
export interface BreachLine {
  requestId: number;
  customerName: string;
  offering: Offering;
  tier: Tier;
  service: string;
  serviceName: string;
  openedAt: string;
  respondBy: string;
  /** Null: still unanswered when the report was made. */
  respondedAt: string | null;
  /** Working hours past the deadline (to the response, or to the report's moment when unanswered). */
  hoursLate: number;
}

export interface MonthBar {
  /** YYYY-MM (Shanghai). */
  month: string;
  requests: number;
  met: number;
  breached: number;
  open: number;
  withoutWindow: number;
  /** Bar lengths in whole percent of the busiest month, for a chart made of table cells (0–100). */
  metWidth: number;
  breachedWidth: number;
  otherWidth: number;
}

/** One item of what the tier grants, as the decisions put it. */
export interface EntitlementLine {
  service: string;
  name: string;
  /** What the policy grants in words, e.g. 4工作小时响应, 专属坐席, 代码诊断(限一年四次,2人天/次,非现场). */
  grant: string;
}

export interface QuotaLine {
  service: string;
  name: string;
  /** Times a contract year; null = unlimited. */
  allowed: number | null;
  used: number;
  remaining: number | null;
  personDaysEach: number | null;
}

/** One piece of advice from the expert-advice rules, its text filled in from the year's facts. */
export interface AdviceLine {
  code: string;
  /** The service it recommends, when it recommends one. */
  service: string | null;
  zh: string;
  en: string;
}

export interface YearlyReport {
  kind: 'yearly';
  contract: { id: number; customerName: string; offering: Offering; tier: Tier; startsOn: string; endsOn: string };
  /** The contract year covered, both ends inclusive. */
  period: { start: string; end: string };
  generatedAt: string;
  /** The policy version that was in force on the year's last day. */
  policyVersion: number;
  entitlements: EntitlementLine[];
  quotas: QuotaLine[];
  totals: ComplianceFigures;
  byService: ServiceFigures[];
  breaches: BreachLine[];
  months: MonthBar[];
  /** 尊享: 总部专家建议; 优选: service suggestions; each from the expert-advice rules. */
  advice: { heading: 'expert' | 'suggestions'; lines: AdviceLine[] };
  /** The facts the advice rules saw, shown in the xlsx and kept for review. */
  facts: Record<string, number | string>;
}

export interface GroupFigures extends ComplianceFigures {
  offering: Offering;
  tier: Tier;
}

/** An unanswered request as the at-risk list shows it. */
export interface OpenRequestLine {
  requestId: number;
  contractId: number;
  customerName: string;
  offering: Offering;
  tier: Tier;
  service: string;
  serviceName: string;
  summary: string;
  openedAt: string;
  respondBy: string;
  /** Working hours left to the deadline at the report's moment. */
  workingHoursLeft: number;
  /** The whole window in working hours. */
  windowHours: number;
}

export interface MonthlyReport {
  kind: 'monthly';
  /** YYYY-MM (Shanghai). */
  month: string;
  generatedAt: string;
  /** Every offering × tier, those without requests included, in catalog order. */
  groups: GroupFigures[];
  totals: ComplianceFigures;
  /** The worst breaches of the month, the latest first, at most 10. */
  worst: BreachLine[];
  /** Requests still unanswered and at risk at the report's moment (any month). */
  atRisk: OpenRequestLine[];
}

export interface AtRiskAlert {
  kind: 'at-risk';
  generatedAt: string;
  request: OpenRequestLine;
}

export type Report = YearlyReport | MonthlyReport | AtRiskAlert;

export interface RenderedReport {
  subject: string;
  html: string;
  text: string;
}
