// One kind of sheet of the policy workbook, whole, in one object: how its tables' header rows are recognised, how
// a table is read into its part of the catalog (with its checks), how that part becomes its section of the rules
// document and comes back from it, how it is written back to a sheet, and how two versions of it differ. The
// reader, the rules-document builder, the export and the diff loop over SHEET_KINDS (sheet-kinds.ts) and know no
// kind by name. A kind sees only its own slice of the document: the types here name no kind.
import type { Names } from '../catalog/catalog-names.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { ImportIssue } from '../workbook/import-issue.ts';
import type { GridRow } from '../workbook/workbook-grid.ts';
import type { WorkbookTable } from '../workbook/workbook-writer.ts';
import type { AnyRule, SourceOf } from './rules-base.ts';
import type { Orientation, SheetVocabulary, WorkbookLang } from './column-words.ts';

/** A sheet as the reader walks it: some kinds recognise a header by the sheet's name or its other rows. */
export interface SheetView {
  name: string;
  rows: readonly GridRow[];
}

/** A table the reader found: its header row, its data rows (up to a blank row or the next title), and its titles. */
export interface FoundTable {
  sheet: string;
  /** The table kind its header was recognised as: one of its sheet kind's `tables`. */
  kind: string;
  header: GridRow;
  rows: GridRow[];
  /** The row right above the header when it is the table's own title, as typed. */
  title: string | null;
  /** The sheet's first row when it describes the whole sheet (and is not this table's own title). */
  sheetTitle: string | null;
  /** Every row of the sheet. */
  sheetRows: readonly GridRow[];
  /** The last column of the table's part of the sheet, when another table stands beside it to the right. */
  throughColumn?: number;
}

/** One table in the sheet summary of an import: its kind, header cell and rows imported (and an offering, for the catalog's). */
export type TableSummary = { kind: string; headerCell: string; rows: number } & Record<string, unknown>;

/** A kind's state over one workbook read: its tables are read one by one, then checked together. */
export interface KindReading {
  read(table: FoundTable, catalog: Catalog): { issues: ImportIssue[]; summary: TableSummary };
  /** Once every sheet is read, in SHEET_KINDS order: checks across tables and the catalog; puts what is valid into the catalog. */
  finish(catalog: Catalog): ImportIssue[];
}

/** A table written back, with where it stood, so that the export keeps the order of the workbook. */
export interface ExportedTable {
  sheet: string;
  row: number;
  table: WorkbookTable;
}

/** A rules document as a kind reads and writes it: the rules, and whatever section the kind keeps beside them. */
export interface RulesView {
  rules: AnyRule[];
}

export interface SheetKind {
  /** The folder's name. */
  readonly name: string;
  /** The kinds of table it reads, with what pages call them. */
  readonly tables: Readonly<Record<string, Names>>;
  /** What a sheet is called in an import's summary when this is the first kind in SHEET_KINDS with a table on it. */
  readonly sheetRole: string;
  /** Where an import's sheet summary lists its tables. */
  readonly summaryList: 'tables' | 'calendarTables' | 'priceTables' | 'caseTables';
  /** What a hidden sheet's warning says was not imported from it. */
  readonly hiddenTables: Names;
  /** The words its tables' columns may be headed with, per language (column-words.ts). */
  readonly vocabulary: SheetVocabulary;
  /** How its tables may stand; `columns` needs `vocabulary.corner`. The table finder turns such a table upright. */
  readonly orientations: readonly Orientation[];
  /** The table kind a header row starts, or null. */
  tableAt(row: GridRow, sheet: SheetView): string | null;
  /** Whether a lone cell names an item of its tables (a row missing its other cells, not a title). Kinds whose rows are items. */
  namesItem?(text: string): boolean;
  /** The column a table's rows are named in (a title merged from there is a title); the first column when absent. */
  nameColumn?(header: GridRow): number | null;
  startReading(): KindReading;
  /** Its part of the rules document: rules, in order, and its section. */
  build(catalog: Catalog, into: RulesView, src: SourceOf): void;
  /** Its part of the catalog back from a rules document, for export. */
  fromRules(doc: RulesView, into: Catalog): void;
  /** Its tables written back in the standard layout, headed in `lang`, re-imported to the same rules. */
  export(catalog: Catalog, lang: WorkbookLang): ExportedTable[];
  /** What changes in its part when `after` replaces `before` (null: nothing before); sets nothing when nothing changed. */
  diff(before: RulesView | null, after: RulesView, into: object): void;
}
