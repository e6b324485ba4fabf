// The spellings people type into a policy workbook's tier cells (docs/domain.md, "Cell vocabulary"), and
// what each one means, in Chinese and English. Everything here is pure text handling so the importer can report
// a bad cell with its address and the form it expected. The words themselves are data, per language:
// cell-words.ts (marks and numbers), cell-windows.ts (windows and coverage), cell-quota.ts (quotas);
// cell-lists.ts splits deliverables. This module decides, per cell kind, which of them a cell may say.

import type { ServiceKind } from '../catalog/catalog-codes.ts';
import { normalizeCellText } from '../workbook/cell-text.ts';
import { splitDeliverables } from './cell-lists.ts';
import { looksLikeQuota, parseQuota } from './cell-quota.ts';
import { isNone, parseMark } from './cell-words.ts';
import { MAX_WINDOW, looksLikeCoverage, looksLikeResponseWindow, parseCoverage, parseResponseWindow } from './cell-windows.ts';

export { splitDeliverables } from './cell-lists.ts';
export { parseChineseNumber } from './cell-words.ts';
export { coverageFromName, parseResolutionTarget, parseStatedWindow } from './cell-windows.ts';

export type CellMeaning =
  | { kind: 'none' }
  | { kind: 'included' }
  | { kind: 'dedicated' }
  | { kind: 'response_window'; amount: number; unit: 'working_day' | 'working_hour' }
  | { kind: 'coverage'; daysPerWeek: number; hoursPerDay: number }
  | { kind: 'quota'; item: string; perYear: number; personDaysEach: number; onsite: boolean }
  | { kind: 'deliverables'; items: string[] };

export type CellParse =
  | { ok: true; meaning: CellMeaning }
  | { ok: false; expected: string; expectedEn: string };

/** The most a response window or resolution target may say, per unit (about three months of working time). */
export const MAX_TARGET = MAX_WINDOW;

interface Expectation {
  expected: string;
  expectedEn: string;
}

const BLANK_ZH = '留空、“-”或“No”表示不包含';
const BLANK_EN = 'blank, “-” or “No” for not included';
const DAY_EXAMPLES = '“1工作日响应”或“Response within 1 working day”';
const HOUR_EXAMPLES = '“4工作小时响应”或“Response within 4 working hours”';
const DAY_EXAMPLES_EN = '“Response within 1 working day” or “1工作日响应”';
const HOUR_EXAMPLES_EN = '“Response within 4 working hours” or “4工作小时响应”';

const EXPECT: Record<Exclude<ServiceKind, 'any'> | 'response_window_days' | 'response_window_hours', Expectation> = {
  inclusion: { expected: `“✓”或“Yes”表示包含,${BLANK_ZH}`, expectedEn: `“✓” or “Yes” for included; ${BLANK_EN}` },
  channel: {
    expected: `“✓”或“Yes”表示包含,“专属坐席”或“Dedicated agent”表示由专属坐席提供,${BLANK_ZH}`,
    expectedEn: `“✓” or “Yes” for included, “Dedicated agent” or “专属坐席” for a dedicated agent; ${BLANK_EN}`,
  },
  response_window: {
    expected: `响应时限(大于0),如“1工作日响应”、“0.5工作日响应”、“4工作小时响应”、“Response within 1 working day”或“Response within 4 working hours”;${BLANK_ZH}`,
    expectedEn: `a response window greater than 0, e.g. “Response within 1 working day”, “Response within 0.5 working day”, “Response within 4 working hours”, “1工作日响应” or “4工作小时响应”; ${BLANK_EN}`,
  },
  coverage: {
    expected: `服务时段“每周天数*每天小时数”,如“5*8小时”、“7*12小时”或“7x12 hours”(天数1-7,小时数1-24);${BLANK_ZH}`,
    expectedEn: `service hours as “days a week x hours a day”, e.g. “5x8”, “7x12 hours” or “5*8小时” (1-7 days, 1-24 hours); ${BLANK_EN}`,
  },
  quota: {
    expected: `次数限制,如“代码诊断(限一年两次,2人天/次,非现场)”或“Code diagnosis (twice a year, 2 person-days each, remote)”;${BLANK_ZH}`,
    expectedEn: `a yearly quota, e.g. “Code diagnosis (twice a year, 2 person-days each, remote)” or “代码诊断(限一年两次,2人天/次,非现场)”; ${BLANK_EN}`,
  },
  response_window_days: {
    expected: `不超过${MAX_WINDOW.working_day}个工作日的响应时限,如${DAY_EXAMPLES};${BLANK_ZH}`,
    expectedEn: `a response window of at most ${MAX_WINDOW.working_day} working days, e.g. ${DAY_EXAMPLES_EN}; ${BLANK_EN}`,
  },
  response_window_hours: {
    expected: `不超过${MAX_WINDOW.working_hour}个工作小时的响应时限,如${HOUR_EXAMPLES};${BLANK_ZH}`,
    expectedEn: `a response window of at most ${MAX_WINDOW.working_hour} working hours, e.g. ${HOUR_EXAMPLES_EN}; ${BLANK_EN}`,
  },
  deliverables: {
    expected: `交付内容,如“1、产品更新升级技术指导 2、提供服务工具”或“1. Upgrade guidance 2. Service tools”,或“✓”;${BLANK_ZH}`,
    expectedEn: `the deliverables, e.g. “1. Upgrade guidance 2. Service tools” or “1、产品更新升级技术指导 2、提供服务工具”, or “✓”; ${BLANK_EN}`,
  },
};

