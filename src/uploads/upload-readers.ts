// Uploaded policy workbooks and contract files are read in the parse pool's threads (src/workbook/parse-pool.ts),
// never on the server's event loop. This module is what those threads load: the readers by the name a job gives,
// and, for the server, the same readers as functions that hand each file to the pool.
import { readContractFile, type ContractFileReader, type ContractFileReadout } from '../contracts/file/contract-file-reader.ts';
import { readPolicyWorkbook, type ImportPhase, type PolicyWorkbookReader, type WorkbookReadout } from '../policy-workbook/read-policy-workbook.ts';
import { createParsePool, type ParsePool, type ParsePoolOptions, type ParseReaders } from '../workbook/parse-pool.ts';

/** What a parse thread may run; loaded in the thread from this module's URL. */
export const PARSE_READERS = {
  policy: (bytes, { limits, onProgress }) => readPolicyWorkbook(bytes, { limits, onProgress }),
  contract: (bytes, { filename, limits }) => readContractFile(bytes, filename ?? '', limits),
} satisfies ParseReaders;

export interface UploadReaders extends Pick<ParsePool, 'stats' | 'stop'> {
  readPolicyWorkbook: PolicyWorkbookReader;
  readContractFile: ContractFileReader;
}

/** The pool's settings (PARSE_*); the readers are this module's. */
export type UploadReaderOptions = Omit<ParsePoolOptions, 'readers'>;

/** Threads start on the first upload; an instance that reads no file holds none. */
export function createUploadReaders(options: UploadReaderOptions): UploadReaders {
  const pool = createParsePool({ ...options, readers: new URL(import.meta.url) });
  return {
    readPolicyWorkbook: (bytes, { limits, onProgress } = {}) =>
      pool.read('policy', { bytes, limits }, onProgress && ((phase) => onProgress(phase as ImportPhase))) as Promise<WorkbookReadout>,
    readContractFile: (bytes, filename, limits) => pool.read('contract', { bytes, filename, limits }) as Promise<ContractFileReadout>,
    stats: () => pool.stats(),
    stop: () => pool.stop(),
  };
}
