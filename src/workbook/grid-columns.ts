// A grid row read by its header: the column a header names, and a row's cell there as text. Header names are
// compared by their match key, so 服务项目, ＂服务 项目＂ and a full-width copy all find the same column.
import { matchKey, normalizeCellText } from './cell-text.ts';
import type { GridCell, GridRow } from './workbook-grid.ts';
import { addressOf, columnLetter } from './xlsx-refs.ts';

export function cellAt(row: GridRow, col: number): GridCell | undefined {
  return row.cells.find((c) => c.col === col);
}

/** Where a row's cell in column `col` stands on the sheet, for a row read as is or across a table on its side. */
export function cellAddress(row: GridRow, col: number): string {
  return row.transposed ? addressOf(row.row, col) : addressOf(col, row.row);
}

/** How a message names a row: 第 3 行, or 第 C 列 for a line of a table on its side. */
export function lineName(row: GridRow): { zh: string; en: string } {
  if (!row.transposed) return { zh: `第 ${row.row} 行`, en: `row ${row.row}` };
  const letter = columnLetter(row.row);
  return { zh: `第 ${letter} 列`, en: `column ${letter}` };
}

export interface ColumnCell {
  /** Normalised text; '' when blank or when there is no such column. */
  text: string;
  address: string;
  /** Where a problem is reported: a merged cell is one value, edited at the cell that holds it. */
  reportAt: string;
  /** Already reported by the grid reader: the row is skipped rather than reported again. */
  unreadable: boolean;
}

export function columnCell(row: GridRow, col: number | null): ColumnCell {
  if (col === null) return { text: '', address: '', reportAt: '', unreadable: false };
  const cell = cellAt(row, col);
  const address = cellAddress(row, col);
  return { text: normalizeCellText(cell?.text ?? ''), address, reportAt: cell?.mergedFrom ?? address, unreadable: cell?.unreadable === true };
}

// Every row is tested as a possible header; build each name list's keys once.
const headerKeys = new WeakMap<readonly string[], Set<string>>();

function keySet(names: readonly string[]): Set<string> {
  let keys = headerKeys.get(names);
  if (!keys) headerKeys.set(names, (keys = new Set(names.map(matchKey))));
  return keys;
}

/** Whether a header text is one of the names (compared by matchKey). */
export function matchesHeader(names: readonly string[], text: string): boolean {
  return keySet(names).has(matchKey(text));
}

// Every row is asked "are you a header?" by each kind of table a workbook may hold; its cells' match keys
// are worked out once per row rather than once per question.
const rowKeys = new WeakMap<GridRow, string[]>();

/** The first column whose header matches one of the names. */
export function findColumn(header: GridRow, names: readonly string[]): number | null {
  let keys = rowKeys.get(header);
  if (!keys) rowKeys.set(header, (keys = header.cells.map((c) => matchKey(c.text))));
  const wanted = keySet(names);
  for (let i = 0; i < keys.length; i++) if (wanted.has(keys[i]!)) return header.cells[i]!.col;
  return null;
}
