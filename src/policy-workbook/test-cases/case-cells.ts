// The words a 测试用例 row is typed in, both ways: what each cell may say and what it means, and how a case is
// written back so that it reads the same again. Pure text handling; the decision itself is src/entitlement's.
import type { Channel, ResponseWindow } from '../../catalog/catalog.ts';
import { formatShanghai, InvalidInstantError, parseInstant } from '../../calendar/instants.ts';
import { matchKey, normalizeCellText } from '../../workbook/cell-text.ts';
import { parseStatedWindow } from '../cell-vocabulary.ts';

/**
 * The reasons a case may expect, with the words a policy owner types for each (the first is what the export
 * writes). They are the decision's reason codes (src/entitlement/reasons.ts, above this folder, checks that each
 * is one of its own); NO_ACTIVE_POLICY is none of a workbook's business, its cases run against itself.
 */
export const CASE_REASONS = {
  NOT_IN_TIER: ['服务产品不包含', '不在服务产品内', '不含', '未包含'],
  NOT_OFFERED: ['目录中没有', '未提供', '不提供'],
  ON_PREMISE_ONLY: ['仅面向私有云', '仅私有云', '仅限私有云'],
  NOT_PURCHASED: ['未购买', '合同未购买'],
  QUOTA_EXHAUSTED: ['额度已用完', '次数已用完', '额度用完'],
  CONTRACT_INACTIVE: ['不在合同有效期内', '合同未生效'],
} as const;

export type CaseReason = keyof typeof CASE_REASONS;

/** The same reasons as an international office types them (the first is the English export's word). */
export const CASE_REASONS_EN: Record<CaseReason, readonly string[]> = {
  NOT_IN_TIER: ['Not in tier', 'Not in the tier', 'Not included in tier', 'Not included in the tier', 'Not included'],
  NOT_OFFERED: ['Not offered', 'Not in catalog', 'Not in the catalog', 'Not in catalogue', 'Not in the catalogue'],
  ON_PREMISE_ONLY: ['On premise only', 'On-premise only', 'On premises only', 'Private cloud only'],
  NOT_PURCHASED: ['Not purchased', 'Not bought'],
  QUOTA_EXHAUSTED: ['Quota used up', 'Quota exhausted', 'No quota left'],
  CONTRACT_INACTIVE: ['Outside the contract', 'Outside the contract term', 'Contract inactive', 'Contract not active', 'Contract not in force'],
};

const key = (text: string) => matchKey(normalizeCellText(text));
const keys = (...words: string[]) => new Set(words.map(key));

const YES = keys('✓', '√', '✔', '☑', '✅', '是', '有权', 'y', 'yes', 'true', 'entitled');
const NO = keys('✗', '×', '✕', '✘', '❌', '否', '无权', 'n', 'no', 'false', 'not entitled');
/** Expects nothing of the kind: no channel, no window, no deadline, no quota. */
const NONE = keys('无', '没有', '-', '—', 'none', 'n/a', '不适用', 'not applicable', 'nil');

/** 无 and its spellings: the case expects none of the thing (no channel, window, deadline or quota). */
export const isNoneText = (text: string) => NONE.has(key(text));

export function parseMark(text: string): boolean | null {
  const k = key(text);
  return YES.has(k) ? true : NO.has(k) ? false : null;
}

export function parseReason(text: string): CaseReason | null {
  const k = key(text);
  for (const [code, words] of Object.entries(CASE_REASONS) as [CaseReason, readonly string[]][]) {
    if (k === key(code) || [...words, ...CASE_REASONS_EN[code]].some((w) => key(w) === k)) return code;
  }
  return null;
}

const CHANNELS: Record<Channel, readonly string[]> = {
  standard: ['标准坐席', '标准', '普通', '标准座席', 'standard', 'standard agent', 'standard seat', 'regular'],
  dedicated: ['专属坐席', '专属座席', '专属', 'dedicated', 'dedicated agent', 'dedicated seat'],
};

/** undefined: not a channel; null: 无. */
export function parseChannel(text: string): Channel | null | undefined {
  const k = key(text);
  if (isNoneText(k)) return null;
  return (Object.keys(CHANNELS) as Channel[]).find((c) => CHANNELS[c].some((w) => key(w) === k));
}

/** "1工作日响应", "4工作小时", "Response within 4 working hours", "0.5 working day", "无"; undefined when none of them. */
export function parseWindow(text: string): ResponseWindow | null | undefined {
  if (isNoneText(text)) return null;
  const window = parseStatedWindow(text);
  return window === null || 'tooLong' in window ? undefined : window;
}

/** A count of uses: a whole number from 0 (null for 无 where `none` allows it); undefined when it is not one. */
export function parseCount(text: string, none: boolean): number | null | undefined {
  const norm = normalizeCellText(text);
  if (none && isNoneText(norm)) return null;
  if (!/^\d{1,4}$/u.test(norm)) return undefined;
  return Number(norm);
}

const WALL_TIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{2}))?$/u;

/**
 * Shanghai wall time as typed (2026-03-02 10:00, 2026/3/2 10:00, or a date alone for midnight, as Excel's date cells
 * read) to an ISO instant with +08:00; null when it is no such time.
 */
export function parseWallTime(text: string): string | null {
  const m = WALL_TIME.exec(normalizeCellText(text));
  if (!m) return null;
  const two = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  // Date rolls 2 月 30 日 into March; a day the month does not have is a typo.
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  const iso = `${m[1]}-${two(m[2])}-${two(m[3])}T${two(m[4])}:${two(m[5])}:00+08:00`;
  try {
    parseInstant(iso);
  } catch (err) {
    if (err instanceof InvalidInstantError) return null;
    throw err;
  }
  return iso;
}

/** An instant written back as Shanghai wall time, to the minute. */
export const wallTimeText = (iso: string) => formatShanghai(iso);

export const markText = (b: boolean) => (b ? '✓' : '✗');
export const reasonText = (code: string) => CASE_REASONS[code as CaseReason]?.[0] ?? code;
export const channelText = (c: Channel | null) => (c === null ? '无' : CHANNELS[c][0]!);
export const windowText = (w: ResponseWindow | null) => (w === null ? '无' : `${w.amount}${w.unit === 'working_day' ? '工作日' : '工作小时'}响应`);
export const countText = (n: number | null) => (n === null ? '无' : String(n));
