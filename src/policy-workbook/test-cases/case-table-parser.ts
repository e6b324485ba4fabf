// Reads one 测试用例 table (部署 | 服务产品 | 服务项目 | 时间 | contract facts | 期望 columns), wherever it stands: each
// row one question the workbook must answer as stated. Every bad cell is reported at its address; services are
// resolved once the whole workbook is read (case-checks.ts), since they may stand on other sheets.
import type { Offering, Tier } from '../../catalog/catalog-codes.ts';
import type { TestCaseExpectation } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import { columnCell, findColumn, type ColumnCell } from '../../workbook/grid-columns.ts';
import { importError, type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { checkHeaderColumns, missingColumn } from '../header-columns.ts';
import { columnWords } from '../column-words.ts';
import { SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, TIER_NAME_WORDS, offeringOf, tierOf } from '../shared-columns.ts';
import { isNoneText, parseChannel, parseCount, parseMark, parseReason, parseWallTime, parseWindow } from './case-cells.ts';

/** Each column's words, Chinese and English; the first of a language is what the export writes in it. */
export const CASE_COLUMN_WORDS = {
  offering: SCOPE_OFFERING_WORDS,
  tier: SCOPE_TIER_WORDS,
  service: TIER_NAME_WORDS,
  at: columnWords(['时间', '请求时间', '报障时间', '提出时间', '时刻'], ['Time', 'At', 'Requested at', 'Reported at']),
  used: columnWords(['已用次数', '合同已用次数', '本年度已用次数'], ['Used', 'Times used', 'Used this year']),
  purchased: columnWords(['已购买', '合同已购买', '已购专项'], ['Purchased', 'Bought']),
  entitled: columnWords(['期望有权', '有权', '期望:有权', '是否有权', '预期有权'], ['Expected entitled', 'Entitled', 'Expect entitled']),
  reason: columnWords(['期望原因', '原因', '期望:原因', '预期原因'], ['Expected reason', 'Reason']),
  channel: columnWords(['期望渠道', '渠道', '期望:渠道', '预期渠道'], ['Expected channel', 'Channel']),
  responseWindow: columnWords(['期望响应时限', '响应时限', '期望:响应时限', '预期响应时限'], ['Expected response window', 'Response window']),
  respondBy: columnWords(['期望截止时间', '截止时间', '期望:截止时间', '响应截止时间', '预期截止时间'], ['Expected respond by', 'Respond by', 'Expected deadline', 'Deadline']),
  remaining: columnWords(['期望剩余次数', '剩余次数', '期望:剩余次数', '预期剩余次数'], ['Expected remaining', 'Remaining', 'Expected uses left']),
} as const;

/** Each column's accepted names in every language, the first the one the Chinese export writes. */
export const CASE_COLUMNS = Object.fromEntries(Object.entries(CASE_COLUMN_WORDS).map(([column, words]) => [column, words.all])) as Record<
  keyof typeof CASE_COLUMN_WORDS,
  readonly string[]
>;

type Column = keyof typeof CASE_COLUMNS;
type Expectation = keyof TestCaseExpectation;
export const EXPECTATIONS: readonly Expectation[] = ['entitled', 'reason', 'channel', 'responseWindow', 'respondBy', 'remaining'];

/** A row as typed: everything read but the service, still text. */
export interface PendingCase {
  offering: Offering;
  tier: Tier;
  service: ColumnCell;
  at: string;
  used: number | null;
  purchased: boolean;
  expect: TestCaseExpectation;
  cells: Partial<Record<Expectation, string>>;
  source: CellRef;
}

/**
 * A header with a 时间 column, a 服务项目 column, a 部署 or 服务产品 column and at least one 期望 column: no other
 * table has them all, and someone's notes (服务项目 | 时间 | 渠道) are not taken for cases.
 */
export function isCaseHeader(row: GridRow): boolean {
  return (
    findColumn(row, CASE_COLUMNS.at) !== null &&
    findColumn(row, CASE_COLUMNS.service) !== null &&
    (findColumn(row, CASE_COLUMNS.offering) !== null || findColumn(row, CASE_COLUMNS.tier) !== null) &&
    EXPECTATIONS.some((e) => findColumn(row, CASE_COLUMNS[e]) !== null)
  );
}

/** What each column must say, for the error at a bad cell. */
const EXPECTED: Record<Exclude<Column, 'service'>, { zh: string; en: string; what: [string, string] }> = {
  offering: { zh: '公有云 或 私有云', en: '公有云 (cloud) or 私有云 (on premise)', what: ['部署形态', 'offering'] },
  tier: { zh: '基础服务、优选服务 或 尊享服务', en: '基础服务, 优选服务 or 尊享服务 (basic, preferred, premium)', what: ['服务产品', 'tier'] },
  at: { zh: '北京时间,如“2026-03-02 10:00”或“2026-03-02”(零点)', en: 'Asia/Shanghai wall time, e.g. “2026-03-02 10:00”, or a date for midnight', what: ['时间', 'time'] },
  used: { zh: '0 或正整数,如“1”', en: 'a whole number from 0, e.g. “1”', what: ['已用次数', 'uses so far'] },
  purchased: { zh: '✓(已购买)或留空', en: '✓ (bought) or blank', what: ['已购买', 'purchased'] },
  entitled: { zh: '✓(有权)或 ✗(无权)', en: '✓ (entitled) or ✗ (not entitled)', what: ['期望有权', 'expected entitlement'] },
  reason: { zh: '未购买、仅面向私有云、服务产品不包含、目录中没有、额度已用完、不在合同有效期内,或其代码', en: 'a decision reason such as 未购买 (NOT_PURCHASED) or 仅面向私有云 (ON_PREMISE_ONLY), or its code', what: ['期望原因', 'expected reason'] },
  channel: { zh: '标准坐席、专属坐席 或 无', en: '标准坐席 (standard), 专属坐席 (dedicated) or 无 (none)', what: ['期望渠道', 'expected channel'] },
  responseWindow: { zh: '响应时限,如“1工作日响应”“4工作小时响应”,或 无', en: 'a response window such as “1工作日响应” or “4工作小时响应”, or 无 (none)', what: ['期望响应时限', 'expected response window'] },
  respondBy: { zh: '北京时间,如“2026-03-03 10:00”,或 无', en: 'Asia/Shanghai wall time such as “2026-03-03 10:00”, or 无 (none)', what: ['期望截止时间', 'expected deadline'] },
  remaining: { zh: '0 或正整数,或 无', en: 'a whole number from 0, or 无 (none)', what: ['期望剩余次数', 'expected uses left'] },
};

function badCell(sheet: string, cell: ColumnCell, column: Exclude<Column, 'service'>): ImportIssue {
  const e = EXPECTED[column];
  return importError({
    code: cell.text ? 'BAD_CELL' : 'MISSING_CASE_VALUE',
    sheet,
    cell: cell.reportAt,
    found: cell.text || undefined,
    expected: e.zh,
    expectedEn: e.en,
    message: cell.text ? `测试用例的${e.what[0]}“${cell.text}”无法识别。` : `这个测试用例没有写${e.what[0]}。`,
    messageEn: cell.text ? `The test case's ${e.what[1]} "${cell.text}" cannot be read.` : `This test case states no ${e.what[1]}.`,
  });
}

/** Each expectation's reading of its cell; undefined from a reader means the cell says no such thing. */
const READERS: { [E in Expectation]: (text: string) => TestCaseExpectation[E] | undefined } = {
  entitled: (t) => parseMark(t) ?? undefined,
  reason: (t) => parseReason(t) ?? undefined,
  channel: parseChannel,
  responseWindow: parseWindow,
  respondBy: (t) => (isNoneText(t) ? null : (parseWallTime(t) ?? undefined)),
  remaining: (t) => parseCount(t, true),
};

export function parseCaseTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: PendingCase[]; issues: ImportIssue[] } {
  const names = Object.values(CASE_COLUMNS);
  const issues = checkHeaderColumns(sheet, header, names);
  const col = Object.fromEntries((Object.keys(CASE_COLUMNS) as Column[]).map((c) => [c, findColumn(header, CASE_COLUMNS[c])])) as Record<Column, number | null>;
  for (const required of ['offering', 'tier'] as const) {
    if (col[required] === null) issues.push(missingColumn(sheet, header, CASE_COLUMNS[required], { zh: '测试用例', en: 'test case' }));
  }
  if (col.offering === null || col.tier === null) return { entries: [], issues };

  const entries: PendingCase[] = [];
  for (const row of rows) {
    const cells = Object.fromEntries((Object.keys(col) as Column[]).map((c) => [c, columnCell(row, col[c])])) as Record<Column, ColumnCell>;
    const all = Object.values(cells);
    if (all.some((c) => c.unreadable) || all.every((c) => !c.text)) continue;
    // A merged cell is one value: a bad one is reported once, where it is edited, but fails every row it covers.
    let failed = false;
    const refuse = (issue: ImportIssue) => {
      failed = true;
      pushOnce(issues, issue);
    };
    const need = <T>(column: Exclude<Column, 'service'>, value: T | null | undefined): T | undefined => {
      if (value === null || value === undefined) refuse(badCell(sheet, cells[column], column));
      return value ?? undefined;
    };
    const offering = need('offering', offeringOf(cells.offering.text));
    const tier = need('tier', tierOf(cells.tier.text));
    const at = need('at', parseWallTime(cells.at.text));
    if (!cells.service.text) refuse(missingService(sheet, cells.service.reportAt || cells.offering.reportAt));
    // Stryker disable next-line BooleanLiteral: read with none allowed, 无 gives null, which need() refuses as it refuses an unread count
    const used = cells.used.text ? need('used', parseCount(cells.used.text, false)) : null;
    const purchased = cells.purchased.text ? need('purchased', parseMark(cells.purchased.text)) : false;
    const expect: TestCaseExpectation = {};
    const expectedAt: Partial<Record<Expectation, string>> = {};
    for (const e of EXPECTATIONS) {
      const cell = cells[e];
      if (!cell.text) continue;
      const value = READERS[e](cell.text);
      if (value === undefined) {
        refuse(badCell(sheet, cell, e));
        continue;
      }
      (expect as Record<string, unknown>)[e] = value;
      expectedAt[e] = cell.address;
    }
    if (Object.keys(expect).length === 0 && !failed) refuse(noExpectation(sheet, row, cells.offering));
    // Every value needed was read when nothing failed.
    if (failed) continue;
    entries.push({
      offering: offering!,
      tier: tier!,
      service: cells.service,
      at: at!,
      used: used ?? null,
      purchased: purchased === true,
      expect,
      cells: expectedAt,
      source: { sheet, cell: cells.offering.address },
    });
  }
  return { entries, issues };
}

function missingService(sheet: string, cell: string): ImportIssue {
  return importError({
    code: 'MISSING_CASE_VALUE',
    sheet,
    cell,
    expected: '服务项目名称或代码,如“紧急故障处理”',
    expectedEn: 'the name or code of a service, e.g. 紧急故障处理 (emergency_fault)',
    message: '这个测试用例没有写服务项目。',
    messageEn: 'This test case names no service.',
  });
}

function noExpectation(sheet: string, row: GridRow, first: ColumnCell): ImportIssue {
  return importError({
    code: 'CASE_EXPECTS_NOTHING',
    sheet,
    cell: first.reportAt,
    expected: '至少一个期望列有内容:期望有权、期望原因、期望渠道、期望响应时限、期望截止时间、期望剩余次数',
    expectedEn: 'at least one expectation: 期望有权, 期望原因, 期望渠道, 期望响应时限, 期望截止时间 or 期望剩余次数',
    message: `第 ${row.row} 行的测试用例没有写任何期望,无从检查。`,
    messageEn: `The test case in row ${row.row} expects nothing, so there is nothing to check.`,
  });
}
