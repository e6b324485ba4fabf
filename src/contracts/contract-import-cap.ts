// The row cap of a contract import (MAX_IMPORT_ROWS): a larger file is refused before anything is looked up or
// stored, so one upload cannot hold the database (SQLite's one connection) for minutes.
import type { ContractFileReadout } from './file/contract-file-reader.ts';
import { importError, type ImportIssue } from '../workbook/import-issue.ts';

export const DEFAULT_MAX_IMPORT_ROWS = 50_000;

/** The contract rows of a readout: those it read, and those it refused with an error at one of their cells. */
export function rowsFound(readout: ContractFileReadout): number {
  const rows = new Set(readout.rows.map((r) => r.row));
  for (const issue of readout.issues) {
    const row = issue.severity === 'error' && issue.sheet === readout.sheet ? /^[A-Z]+(\d+)$/u.exec(issue.cell ?? '')?.[1] : undefined;
    if (row) rows.add(Number(row));
  }
  return rows.size;
}

const count = (n: number) => n.toLocaleString('en-US');

export function tooManyRows(found: number, cap: number): ImportIssue {
  return importError({
    code: 'TOO_MANY_ROWS',
    found: `${count(found)} 行合同 / ${count(found)} contract rows`,
    expected: `每次导入至多 ${count(cap)} 行合同`,
    expectedEn: `at most ${count(cap)} contract rows an import`,
    message: `该文件有 ${count(found)} 行合同,超过每次导入的上限 ${count(cap)} 行,未导入任何合同:请把它拆成几个不超过 ${count(cap)} 行的文件,逐个导入。`,
    messageEn: `The file holds ${count(found)} contract rows, more than the ${count(cap)} one import may hold, and nothing was imported: split it into files of at most ${count(cap)} rows and import them one by one.`,
  });
}
