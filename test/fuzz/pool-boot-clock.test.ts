// A file's time limit in the parse pool runs from when its thread has loaded the readers, not from the thread's
// start: the long fuzz run saw the unchanged sample workbook refused with PARSE_TIME_LIMIT (10 s) as the first
// upload to a cold pool on a busy machine. Here the readers module itself takes longer to load than the limit.
import { afterEach, describe, expect, it } from 'vitest';
import { createParsePool, ParseRefusedError, type ParsePool } from '../../src/workbook/parse-pool.ts';
import { BOOT_DELAY_MS } from './slow-boot-readers.ts';

const pools: ParsePool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.stop()));
});

function slowBootPool(): ParsePool {
  const pool = createParsePool({ workers: 1, queue: 2, heapMb: 128, timeoutMs: BOOT_DELAY_MS / 2, readers: new URL('./slow-boot-readers.ts', import.meta.url) });
  pools.push(pool);
  return pool;
}

describe('the parse pool’s clock', () => {
  it('does not count a new thread’s start against the first file', async () => {
    const pool = slowBootPool();
    expect(await pool.read('quick', { bytes: Buffer.from('abc') })).toEqual({ length: 3 });
    // And the next, on the same (now ready) thread.
    expect(await pool.read('quick', { bytes: Buffer.from('abcd') })).toEqual({ length: 4 });
  });

  it('still ends a file that takes longer than the limit once the thread is ready', async () => {
    const pool = slowBootPool();
    const err = await pool.read('slow', { bytes: Buffer.from('x') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseRefusedError);
    expect((err as ParseRefusedError).code).toBe('PARSE_TIME_LIMIT');
  });
});
