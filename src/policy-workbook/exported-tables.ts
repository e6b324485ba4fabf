// Tables of data rows written back where they came from: one table per sheet their entries stood on, rows in the
// order they stood. The calendar, holiday and price tables are written this way; the exporter orders the tables.
import type { CellRef } from '../catalog/cell-ref.ts';
import { rowOf } from '../workbook/xlsx-refs.ts';
import type { ExportedTable } from './sheet-kind.ts';

export interface TableLayout {
  title: string;
  header: string[];
  widths: number[];
}

/** Entries grouped by the sheet they came from: a table per sheet, in the order the sheets first appear. */
export function tablesBySheet<E extends { source: CellRef }>(entries: readonly E[], layout: TableLayout, rows: (sorted: E[]) => string[][]): ExportedTable[] {
  const bySheet = new Map<string, E[]>();
  for (const e of entries) bySheet.set(e.source.sheet, [...(bySheet.get(e.source.sheet) ?? []), e]);
  return [...bySheet].map(([sheet, list]) => {
    const sorted = [...list].sort((a, b) => rowOf(a.source.cell) - rowOf(b.source.cell));
    return { sheet, row: rowOf(sorted[0]!.source.cell), table: { sheet, title: layout.title, header: layout.header, rows: rows(sorted), widths: layout.widths } };
  });
}
