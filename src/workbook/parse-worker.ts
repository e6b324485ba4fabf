// The body of a parse worker thread: reads one uploaded file at a time with the same readers the server
// would run in process, and posts the readout back (plain data, copied by structured clone). The thread's
// heap is capped by the pool, so a file that needs too much memory ends this thread, never the server.
import { format } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { ReadFault } from './import-issue.ts';
import type { XlsxGuardLimits } from './xlsx-guard.ts';

/** What a reader gives back: plain data, and what a library said when it failed (logged by the pool, then dropped). */
export interface ParseReadout {
  faults?: ReadFault[];
}

/** Reads one file's bytes; never throws for bad input (a throw is a defect, logged as such). */
export type ParseReader = (bytes: Buffer, job: { filename?: string; limits?: Partial<XlsxGuardLimits>; onProgress: (phase: string) => void }) => Promise<ParseReadout>;

/** The readers a pool's threads may run, by the name a job gives. */
export type ParseReaders = Readonly<Record<string, ParseReader>>;

export interface ParseJob {
  id: number;
  /** Which reader: a key of the readers module's PARSE_READERS. */
  kind: string;
  bytes: Uint8Array;
  filename?: string;
  limits?: Partial<XlsxGuardLimits>;
}

export type WorkerMessage =
  /** The thread has loaded its readers: a file's time limit runs from here, not from the thread's start. */
  | { type: 'ready' }
  | { id: number; type: 'progress'; phase: string }
  /** What a library printed on the console while reading (exceljs warns so), cut short, for the pool's log. */
  | { id: number; type: 'printed'; text: string }
  /** `heapBytes`: the heap this thread holds after the job, so the pool can retire a thread grown fat. */
  | { id: number; type: 'done'; readout: ParseReadout; heapBytes: number }
  /** A reader threw, which it never does for bad input: a defect, reported with its stack for the log. */
  | { id: number; type: 'failed'; error: string };

async function run(port: MessagePort, readers: ParseReaders, job: ParseJob): Promise<void> {
  try {
    const read = readers[job.kind];
    if (!read) throw new Error(`no parse reader named ${job.kind}`);
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const readout = await read(bytes, {
      ...(job.filename === undefined ? {} : { filename: job.filename }),
      limits: job.limits,
      onProgress: (phase) => port.postMessage({ id: job.id, type: 'progress', phase } satisfies WorkerMessage),
    });
    port.postMessage({ id: job.id, type: 'done', readout, heapBytes: getHeapStatistics().total_heap_size } satisfies WorkerMessage);
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    port.postMessage({ id: job.id, type: 'failed', error } satisfies WorkerMessage);
  }
}

/** Lines kept of what one file made a library print, and characters of each: the text can be the file's own. */
const MAX_PRINTED_LINES = 5;
const MAX_PRINTED_CHARS = 300;

/**
 * A library's console output during a job goes to the pool (which logs it with the job) instead of the server's
 * stdout: exceljs prints "Worksheet name … exceeds 31 chars" with the whole name, which the fuzz suite made 40,000
 * characters long, once a file, outside the structured log.
 */
function captureConsole(port: MessagePort, current: () => ParseJob | null): void {
  let job: ParseJob | null = null;
  let lines = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const now = current();
      if (!now) return original(...args);
      if (now !== job) [job, lines] = [now, 0];
      if (lines++ < MAX_PRINTED_LINES) port.postMessage({ id: now.id, type: 'printed', text: format(...args).slice(0, MAX_PRINTED_CHARS) } satisfies WorkerMessage);
    };
  }
}

/** Serves jobs from the pool, one at a time (the pool never sends a second before the first is answered). */
export function serveParseJobs(readers: ParseReaders, port: MessagePort | null = parentPort): void {
  if (!port) throw new Error('serveParseJobs runs in a worker thread started by the parse pool');
  let current: ParseJob | null = null;
  captureConsole(port, () => current);
  port.on('message', (job: ParseJob) => {
    current = job;
    void run(port, readers, job).finally(() => {
      if (current === job) current = null;
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
