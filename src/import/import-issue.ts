// A problem found in a workbook, worded for the policy owner who has to fix it.
import { randomBytes } from 'node:crypto';

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