function ok(meaning: CellMeaning): CellParse {
  return { ok: true, meaning };
}

function fail(expectation: Expectation): CellParse {
  return { ok: false, ...expectation };
}

function deliverables(text: string): CellParse {
  const items = splitDeliverables(text);
  return items.length > 0 ? ok({ kind: 'deliverables', items }) : fail(EXPECT.deliverables);
}

function responseWindow(norm: string): CellParse | null {
  const window = parseResponseWindow(norm);
  if (window === null) return null;
  if ('tooLong' in window) return fail(window.tooLong === 'working_day' ? EXPECT.response_window_days : EXPECT.response_window_hours);
  return ok({ kind: 'response_window', ...window });
}

function coverage(norm: string): CellMeaning | null {
  const stated = parseCoverage(norm);
  return stated && { kind: 'coverage', ...stated };
}

function quota(norm: string): CellMeaning | null {
  const stated = parseQuota(norm);
  return stated && { kind: 'quota', ...stated };
}

export function parseTierCell(text: string, kind: ServiceKind): CellParse {
  const norm = normalizeCellText(text);
  if (isNone(norm)) return ok({ kind: 'none' });
  const mark = parseMark(norm);
  switch (kind) {
    case 'inclusion':
      return mark?.kind === 'included' ? ok(mark) : fail(EXPECT.inclusion);
    case 'channel':
      return mark ? ok(mark) : fail(EXPECT.channel);
    case 'response_window':
      return responseWindow(norm) ?? fail(EXPECT.response_window);
    case 'coverage': {
      const meaning = coverage(norm);
      return meaning ? ok(meaning) : fail(EXPECT.coverage);
    }
    case 'quota': {
      const meaning = quota(norm);
      return meaning ? ok(meaning) : fail(EXPECT.quota);
    }
    case 'deliverables':
      return mark ? ok(mark) : deliverables(text);
    case 'any':
      return parseAny(text, norm, mark);
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown service kind: ${String(unknown)}`);
    }
  }
}

// A new item has no declared kind, so the cell's own shape decides; a cell that has the shape of a
// structured value but fails its rules is an error, not free text, so typos surface.
function parseAny(text: string, norm: string, mark: CellMeaning | null): CellParse {
  if (mark) return ok(mark);
  const response = responseWindow(norm);
  if (response) return response;
  if (looksLikeResponseWindow(norm)) return fail(EXPECT.response_window);
  const stated = coverage(norm);
  if (stated) return ok(stated);
  if (looksLikeCoverage(norm)) return fail(EXPECT.coverage);
  const meaning = quota(norm);
  if (meaning) return ok(meaning);
  if (looksLikeQuota(norm)) return fail(EXPECT.quota);
  return deliverables(text);
}
