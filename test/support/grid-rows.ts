// Grid rows as the workbook reader hands them to a table parser, written as lines of texts: for tests that call
// a parser directly, so each refusal is pinned at the parser without a workbook around it. A line's first text
// stands in `firstCol` (1 = A); null leaves a cell out, as the reader leaves out an empty cell.
import type { GridCell, GridRow } from '../../src/workbook/workbook-grid.ts';
import { addressOf } from '../../src/workbook/xlsx-refs.ts';

export interface CellMark {
  /** The cell is covered by a merge whose value stands at this address. */
  mergedFrom?: string;
  /** The reader could not read it (and has reported it already). */
  unreadable?: true;
}

/** `marks` by address, e.g. { C4: { mergedFrom: 'B4' } }. */
export function gridRows(lines: readonly (readonly (string | null)[])[], firstRow = 1, firstCol = 1, marks: Record<string, CellMark> = {}): GridRow[] {
  return lines.map((texts, i) => {
    const row = firstRow + i;
    const cells: GridCell[] = [];
    texts.forEach((text, j) => {
      if (text === null) return;
      const col = firstCol + j;
      const address = addressOf(col, row);
      const mark = marks[address];
      cells.push({ address, col, text, mergedFrom: mark?.mergedFrom ?? null, ...(mark?.unreadable ? { unreadable: true as const } : {}) });
    });
    return { row, cells };
  });
}

/** A header line and the lines under it. */
export function table(lines: readonly (readonly (string | null)[])[], firstRow = 1, firstCol = 1, marks: Record<string, CellMark> = {}): { header: GridRow; rows: GridRow[] } {
  const [header, ...rows] = gridRows(lines, firstRow, firstCol, marks);
  return { header: header!, rows };
}
