// Tables whose rows say "for this offering × tier × service, this value" (部署 | 服务产品 | 服务项目 | value): the
// 服务时间 sheet's calendar assignments and the 解决时限 table. Blank or 全部 in a scope column means any; the
// services are resolved once the whole workbook is read, since they may stand on other sheets.
import { OFFERINGS, TIERS, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../catalog/catalog-names.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { columnCell, findColumn, type ColumnCell } from '../workbook/grid-columns.ts';
import { matchKey } from '../workbook/cell-text.ts';
import { importError, pushOnce, type ImportIssue } from '../workbook/import-issue.ts';
import type { GridRow } from '../workbook/workbook-grid.ts';
import { checkHeaderColumns } from './header-columns.ts';
import { knownServiceCode } from './service-names.ts';
import { isAnyText, OFFERING_COLUMN_HEADERS, SCOPE_OFFERING_HEADERS, SCOPE_TIER_HEADERS, TIER_NAME_HEADERS, offeringOf, tierOf } from './shared-columns.ts';

export const SCOPE_SERVICE_HEADERS = [...TIER_NAME_HEADERS, 'service'];
export const SCOPE_KEY_HEADERS = [SCOPE_OFFERING_HEADERS, SCOPE_TIER_HEADERS, SCOPE_SERVICE_HEADERS];

/** A row as typed: the offering and tier read, the service still text (null: any), and the value's cell. */
export interface ScopeRow {
  row: number;
  offering: Offering | null;
  tier: Tier | null;
  service: ColumnCell | null;
  value: ColumnCell;
  /** false when the offering or tier cell names none we know (already reported): check the value, then skip the row. */
  scopeKnown: boolean;
}

/** A header with the value column and at least one scope column. */
export function isScopeHeader(row: GridRow, valueHeaders: readonly string[]): boolean {
  return findColumn(row, valueHeaders) !== null && SCOPE_KEY_HEADERS.some((names) => findColumn(row, names) !== null);
}

function unknownValue(sheet: string, cell: ColumnCell, what: 'offering' | 'tier'): ImportIssue {
  const known = what === 'offering' ? OFFERINGS.map((o) => OFFERING_COLUMN_HEADERS[o][0]) : TIERS.map((t) => TIER_NAMES[t].zh);
  const [zh, en] = what === 'offering' ? ['部署形态', 'offering'] : ['服务产品', 'tier'];
  return importError({
    code: what === 'offering' ? 'UNKNOWN_OFFERING' : 'UNKNOWN_TIER',
    sheet,
    cell: cell.reportAt,
    found: cell.text,
    expected: `${known.join('、')},或“全部”(留空同此)`,
    expectedEn: `${known.join(', ')}, or 全部 (any; also when blank)`,
    message: `无法识别${zh}“${cell.text}”。`,
    messageEn: `The ${en} "${cell.text}" is not known${what === 'offering' ? ` (${OFFERINGS.map((o) => OFFERING_NAMES[o].product.en).join(' or ')})` : ''}.`,
  });
}

/**
 * The rows of a scoped table, an unknown offering or tier reported (and the row marked). The caller checks the value column is there (`valueColumn` null: no rows) and each value.
 */
export function readScopeRows(sheet: string, header: GridRow, rows: readonly GridRow[], valueHeaders: readonly string[]): { rows: ScopeRow[]; issues: ImportIssue[]; valueColumn: number | null } {
  const issues = checkHeaderColumns(sheet, header, [...SCOPE_KEY_HEADERS, valueHeaders]);
  const [offeringCol, tierCol, serviceCol] = SCOPE_KEY_HEADERS.map((names) => findColumn(header, names));
  const valueColumn = findColumn(header, valueHeaders);
  if (valueColumn === null) return { rows: [], issues, valueColumn };
  const read: ScopeRow[] = [];
  for (const row of rows) {
    const cells = [offeringCol, tierCol, serviceCol, valueColumn].map((col) => columnCell(row, col ?? null));
    const [offeringCell, tierCell, serviceCell, value] = cells as [ColumnCell, ColumnCell, ColumnCell, ColumnCell];
    if (cells.some((c) => c.unreadable) || cells.every((c) => !c.text)) continue;
    const offering = isAnyText(offeringCell.text) ? null : offeringOf(offeringCell.text);
    const tier = isAnyText(tierCell.text) ? null : tierOf(tierCell.text);
    if (offering === null && !isAnyText(offeringCell.text)) pushOnce(issues, unknownValue(sheet, offeringCell, 'offering'));
    if (tier === null && !isAnyText(tierCell.text)) pushOnce(issues, unknownValue(sheet, tierCell, 'tier'));
    // A row whose offering or tier could not be read is reported here; it must not be read as "any".
    const scopeKnown = (offering !== null || isAnyText(offeringCell.text)) && (tier !== null || isAnyText(tierCell.text));
    read.push({ row: row.row, offering, tier, service: isAnyText(serviceCell.text) ? null : serviceCell, value, scopeKnown });
  }
  return { rows: read, issues, valueColumn };
}

/** Service codes and names this workbook's catalog uses, beside docs/domain.md's own. */
export function catalogServiceLookup(catalog: Catalog): (text: string) => string | null {
  const codes = new Map<string, string>();
  for (const e of [...catalog.tierServices, ...catalog.specialServices]) {
    codes.set(e.service, e.service);
    codes.set(matchKey(e.label), e.service);
  }
  return (text) => knownServiceCode(text) ?? codes.get(text) ?? codes.get(matchKey(text)) ?? null;
}

/** The error for a service a scope row names that the catalog does not have. */
export function unknownScopeService(sheet: string, cell: ColumnCell): ImportIssue {
  return importError({
    code: 'UNKNOWN_SERVICE',
    sheet,
    cell: cell.reportAt,
    found: cell.text,
    expected: '服务产品目录或专项服务表中的服务项目名称或代码,或“全部”(留空同此)',
    expectedEn: 'the name or code of a service in the tier or special-services tables, or 全部 (any; also when blank)',
    message: `无法识别服务项目“${cell.text}”。`,
    messageEn: `The service "${cell.text}" is not in the catalog.`,
  });
}

/** A scope in words, for messages about rows that contradict each other. */
export function describeScope(a: { offering: Offering | null; tier: Tier | null; service: string | null }): { zh: string; en: string } {
  return {
    zh: [a.offering ? OFFERING_NAMES[a.offering].product.zh : '全部部署', a.tier ? TIER_NAMES[a.tier].zh : '全部服务产品', a.service ?? '全部服务项目'].join(' / '),
    en: [a.offering ?? 'any offering', a.tier ?? 'any tier', a.service ?? 'any service'].join(' / '),
  };
}

/** Weights rather than a count of keys: service > tier > offering, so rows of different scope never tie. */
export function scopePriority(a: { offering: Offering | null; tier: Tier | null; service: string | null }): number {
  return 1 + Number(a.offering !== null) + 2 * Number(a.tier !== null) + 4 * Number(a.service !== null);
}
