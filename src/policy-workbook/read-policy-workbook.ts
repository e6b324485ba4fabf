// Workbook bytes in, catalog out: the file is checked, read, and every problem collected before anyone stores anything.
import { createHash } from 'node:crypto';
import { emptyCatalog, type Catalog } from '../catalog/catalog.ts';
import { findTables, type SheetSummary } from './table-finder.ts';
import { sortIssues, type ImportIssue, type ReadFault } from '../workbook/import-issue.ts';
import { GridLimitError, readWorkbookGrid, unreadableWorkbook, type WorkbookGrid } from '../workbook/workbook-grid.ts';
import { checkXlsx, DEFAULT_XLSX_LIMITS, type XlsxGuardLimits } from '../workbook/xlsx-guard.ts';

export type ImportPhase = 'check' | 'read' | 'parse' | 'validate';

export interface ReadOptions {
  limits?: Partial<XlsxGuardLimits>;
  onProgress?: (phase: ImportPhase) => void;
}

export interface WorkbookReadout {
  sha256: string;
  catalog: Catalog;
  sheets: SheetSummary[];
  cells: number;
  /** Errors and warnings; the readout is usable only when there is no error. */
  issues: ImportIssue[];
  /** What a library said when it failed, for the log (under the issue's reference), never for the person. */
  faults?: ReadFault[];
}

/** Reads a policy workbook: in this thread (readPolicyWorkbook) or in a parse worker (the parse pool). */
export type PolicyWorkbookReader = (bytes: Buffer, options?: ReadOptions) => Promise<WorkbookReadout>;

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readPolicyWorkbook(bytes: Buffer, options: ReadOptions = {}): Promise<WorkbookReadout> {
  const progress = options.onProgress ?? (() => {});
  const sha256 = sha256Of(bytes);
  const empty = { sha256, catalog: emptyCatalog(), sheets: [], cells: 0 };

  progress('check');
  const fileIssues = await checkXlsx(bytes, options.limits);
  if (fileIssues.length > 0) return { ...empty, issues: fileIssues };

  progress('read');
  let grid: WorkbookGrid;
  try {
    grid = await readWorkbookGrid(bytes, { ...DEFAULT_XLSX_LIMITS, ...options.limits });
  } catch (err) {
    if (err instanceof GridLimitError) return { ...empty, issues: [err.issue] };
    const { issue, fault } = unreadableWorkbook(err);
    return { ...empty, issues: [issue], faults: [fault] };
  }

  progress('parse');
  const { catalog, sheets, issues, readings } = findTables(grid.sheets);

  // Checks across tables, kind by kind in SHEET_KINDS order: calendar assignments and prices name services any
  // sheet's catalog tables introduced.
  progress('validate');
  const all = [...grid.issues, ...issues, ...readings.flatMap((reading) => reading.finish(catalog))];
  const cells = grid.sheets.reduce((n, s) => n + s.cellCount, 0);
  return { sha256, catalog, sheets, cells, issues: sortIssues(all, { errorsFirst: true, sheets: grid.sheets.map((s) => s.name) }) };
}
