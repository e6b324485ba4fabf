// What a library prints while a parse thread reads a file goes to the pool's log, with the file, cut short —
// not to the server's stdout. The fuzz suite renamed a sheet to 40,000 characters, and exceljs printed
// "Worksheet name … exceeds 31 chars. This will be truncated" with all of them, outside the structured log.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createUploadReaders } from '../../src/uploads/upload-readers.ts';
import { buildZip, readZip } from '../support/bad-files.ts';
import { applySheetOp } from './sheet-mutations.ts';

const lines: Record<string, unknown>[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);
const readers = createUploadReaders({ workers: 1, queue: 2, heapMb: 384, timeoutMs: 60_000, logger });
afterAll(() => readers.stop());

describe('a library printing while it reads', () => {
  it('is logged with the upload, each line cut to 300 characters, and the file is answered as usual', async () => {
    const longName = '中'.repeat(40_000);
    const bytes = buildZip(applySheetOp(readZip(readFileSync('imports/sample-policy.xlsx')), { op: 'sheetName', sheet: 0, name: longName }));
    // What reaches the process's own output (a thread's console is piped into it).
    const output: string[] = [];
    const streams = [process.stdout, process.stderr];
    const writes = streams.map((stream) => stream.write.bind(stream));
    streams.forEach((stream, k) => {
      stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        output.push(String(chunk));
        return writes[k]!(chunk, ...rest);
      }) as typeof stream.write;
    });
    try {
      // exceljs goes on to fail on this file: refused as damaged, which is all the pool is asked for here.
      expect((await readers.readPolicyWorkbook(bytes)).issues.map((i) => i.code)).toEqual(['NOT_XLSX']);
      // A thread's output crosses to the main thread asynchronously: give it the same turn the log lines had.
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      streams.forEach((stream, k) => (stream.write = writes[k]!));
    }
    const printed = lines.filter((l) => l.msg === 'the workbook library printed while reading an upload');
    // exceljs warns twice for this name (and at most five lines a file are kept).
    expect(printed.length).toBeGreaterThan(0);
    for (const line of printed) {
      expect(line).toMatchObject({ level: 40, kind: 'policy', printed: expect.stringMatching(/^Worksheet name 中+$/u) });
      expect((line.printed as string).length).toBe(300);
    }
    expect(output.join('')).not.toMatch(/exceeds 31 chars/u);
  });
});
