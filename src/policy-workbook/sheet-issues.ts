// Issues about a sheet's layout rather than a cell's content: rows outside any table, tables on hidden sheets.
import { importError, importWarning, type ImportIssue } from '../workbook/import-issue.ts';
import type { GridRow } from '../workbook/workbook-grid.ts';

// An error, not a warning: a row cut off by a stray blank row would otherwise vanish from the policy.
export function rowOutsideTable(sheet: string, row: GridRow, found: string): ImportIssue {
  return importError({
    code: 'ROW_OUTSIDE_TABLE',
    sheet,
    cell: row.cells[0]!.address,
    found,
    expected: '表格中的行之间不留空行;表格下方的备注只占一个单元格,且不是服务项目名称',
    expectedEn: 'no blank rows inside a table; notes below a table in a single cell, not naming a service',
    message: `第 ${row.row} 行像是表格数据,但不在任何表格内(与表格之间隔着空行),不会被导入:请删除空行,或删除这一行。`,
    messageEn: `Row ${row.row} looks like table data but stands outside any table (a blank row separates it): remove the blank row, or the row.`,
  });
}

/** `tables`: what the sheet's first table is, in words (目录表, catalog table). */
export function hiddenSheetIgnored(sheet: string, cell: string, tables: { zh: string; en: string }): ImportIssue {
  const { zh, en } = tables;
  return importWarning({
    code: 'HIDDEN_SHEET_IGNORED',
    sheet,
    cell,
    expected: '要导入的目录放在可见的工作表中',
    expectedEn: 'catalog tables to import on visible sheets',
    message: `工作表“${sheet}”已隐藏,其中的${zh}不会被导入:如需导入,请在 Excel 中取消隐藏。`,
    messageEn: `The sheet "${sheet}" is hidden, so its ${en} is not imported: unhide it in Excel to import it.`,
  });
}
