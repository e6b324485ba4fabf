// Parse readers for a pool whose threads take long to start (as on a busy machine loading exceljs): the module
// waits before it exports, then answers at once — or, for `slow`, after longer than a test's time limit.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ParseReaders } from '../../src/workbook/parse-pool.ts';

export const BOOT_DELAY_MS = 3_000;

await sleep(BOOT_DELAY_MS);

export const PARSE_READERS: ParseReaders = {
  quick: async (bytes) => ({ length: bytes.length }) as object,
  slow: async () => {
    await sleep(60_000);
    return {};
  },
};
