// A problem found in an uploaded file, worded for the person who has to fix it, and the one order in which
// a person reads a file's problems.
import { randomBytes } from 'node:crypto';
import { columnNumber } from './xlsx-refs.ts';

export type IssueSeverity = 'error' | 'warning';

export interface ImportIssue {
  severity: IssueSeverity;
  /** Stable machine code, e.g. `BAD_RESPONSE_WINDOW`, `NOT_XLSX`. */
  code: string;
  /** Sheet name, absent for problems with the file as a whole. */
  sheet?: string;
  /** A1 address of the cell, absent for sheet- or file-level problems. */
  cell?: string;
  /** The value found, as text; absent when nothing was there to show. */
  found?: string;
  /** What was expected, in Chinese then English. */
  expected: string;
  expectedEn: string;
  /** One sentence in Chinese then English. */
  message: string;
  messageEn: string;
  /** Set when the cause is in the log: the short id a person quotes to whoever reads it. */
  reference?: string;
}

/** A library's own account of a failure, for the log under the reference its issue shows; never shown to a person. */
export interface ReadFault {
  reference: string;
  detail: string;
}

/** A short id that ties what a person was told to the log line with the cause. */
export function newReference(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

export function importError(issue: Omit<ImportIssue, 'severity'>): ImportIssue {
  return { severity: 'error', ...issue };
}

export function importWarning(issue: Omit<ImportIssue, 'severity'>): ImportIssue {
  return { severity: 'warning', ...issue };
}

/** Thrown when a workbook cannot be imported; carries every problem found, not just the first. */
export class WorkbookRejectedError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(`Workbook rejected: ${errors.length} error(s); first: ${errors[0]?.messageEn ?? 'unknown'}`);
    this.name = 'WorkbookRejectedError';
  }
}

/** Adds an issue unless one is already reported at its cell: a merged value must not be reported once per row it covers. */
export function pushOnce(issues: ImportIssue[], issue: ImportIssue): void {
  if (!issues.some((i) => i.sheet === issue.sheet && i.cell === issue.cell)) issues.push(issue);
}

export interface IssueOrder {
  /** Errors before warnings: what blocks the import is read first (a policy workbook). */
  errorsFirst?: boolean;
  /**
   * The sheets as the tabs stand: issues sheet by sheet, file-level ones first and a sheet not listed after the
   * rest. Absent, one table is read (a contract file) and only rows and columns order it, whatever sheet is named.
   */
  sheets?: readonly string[];
}

/** File- and sheet-level issues first, then by row, then by column (grouped as `order` says); ties keep the order found. */
export function sortIssues(issues: readonly ImportIssue[], order: IssueOrder = {}): ImportIssue[] {
  const sheets = order.sheets;
  const sheetIndex = new Map(sheets?.map((name, i) => [name, i]));
  const sheetKey = (sheet?: string) => (sheets === undefined ? 0 : sheet === undefined ? -1 : (sheetIndex.get(sheet) ?? sheets.length));
  const severityKey = (issue: ImportIssue) => (order.errorsFirst && issue.severity === 'error' ? 0 : 1);
  const cellKey = (address?: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)$/u.exec(address ?? '');
    return m ? [Number(m[2]), columnNumber(m[1]!)] : [-1, -1];
  };
  return issues
    .map((issue, index) => ({ issue, index, severity: severityKey(issue), sheet: sheetKey(issue.sheet), cell: cellKey(issue.cell) }))
    .sort((a, b) => a.severity - b.severity || a.sheet - b.sheet || a.cell[0] - b.cell[0] || a.cell[1] - b.cell[1] || a.index - b.index)
    .map((x) => x.issue);
}
