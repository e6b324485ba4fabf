// Bulk import of contracts from an xlsx or CSV file: every row checked first, against the file and against
// the contracts already stored, then all stored in one transaction, or nothing.
import type { ImportIssue } from '../workbook/import-issue.ts';
import { noCsmWarning, storedDuplicate } from './file/contract-file-issues.ts';
import { sortIssues } from '../workbook/import-issue.ts';
import { readContractFile, type ContractFileReader, type ContractFileReadout } from './file/contract-file-reader.ts';
import type { XlsxGuardLimits } from '../workbook/xlsx-guard.ts';
import { DEFAULT_MAX_IMPORT_ROWS, rowsFound, tooManyRows } from './contract-import-cap.ts';
import type { ContractStore } from './contract-store.ts';

export type ContractImportOutcome = { status: 'rejected'; issues: ImportIssue[] } | { status: 'imported'; contractIds: number[]; warnings: ImportIssue[] };

export interface ContractImportOptions {
  clock?: () => Date;
  /** Most rows one file may hold (MAX_IMPORT_ROWS). */
  maxRows?: number;
  /** Reads the uploaded file: in process by default; the server passes the parse pool's. */
  read?: ContractFileReader;
}

export function createContractImport(store: ContractStore, options: ContractImportOptions = {}) {
  const { clock = () => new Date(), maxRows = DEFAULT_MAX_IMPORT_ROWS, read = readContractFile } = options;
  /** Rows that repeat a stored contract; checked even when other rows fail, so one upload shows every problem. */
  async function storedDuplicates(readout: ContractFileReadout): Promise<ImportIssue[]> {
    if (readout.rows.length === 0) return [];
    const ids = await store.findContractIds(readout.rows);
    return readout.rows.flatMap((row, i) => {
      const id = ids[i];
      return id == null ? [] : [storedDuplicate(readout.sheet, row, id)];
    });
  }

  return {
    async importFile(bytes: Buffer, filename: string, actor: { name: string; address: string | null }, limits?: Partial<XlsxGuardLimits>): Promise<ContractImportOutcome> {
      const readout = await read(bytes, filename, limits);
      const found = rowsFound(readout);
      if (found > maxRows) return { status: 'rejected', issues: sortIssues([tooManyRows(found, maxRows), ...readout.issues]) };
      const duplicates = await storedDuplicates(readout);
      const issues = duplicates.length > 0 ? sortIssues([...readout.issues, ...duplicates]) : readout.issues;
      if (issues.some((i) => i.severity === 'error')) return { status: 'rejected', issues };
      const contractIds = await store.importContracts(
        readout.rows.map((r) => ({
          customerName: r.customerName,
          contact: r.contactName ? { name: r.contactName, email: r.contactEmail, role: 'contact' as const } : null,
          contract: { offering: r.offering, tier: r.tier, startsOn: r.startsOn, endsOn: r.endsOn, services: [] },
        })),
        clock().toISOString(),
        // Audited in the import's transaction: the contracts and the entry are stored together, or neither.
        (ids) => ({ actor: actor.name, action: 'contract.import', target: filename, details: { format: readout.format, contracts: ids.length }, address: actor.address }),
      );
      // 尊享 promises a named customer-success manager: rows whose customer has none are imported, and said.
      const withoutCsm = await store.premiumWithoutCsm(contractIds);
      const noCsm = readout.rows.flatMap((row, i) => (withoutCsm.has(contractIds[i]!) ? [noCsmWarning(readout.sheet, row, contractIds[i]!)] : []));
      return { status: 'imported', contractIds, warnings: noCsm.length > 0 ? sortIssues([...issues, ...noCsm]) : issues };
    },
  };
}

export type ContractImport = ReturnType<typeof createContractImport>;
