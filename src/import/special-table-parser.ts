// Reads one special-services table (专项服务产品 | 主要服务内容说明) into catalog entries.
import { SPECIAL_SERVICES, type Offering } from '../policy/catalog-codes.ts';
import type { SpecialServiceEntry } from '../policy/catalog.ts';
import { normalizeCellText } from './cell-vocabulary.ts';
import type { ImportIssue } from './import-issue.ts';
import { CODE_HEADERS, addressOf, cellAt, findColumn, resolveService } from './table-helpers.ts';
import type { GridRow } from './workbook-grid.ts';

export const SPECIAL_NAME_HEADERS = ['专项服务产品'];
export const DESCRIPTION_HEADERS = ['主要服务内容说明', '服务内容说明', '服务内容', '说明', '描述'];

export function isSpecialHeader(row: GridRow): boolean {
  return findColumn(row, SPECIAL_NAME_HEADERS) !== null;
}

export function parseSpecialTable(sheet: string, offering: Offering, header: GridRow, rows: GridRow[]) {
  const issues: ImportIssue[] = [];
  const entries: SpecialServiceEntry[] = [];
  const nameCol = findColumn(header, SPECIAL_NAME_HEADERS)!;
  const descCol = findColumn(header, DESCRIPTION_HEADERS);
  const codeCol = findColumn(header, CODE_HEADERS);
  for (const row of rows) {
    const nameCell = cellAt(row, nameCol);
    const label = normalizeCellText(nameCell?.text ?? '');
    if (!label) continue;
    const nameAddress = addressOf(nameCol, row.row);
    const codeCell = codeCol === null ? null : { text: cellAt(row, codeCol)?.text ?? '', address: addressOf(codeCol, row.row) };
    const resolved = resolveService(SPECIAL_SERVICES, sheet, { text: nameCell!.text, address: nameAddress }, codeCell);
    if (!resolved.ok) {
      issues.push(resolved.issue);
      continue;
    }
    entries.push({
      offering,
      service: resolved.code,
      label,
      description: descCol === null ? '' : normalizeCellText(cellAt(row, descCol)?.text ?? ''),
      deliveredBy: resolved.def?.deliveredBy ?? (label.includes('机构提供') ? 'branch' : 'branch_with_hq_tools'),
      source: { sheet, cell: nameAddress },
    });
  }
  return { entries, issues };
}
