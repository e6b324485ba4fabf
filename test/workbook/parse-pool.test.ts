// The parse pool reads in worker threads (here started from vitest; the server and CLI suites start them from
// `tsx` and bin/entitle.js): the same readouts as in process, progress from the thread, and each limit — heap,
// time, concurrency, queue — refusing with its own code while the next file is read as usual.
import { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readContractFile } from '../../src/contracts/file/contract-file-reader.ts';
import { ParseRefusedError } from '../../src/workbook/parse-pool.ts';
import { createUploadReaders, type UploadReaderOptions, type UploadReaders } from '../../src/uploads/upload-readers.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { contractCsv, contractWorkbook } from '../fixtures/hostile/hostile-corpus.ts';
import { rawXlsx, worksheet } from '../fixtures/hostile/xlsx-parts.ts';

const sample = readFileSync('imports/sample-policy.xlsx');

/** A sheet of numbers: inside every declared limit, heavy for exceljs (about 400 bytes of heap a cell). */
function numbers(rowCount: number): Buffer {
  const rows: string[] = [];
  for (let r = 1; r <= rowCount; r++) {
    let cells = '';
    for (let c = 0; c < 10; c++) cells += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r * 10 + c}</v></c>`;
    rows.push(`<row r="${r}">${cells}</row>`);
  }
  return rawXlsx([{ name: '合同', xml: worksheet({ rows: rows.join('') }) }]);
}

function logLines() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

const pools: UploadReaders[] = [];
function pool(options: Partial<UploadReaderOptions> = {}): UploadReaders {
  const p = createUploadReaders({ workers: 2, queue: 8, heapMb: 384, timeoutMs: 60_000, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.stop()));
});

async function refusal(promise: Promise<unknown>): Promise<ParseRefusedError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ParseRefusedError);
  return err as ParseRefusedError;
}

let contracts: Buffer;
beforeAll(async () => {
  contracts = await contractWorkbook(300);
});

describe('parse pool: what comes back', () => {
  it('reads the sample policy in a thread into the same readout as in process: the Catalog survives structured clone', async () => {
    const p = pool();
    const phases: string[] = [];
    const viaPool = await p.readPolicyWorkbook(sample, { onProgress: (phase) => phases.push(phase) });
    expect(viaPool).toStrictEqual(await readPolicyWorkbook(sample));
    expect(viaPool.catalog.tierServices.length).toBeGreaterThan(0);
    expect(viaPool.catalog.prices?.tiers.length).toBeGreaterThan(0);
    expect(phases).toEqual(['check', 'read', 'parse', 'validate']);
  });

  it('reads contract workbooks and CSV files as in process', async () => {
    const p = pool();
    expect(await p.readContractFile(contracts, '合同.xlsx')).toStrictEqual(await readContractFile(contracts, '合同.xlsx'));
    const csv = contractCsv(300);
    const viaPool = await p.readContractFile(csv, '合同.csv', { maxFileBytes: 1024 * 1024 });
    expect(viaPool).toStrictEqual(await readContractFile(csv, '合同.csv', { maxFileBytes: 1024 * 1024 }));
    expect(viaPool.rows).toHaveLength(300);
  });

  it('logs what the workbook library said under the reference the person is given, and hands back none of it', async () => {
    const { lines, logger } = logLines();
    const p = pool({ logger });
    const broken = rawXlsx([{ name: 'S', xml: worksheet({ rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>&undefined;</t></is></c></row>' }) }]);
    const readout = await p.readContractFile(broken, 'x.xlsx');
    expect(readout.faults).toBeUndefined();
    const [issue] = readout.issues;
    expect(issue).toMatchObject({ code: 'NOT_XLSX', reference: expect.stringMatching(/^[0-9A-F]{8}$/) });
    expect(JSON.stringify(readout)).not.toMatch(/undefined entity/);
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, reference: issue!.reference, detail: expect.stringMatching(/undefined entity/), kind: 'contract', filename: 'x.xlsx' }));
  });
});

describe('parse pool: limits', () => {
  it('ends a thread that needs more heap than allowed, refuses the file with 413-type PARSE_MEMORY_LIMIT, and reads the next file in a new thread', async () => {
    const { lines, logger } = logLines();
    const p = pool({ workers: 1, heapMb: 64, logger });
    const err = await refusal(p.readContractFile(numbers(30_000), 'numbers.xlsx'));
    expect(err.code).toBe('PARSE_MEMORY_LIMIT');
    expect(err.message).toMatch(/needs more memory than the 64 MB limit \(PARSE_HEAP_MB\).*nothing was stored.*reference [0-9A-F]{8}/);
    expect(err.messageZh).toContain('64 MB');
    expect(err.details).toMatchObject({ limit: 'PARSE_HEAP_MB', value: 64 });
    expect(lines).toContainEqual(expect.objectContaining({ reference: err.details.reference, msg: expect.stringMatching(/PARSE_HEAP_MB/) }));
    expect(p.stats()).toEqual({ workers: 0, busy: 0, queued: 0 });
    expect((await p.readContractFile(contracts, 'x.xlsx')).rows).toHaveLength(300);
  });

  it('ends a thread that takes longer than the wall-clock limit, PARSE_TIME_LIMIT, and reads the next file', async () => {
    const p = pool({ workers: 1, timeoutMs: 300 });
    const started = Date.now();
    const err = await refusal(p.readContractFile(numbers(30_000), 'numbers.xlsx'));
    expect(err.code).toBe('PARSE_TIME_LIMIT');
    expect(err.message).toContain('took longer than the 0.3 s limit (PARSE_TIMEOUT_S)');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(p.stats().workers).toBe(0);
  });

  it('reads as many files at once as it has threads, queues the next ones, and refuses beyond the queue as busy', async () => {
    const p = pool({ workers: 1, queue: 1, retryAfterSeconds: 7 });
    const first = p.readContractFile(contracts, 'a.xlsx');
    const second = p.readContractFile(contracts, 'b.xlsx');
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1 });
    const third = await refusal(p.readContractFile(contracts, 'c.xlsx'));
    expect(third.code).toBe('PARSE_BUSY');
    expect(third.retryAfterSeconds).toBe(7);
    expect(third.message).toBe('Too many uploads are being read (1 at a time, 1 waiting; PARSE_WORKERS / PARSE_QUEUE) and nothing was stored: try again in 7 seconds.');
    expect((await first).rows).toHaveLength(300);
    expect((await second).rows).toHaveLength(300);
  });

  it('retires a thread that grew past the recycling size after a file, and keeps a lean one for the next', async () => {
    const lean = pool({ workers: 1 });
    await lean.readPolicyWorkbook(sample);
    expect(lean.stats().workers).toBe(1);
    const { lines, logger } = logLines();
    const strict = pool({ workers: 1, recycleHeapMb: 1, logger });
    await strict.readPolicyWorkbook(sample);
    expect(strict.stats().workers).toBe(0);
    expect(lines).toContainEqual(expect.objectContaining({ level: 20, msg: 'parse worker retired after a large file' }));
  });

  it('refuses what waits and what comes after it is stopped', async () => {
    const p = pool({ workers: 1, queue: 4 });
    const running = refusal(p.readContractFile(contracts, 'a.xlsx'));
    const waiting = refusal(p.readContractFile(contracts, 'b.xlsx'));
    await p.stop();
    expect((await running).code).toBe('PARSE_STOPPED');
    const queued = await waiting;
    expect(queued.code).toBe('PARSE_STOPPED');
    expect(queued.retryAfterSeconds).toBe(5);
    expect((await refusal(p.readPolicyWorkbook(sample))).code).toBe('PARSE_STOPPED');
  });
});
