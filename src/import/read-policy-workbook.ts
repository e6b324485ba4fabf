// Workbook bytes in, catalog out: the file is checked, read, and every problem collected before anyone stores anything.
import { createHash } from 'node:crypto';
import type { Catalog } from '../policy/catalog.ts';
import { checkCatalog } from './catalog-checks.ts';
import { readCatalog, type SheetSummary } from './catalog-reader.ts';
import { importError, type ImportIssue } from './import-issue.ts';
import { readWorkbookGrid, type WorkbookGrid } from './workbook-grid.ts';
import { checkXlsx, type XlsxGuardLimits } from './xlsx-guard.ts';

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
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readPolicyWorkbook(bytes: Buffer, options: ReadOptions = {}): Promise<WorkbookReadout> {
  const progress = options.onProgress ?? (() => {});
  const sha256 = sha256Of(bytes);
  const empty = { sha256, catalog: { tables: [], tierServices: [], specialServices: [] }, sheets: [], cells: 0 };

  progress('check');
  const fileIssues = await checkXlsx(bytes, options.limits);
  if (fileIssues.length > 0) return { ...empty, issues: fileIssues };

  progress('read');
  let grid: WorkbookGrid;
  try {
    grid = await readWorkbookGrid(bytes);
  } catch (err) {
    return { ...empty, issues: [unreadable(err)] };
  }

  progress('parse');
  const { catalog, sheets, issues } = readCatalog(grid.sheets);

  progress('validate');
  const all = [...grid.issues, ...issues, ...checkCatalog(catalog)];
  return { sha256, catalog, sheets, cells: grid.sheets.reduce((n, s) => n + s.cellCount, 0), issues: sortIssues(all) };
}

function unreadable(err: unknown): ImportIssue {
  return importError({
    code: 'NOT_XLSX',
    found: (err as Error).message.slice(0, 200),
    expected: '可以用 Excel 正常打开的 .xlsx 工作簿',
    expectedEn: 'an .xlsx workbook that Excel opens',
    message: '工作簿内容已损坏,无法读取:请在 Excel 中打开并另存为 .xlsx 后重新上传。',
    messageEn: 'The workbook is damaged and cannot be read: open it in Excel, save it as .xlsx and upload it again.',
  });
}

/** Errors first, then by sheet and cell, so the list reads like the workbook. */
function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  const cellKey = (a?: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a ?? '');
    return m ? Number(m[2]) * 1000 + m[1]!.length * 100 + m[1]!.charCodeAt(0) : -1;
  };
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        (a.issue.severity === b.issue.severity ? 0 : a.issue.severity === 'error' ? -1 : 1) ||
        (a.issue.sheet ?? '').localeCompare(b.issue.sheet ?? '') ||
        cellKey(a.issue.cell) - cellKey(b.issue.cell) ||
        a.index - b.index,
    )
    .map((x) => x.issue);
}
