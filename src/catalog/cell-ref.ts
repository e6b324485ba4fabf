// Where a value came from: a cell of a workbook sheet. Catalog entries, prices and rules all carry one, so an
// issue, a diff or a decision can point at the cell a person typed.

export interface CellRef {
  sheet: string;
  /** A1 address. */
  cell: string;
}
