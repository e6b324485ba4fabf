// A table turned on its side (one row per tier, one column per item, under a header row that starts with 服务产品) is
// read by turning it upright: each column of the sheet becomes a line with the sheet's rows as its cells. The cells
// keep their addresses, so every error and warning still names the cell where it stands.
import { normalizeCellText } from '../workbook/cell-text.ts';
import { cellAt, findColumn, matchesHeader } from '../workbook/grid-columns.ts';
import type { GridRow } from '../workbook/workbook-grid.ts';
import type { SheetKind, SheetView } from './sheet-kind.ts';

export interface UprightTable {
  table: string;
  /** The table's first column, read as a header row; the corner cell reads as the kind's item column. */
  header: GridRow;
  rows: GridRow[];
  /** The index of the first sheet row after the table. */
  end: number;
}

const ownText = (row: GridRow, col: number) => {
  const cell = cellAt(row, col);
  return cell && !cell.mergedFrom ? normalizeCellText(cell.text) : '';
};

/** The block's column `col` as a line: a GridRow whose `row` is the column and whose cells' `col` are sheet rows. */
function lineOf(block: readonly GridRow[], col: number): GridRow {
  const cells = block.flatMap((row) => {
    const cell = cellAt(row, col);
    return cell ? [{ ...cell, col: row.row }] : [];
  });
  return { row: col, cells, transposed: true };
}

/**
 * The table of `kind` turned on its side whose corner is the row at `index`, or null. Detected by content: the corner
 * says one of the kind's corner words, the first column below it reads as the kind's header (tier names), and the row
 * names at least one of the kind's items or a 代码 row gives new items their codes. The table runs down to a blank row or a row with nothing in its first column.
 */
export function uprightTableAt(kind: SheetKind, rows: readonly GridRow[], index: number, sheet: SheetView): UprightTable | null {
  const corner = kind.vocabulary.corner;
  if (!corner || !kind.orientations.includes('columns')) return null;
  const top = rows[index]!;
  const own = top.cells.filter((c) => !c.mergedFrom && normalizeCellText(c.text) !== '');
  const first = own[0];
  if (!first || own.length < 2 || !matchesHeader(corner.words.all, first.text)) return null;
  // Known items across the corner row, or a code row giving new items their codes, say this is a table of the kind.
  const namesKnownItem = !kind.namesItem || own.slice(1).some((c) => kind.namesItem!(c.text));
  let end = index + 1;
  while (end < rows.length && rows[end]!.row === rows[end - 1]!.row + 1 && ownText(rows[end]!, first.col) !== '') end++;
  if (end === index + 1) return null;
  const block = rows.slice(index, end);
  // The items run as far as any tier row reaches: an item whose name is missing still has its cells read.
  const last = Math.max(...block.flatMap((row) => row.cells.filter((c) => normalizeCellText(c.text) !== '').map((c) => c.col)));
  const header = lineOf(block, first.col);
  const name = corner.words.zh[0] === undefined ? null : kind.vocabulary.columns[corner.nameColumn]?.zh[0];
  if (!name) return null;
  header.cells[0] = { ...header.cells[0]!, text: name };
  const table = kind.tableAt(header, sheet);
  if (table === null) return null;
  const code = kind.vocabulary.columns.code;
  if (!namesKnownItem && !(code && findColumn(header, code.all) !== null)) return null;
  const lines: GridRow[] = [];
  for (let col = first.col + 1; col <= last; col++) {
    const line = lineOf(block, col);
    if (line.cells.some((c) => normalizeCellText(c.text) !== '')) lines.push(line);
  }
  return { table, header, rows: lines, end };
}
