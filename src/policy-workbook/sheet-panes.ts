// Tables that stand side by side on one sheet (the cloud table in A–E, the on-premise table from G, each under its
// own title) are read as if each stood on a sheet of its own: the sheet is cut at columns that are empty from top to
// bottom, and a part is kept apart only when it holds a table's header of its own. A part without one (a notes column
// beside a table, a table with an empty column inside it) stays with the part to its left, as it always was.
import { normalizeCellText } from '../workbook/cell-text.ts';
import type { GridRow } from '../workbook/workbook-grid.ts';

/** A band of columns of a sheet, with the sheet's rows cut to it (rows with no cell in the band left out). */
export interface SheetPane {
  from: number;
  to: number;
  rows: GridRow[];
}

function usedColumns(rows: readonly GridRow[]): number[] {
  const used = new Set<number>();
  for (const row of rows) for (const cell of row.cells) if (!cell.mergedFrom && normalizeCellText(cell.text) !== '') used.add(cell.col);
  return [...used].sort((a, b) => a - b);
}

function cut(rows: readonly GridRow[], from: number, to: number): GridRow[] {
  return rows.flatMap((row) => {
    const cells = row.cells.filter((c) => c.col >= from && c.col <= to);
    return cells.length === 0 ? [] : [{ ...row, cells }];
  });
}

/**
 * The sheet's panes, left to right. `hasTable` says whether a pane's rows hold a header of any kind of table;
 * a sheet whose columns are all in use, or that holds one table, is one pane.
 */
export function sheetPanes(rows: readonly GridRow[], hasTable: (rows: GridRow[]) => boolean): SheetPane[] {
  const used = usedColumns(rows);
  const bands: { from: number; to: number }[] = [];
  for (const col of used) {
    const last = bands[bands.length - 1];
    if (last && col === last.to + 1) last.to = col;
    else bands.push({ from: col, to: col });
  }
  if (bands.length <= 1) return [{ from: 1, to: Number.MAX_SAFE_INTEGER, rows: [...rows] }];
  const panes: SheetPane[] = [];
  for (const band of bands) {
    const alone = cut(rows, band.from, band.to);
    const previous = panes[panes.length - 1];
    if (previous && !hasTable(alone)) {
      previous.to = band.to;
      previous.rows = cut(rows, previous.from, previous.to);
    } else panes.push({ ...band, rows: alone });
  }
  // The first pane reaches back to column A, and the last to the sheet's end, so no cell is left out of every pane.
  panes[0]!.from = 1;
  panes[panes.length - 1]!.to = Number.MAX_SAFE_INTEGER;
  return panes.map((pane) => ({ ...pane, rows: cut(rows, pane.from, pane.to) }));
}
