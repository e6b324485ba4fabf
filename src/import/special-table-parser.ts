// Reads one special-services table (专项服务产品 | 主要服务内容说明) into catalog entries.
import { SPECIAL_SERVICES, type Offering } from '../policy/catalog-codes.ts';
import type { SpecialServiceEntry } from '../policy/catalog.ts';
import { normalizeCellText } from './cell-vocabulary.ts';
import { importError, type ImportIssue } from './import-issue.ts';
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
    if (nameCell?.unreadable) continue; // already reported where it stands
    const nameAddress = addressOf(nameCol, row.row);
    const codeCell = codeCol === null ? null : { text: cellAt(row, codeCol)?.text ?? '', address: addressOf(codeCol, row.row) };
    if (!label) {
      // A row with a description or a code but no name is a service someone meant to list: never drop it silently.
      const filled = [descCol, codeCol].some((col) => col !== null && normalizeCellText(cellAt(row, col)?.text ?? '') !== '');
      if (filled) {
        issues.push(
          importError({
            code: 'MISSING_SERVICE_NAME',
            sheet,
            cell: nameAddress,
            expected: '专项服务产品名称',
            expectedEn: 'the name of the special service',
            message: `第 ${row.row} 行填写了专项服务内容,但没有专项服务产品名称。`,
            messageEn: `Row ${row.row} describes a special service but has no name.`,
          }),
        );
      }
      continue;
    }
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
