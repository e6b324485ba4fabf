// Reads one 解决时限 table (部署 | 服务产品 | 服务项目 | 解决时限), wherever it stands: each row a scope and how long
// requests in it may take to resolve. Services are resolved once the whole workbook is read (resolution-checks.ts).
import type { Offering, Tier } from '../../catalog/catalog-codes.ts';
import type { ResponseWindow } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import { MAX_TARGET, parseResolutionTarget } from '../cell-vocabulary.ts';
import { missingColumn } from '../header-columns.ts';
import { isScopeHeader, readScopeRows } from '../scope-rows.ts';
import { importError, type ImportIssue } from '../../workbook/import-issue.ts';
import type { ColumnCell } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { columnWords } from '../column-words.ts';

export const RESOLUTION_WORDS = columnWords(['解决时限', '解决时间', '解决目标', '解决时效'], ['Resolution target', 'Resolution', 'Resolution time', 'Resolve within']);
export const RESOLUTION_HEADERS = RESOLUTION_WORDS.all;

/** A row as typed: the target read, the service still text. */
export interface PendingTarget {
  offering: Offering | null;
  tier: Tier | null;
  service: ColumnCell | null;
  window: ResponseWindow;
  source: CellRef;
}

export function isResolutionHeader(row: GridRow): boolean {
  return isScopeHeader(row, RESOLUTION_HEADERS);
}

function badTarget(sheet: string, cell: ColumnCell, tooLong: ResponseWindow['unit'] | null): ImportIssue {
  const limit = tooLong === 'working_day' ? `不超过 ${MAX_TARGET.working_day} 个工作日` : tooLong ? `不超过 ${MAX_TARGET.working_hour} 个工作小时` : '';
  const limitEn = tooLong === 'working_day' ? ` of at most ${MAX_TARGET.working_day} working days` : tooLong ? ` of at most ${MAX_TARGET.working_hour} working hours` : '';
  return importError({
    code: cell.text ? 'BAD_CELL' : 'MISSING_RESOLUTION_TARGET',
    sheet,
    cell: cell.reportAt,
    found: cell.text || undefined,
    expected: `解决时限${limit},如“2个工作日”、“8工作小时内解决”或“一个半工作日”`,
    expectedEn: `a resolution target${limitEn}, e.g. “2个工作日” (2 working days), “8工作小时内解决” (8 working hours) or “一个半工作日”`,
    message: cell.text ? `无法识别解决时限“${cell.text}”。` : '这一行没有写解决时限。',
    messageEn: cell.text ? `The resolution target "${cell.text}" cannot be read.` : 'This row states no resolution target.',
  });
}

export function parseResolutionTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: PendingTarget[]; issues: ImportIssue[] } {
  const read = readScopeRows(sheet, header, rows, RESOLUTION_HEADERS);
  const issues = read.issues;
  if (read.valueColumn === null) return { entries: [], issues: [...issues, missingColumn(sheet, header, RESOLUTION_HEADERS, { zh: '解决时限', en: 'resolution target' })] };
  const entries: PendingTarget[] = [];
  for (const { offering, tier, service, value, scopeKnown } of read.rows) {
    const target = parseResolutionTarget(value.text);
    if (target === null || 'tooLong' in target) {
      issues.push(badTarget(sheet, value, target === null ? null : target.tooLong));
      continue;
    }
    if (!scopeKnown) continue;
    entries.push({ offering, tier, service, window: target, source: { sheet, cell: value.address } });
  }
  return { entries, issues };
}
