// Reads one special-services table (专项服务产品 | 主要服务内容说明 [| 公有云 | 私有云]) into catalog entries.
import { OFFERINGS, type Offering } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES } from '../../catalog/catalog-names.ts';
import type { SpecialServiceEntry } from '../../catalog/catalog.ts';
import { parseTierCell } from '../cell-vocabulary.ts';
import { normalizeCellText } from '../../workbook/cell-text.ts';
import { checkHeaderColumns } from '../header-columns.ts';
import { importError, importWarning, type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import { CODE_HEADERS, resolveService } from '../service-names.ts';
import { addressOf } from '../../workbook/xlsx-refs.ts';
import { cellAt, findColumn } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { DESCRIPTION_HEADERS, OFFERING_COLUMN_HEADERS, SPECIAL_NAME_HEADERS } from '../shared-columns.ts';

export function isSpecialHeader(row: GridRow): boolean {
  return findColumn(row, SPECIAL_NAME_HEADERS) !== null;
}

export interface SpecialTableResult {
  entries: SpecialServiceEntry[];
  issues: ImportIssue[];
}

/**
 * `offering` is the one the sheet or the titles name; a table with offering columns ignores it and
 * lists each row under every offering it marks.
 */
export function parseSpecialTable(sheet: string, offering: Offering, header: GridRow, rows: GridRow[]): SpecialTableResult {
  const issues = checkHeaderColumns(sheet, header, [SPECIAL_NAME_HEADERS, DESCRIPTION_HEADERS, CODE_HEADERS, ...OFFERINGS.map((o) => OFFERING_COLUMN_HEADERS[o])]);
  const entries: SpecialServiceEntry[] = [];
  const nameCol = findColumn(header, SPECIAL_NAME_HEADERS)!;
  const descCol = findColumn(header, DESCRIPTION_HEADERS);
  const codeCol = findColumn(header, CODE_HEADERS);
  const offeringCols = OFFERINGS.map((o) => ({ offering: o, col: findColumn(header, OFFERING_COLUMN_HEADERS[o]) }));
  const present = offeringCols.filter((c): c is { offering: Offering; col: number } => c.col !== null);
  if (present.length === 1) {
    issues.push(missingOfferingColumn(sheet, header, nameCol, offeringCols.find((c) => c.col === null)!.offering));
    return { entries, issues };
  }
  for (const row of rows) {
    const nameCell = cellAt(row, nameCol);
    const label = normalizeCellText(nameCell?.text ?? '');
    if (nameCell?.unreadable) continue; // already reported where it stands
    const nameAddress = addressOf(nameCol, row.row);
    // Stryker disable next-line ConditionalExpression: a code cell of no column reads '', which resolveService takes as no code
    const codeCell = codeCol === null ? null : { text: cellAt(row, codeCol)?.text ?? '', address: addressOf(codeCol, row.row) };
    if (!label) {
      // A row with a description or a code but no name is a service someone meant to list: never drop it silently.
      // Stryker disable next-line ConditionalExpression: a column that is not there has no cell, so reads blank anyway
      const filled = [descCol, codeCol, ...present.map((c) => c.col)].some((col) => col !== null && normalizeCellText(cellAt(row, col)?.text ?? '') !== '');
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
    const resolved = resolveService('special_services', sheet, { text: nameCell!.text, address: nameAddress }, codeCell);
    if (!resolved.ok) {
      issues.push(resolved.issue);
      continue;
    }
    const offerings = present.length === 0 ? [offering] : markedOfferings(sheet, row, label, present, issues);
    if (offerings === null) continue;
    if (offerings.length === 0) issues.push(notOffered(sheet, nameAddress, label));
    for (const o of offerings) {
      entries.push({
        offering: o,
        service: resolved.code,
        label,
        // Stryker disable next-line ConditionalExpression: a column that is not there has no cell, so reads blank anyway
        description: descCol === null ? '' : normalizeCellText(cellAt(row, descCol)?.text ?? ''),
        deliveredBy: resolved.def?.deliveredBy ?? (label.includes('机构提供') ? 'branch' : 'branch_with_hq_tools'),
        source: { sheet, cell: nameAddress },
      });
    }
  }
  return { entries, issues };
}

/** The offerings a row marks with ✓, or null when a cell cannot be read (reported). */
function markedOfferings(sheet: string, row: GridRow, label: string, columns: { offering: Offering; col: number }[], issues: ImportIssue[]): Offering[] | null {
  const marked: Offering[] = [];
  let readable = true;
  for (const { offering, col } of columns) {
    const cell = cellAt(row, col);
    if (cell?.unreadable) {
      readable = false;
      continue;
    }
    const parsed = parseTierCell(cell?.text ?? '', 'inclusion');
    if (parsed.ok) {
      if (parsed.meaning.kind !== 'none') marked.push(offering);
      continue;
    }
    readable = false;
    // A merged cell is one value: report it once, where the person edits it.
    pushOnce(
      issues,
      importError({
        code: 'BAD_CELL',
        sheet,
        // Stryker disable next-line OptionalChaining: a cell that is not there reads as blank, a valid mark
        cell: cell?.mergedFrom ?? addressOf(col, row.row),
        // Stryker disable next-line OptionalChaining,StringLiteral: a cell that is not there reads as blank, a valid mark
        found: normalizeCellText(cell?.text ?? ''),
        expected: parsed.expected,
        expectedEn: parsed.expectedEn,
        message: `“${label}”的${OFFERING_NAMES[offering].product.zh}列内容无法识别。`,
        messageEn: `The ${OFFERING_NAMES[offering].product.en} cell of "${label}" cannot be read.`,
      }),
    );
  }
  return readable ? marked : null;
}

function notOffered(sheet: string, cell: string, label: string): ImportIssue {
  return importWarning({
    code: 'NOT_OFFERED_ANYWHERE',
    sheet,
    cell,
    found: label,
    expected: '至少在一个部署形态(公有云或私有云)列中标记“✓”',
    expectedEn: 'a ✓ in at least one offering column (cloud or on premise)',
    message: `“${label}”没有在任何部署形态中提供:没有客户能购买它。`,
    messageEn: `"${label}" is offered in no offering, so no customer can buy it.`,
  });
}

function missingOfferingColumn(sheet: string, header: GridRow, nameCol: number, missing: Offering): ImportIssue {
  return importError({
    code: 'MISSING_OFFERING_COLUMN',
    sheet,
    cell: addressOf(nameCol, header.row),
    found: header.cells.map((c) => normalizeCellText(c.text)).filter(Boolean).join(' | '),
    expected: `同时有“公有云”与“私有云”两列,或两列都不设(按工作表的部署形态)`,
    expectedEn: 'both a 公有云 (cloud) and a 私有云 (on premise) column, or neither (the sheet’s offering applies)',
    message: `专项服务表只有一个部署形态列,缺少“${OFFERING_COLUMN_HEADERS[missing][0]}”列:无法判断另一部署形态是否提供。`,
    messageEn: `The special-services table has only one offering column; without a ${OFFERING_NAMES[missing].product.en} column its availability there is unknown.`,
  });
}
