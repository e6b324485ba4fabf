// The pieces reports are made of, as plain values: figures, breaches, month bars, advice, open requests. Each
// kind's report (src/report/kinds/<kind>/) is built from them by its builder and rendered to e-mail HTML, plain
// text and xlsx. Instants are UTC ISO-8601; dates are Shanghai calendar dates.
import type { Offering, Tier } from '../catalog/catalog-codes.ts';

/** How requests of a period fared, as of the report's cut-off. */
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
  /** Null: still unanswered at the report's cut-off. */
  respondedAt: string | null;
  /** Working hours past the deadline (to the response, or to the report's cut-off when unanswered). */
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
  /** The rule that proposed it; `expert` for a line an expert wrote or reworded. */
  code: string;
  /** The service it recommends, when it recommends one. */
  service: string | null;
  zh: string;
  en: string;
}

/**
 * Whose advice a yearly report carries:
 * - `expert`: 尊享, approved by a headquarters expert (`reviewer`), shown under 总部专家建议;
 * - `system`: 尊享, sent with the rules' lines because nobody reviewed them in time (系统建议);
 * - `draft`: 尊享, waiting in the review queue (only ever shown on the managers' and experts' pages);
 * - `suggestions`: 优选, the rules' findings as 服务建议, never reviewed.
 */
export type AdviceHeading = 'expert' | 'system' | 'draft' | 'suggestions';

export interface AdviceBlock {
  heading: AdviceHeading;
  lines: AdviceLine[];
  /** The expert who approved the lines, and when (heading `expert`). */
  reviewer?: { name: string; at: string } | null;
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
  /** Working hours left to the deadline at the report's cut-off. */
  workingHoursLeft: number;
  /** The whole window in working hours. */
  windowHours: number;
}

export interface RenderedReport {
  subject: string;
  html: string;
  text: string;
}
