// The body of a parse worker thread: reads one uploaded file at a time with the same readers the server
// would run in process, and posts the readout back (plain data, copied by structured clone). The thread's
// heap is capped by the pool, so a file that needs too much memory ends this thread, never the server.
import { getHeapStatistics } from 'node:v8';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { readContractFile, type ContractFileReadout } from './contract-file-reader.ts';
import { readPolicyWorkbook, type ImportPhase, type WorkbookReadout } from './read-policy-workbook.ts';
import type { XlsxGuardLimits } from '../workbook/xlsx-guard.ts';

export type ParseJob =
  | { id: number; kind: 'policy'; bytes: Uint8Array; limits?: Partial<XlsxGuardLimits> }
  | { id: number; kind: 'contract'; bytes: Uint8Array; filename: string; limits?: Partial<XlsxGuardLimits> };

export type WorkerMessage =
  | { id: number; type: 'progress'; phase: ImportPhase }
  /** `heapBytes`: the heap this thread holds after the job, so the pool can retire a thread grown fat. */
  | { id: number; type: 'done'; readout: WorkbookReadout | ContractFileReadout; heapBytes: number }
  /** A reader threw, which it never does for bad input: a defect, reported with its stack for the log. */
  | { id: number; type: 'failed'; error: string };

async function run(port: MessagePort, job: ParseJob): Promise<void> {
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const readout =
      job.kind === 'policy'
        ? await readPolicyWorkbook(bytes, { limits: job.limits, onProgress: (phase) => port.postMessage({ id: job.id, type: 'progress', phase } satisfies WorkerMessage) })
        : await readContractFile(bytes, job.filename, job.limits);
    port.postMessage({ id: job.id, type: 'done', readout, heapBytes: getHeapStatistics().total_heap_size } satisfies WorkerMessage);
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    port.postMessage({ id: job.id, type: 'failed', error } satisfies WorkerMessage);
  }
}

/** Serves jobs from the pool, one at a time (the pool never sends a second before the first is answered). */
export function serveParseJobs(port: MessagePort | null = parentPort): void {
  if (!port) throw new Error('serveParseJobs runs in a worker thread started by the parse pool');
  port.on('message', (job: ParseJob) => void run(port, job));
}
