// Uploaded files are read in worker threads, apart from the server's event loop and heap: a few at a time,
// each thread with a heap limit and each file with a wall-clock limit, the rest waiting in a short queue and
// the overflow told to come back. A thread that hits a limit is ended, which is the only way to take the
// memory back from a library mid-parse; a thread that grew large on a big file is retired after it, so the
// process returns to its size afterwards.
//
// The pool knows no file format: the readers it runs are named by a module (`readers`) that the threads load,
// so this adapter imports nothing of the documents read with it (src/uploads/upload-readers.ts names them).
import { Worker } from 'node:worker_threads';
import { DomainError } from '../shared/domain-error.ts';
import { importError, newReference, type ImportIssue, type ReadFault } from './import-issue.ts';
import type { ParseJob, ParseReadout, WorkerMessage } from './parse-worker.ts';
import type { XlsxGuardLimits } from './xlsx-guard.ts';

export type { ParseReader, ParseReaders, ParseReadout } from './parse-worker.ts';

export interface ParsePoolSettings {
  /** Files read at the same time, one thread each. */
  workers: number;
  /** Files that may wait for a thread; one more is refused as busy. */
  queue: number;
  /** Old-generation heap of each thread (resourceLimits.maxOldGenerationSizeMb). */
  heapMb: number;
  /** Wall-clock limit of one file, from the moment a thread takes it. */
  timeoutMs: number;
}

/** Enough of a logger (pino's) for the pool: the causes behind the references people are given. */
export interface PoolLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ParsePoolOptions extends ParsePoolSettings {
  /** A module whose `PARSE_READERS` (ParseReaders) the threads run, each job naming one by its key. */
  readers: URL;
  logger?: PoolLogger;
  /** A thread holding more heap than this after a file is retired (default: a quarter of heapMb, at least 64 MB). */
  recycleHeapMb?: number;
  /** An idle thread is ended after this long (default 30 s), so an idle server holds no parser. */
  idleMs?: number;
  /** Seconds a client refused as busy is told to wait. */
  retryAfterSeconds?: number;
}

export interface ParseRefusalDetails {
  limit?: string;
  value?: number;
  unit?: string;
  reference?: string;
}

export type ParseRefusalCode = 'PARSE_MEMORY_LIMIT' | 'PARSE_TIME_LIMIT' | 'PARSE_BUSY' | 'PARSE_STOPPED' | 'PARSE_FAILED';

/** A file the pool would not or could not read; the message names the limit, in Chinese and English. */
export class ParseRefusedError extends DomainError<ParseRefusalCode, ParseRefusalDetails> {
  /** Always set: the limit, the value and the reference a person can quote. */
  declare readonly details: ParseRefusalDetails;

  constructor(
    code: ParseRefusalCode,
    messageZh: string,
    message: string,
    private readonly expected: { zh: string; en: string },
    details: ParseRefusalDetails,
    retryAfterSeconds: number | null = null,
  ) {
    super(code, messageZh, message, details, { retryAfterSeconds });
  }

  /** The refusal as a file-level issue, for the pages that list an upload's problems. */
  asIssue(): ImportIssue {
    return importError({
      code: this.code,
      expected: this.expected.zh,
      expectedEn: this.expected.en,
      message: this.messageZh,
      messageEn: this.message,
      ...(this.details.reference ? { reference: this.details.reference } : {}),
    });
  }
}

/** A file to read: its bytes, and what the reader may need besides (a contract file's name, tighter limits). */
export interface ParseInput {
  bytes: Buffer;
  filename?: string;
  limits?: Partial<XlsxGuardLimits>;
}

export interface ParsePool {
  /** Reads a file in a thread with the reader `kind` names; `onProgress` hears the phases the reader reports. */
  read(kind: string, input: ParseInput, onProgress?: (phase: string) => void): Promise<ParseReadout>;
  /** Threads alive, files being read, files waiting. */
  stats(): { workers: number; busy: number; queued: number };
  /** Refuses what waits, ends every thread; reading afterwards is refused as stopped. */
  stop(): Promise<void>;
}

/** A job as submitted; the pool numbers it. */
type Input = Omit<ParseJob, 'id' | 'bytes'> & { bytes: Buffer };

interface Job {
  id: number;
  input: Input;
  onProgress?: (phase: string) => void;
  resolve: (readout: ParseReadout) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  startedAt: number;
  /** The thread has loaded its readers (it says so once). */
  ready: boolean;
}

const BOOT = new URL('./parse-worker-boot.js', import.meta.url);
/** What a new thread may take to load its readers, beyond a file's own time limit. */
const BOOT_MS = 60_000;
const MB = 1024 * 1024;

export function createParsePool(options: ParsePoolOptions): ParsePool {
  const { workers, queue: maxQueue, heapMb, timeoutMs, logger, readers } = options;
  const recycleBytes = (options.recycleHeapMb ?? Math.max(64, heapMb / 4)) * MB;
  const idleMs = options.idleMs ?? 30_000;
  const retryAfter = options.retryAfterSeconds ?? 5;
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let stopped = false;

  const refusals = {
    memory: (reference: string) =>
      new ParseRefusedError(
        'PARSE_MEMORY_LIMIT',
        `读取该文件需要的内存超过了 ${heapMb} MB 的上限(PARSE_HEAP_MB),为保护系统已停止读取,未保存任何内容:请删除不需要的工作表、行和格式,或把数据拆到几个文件中后重新上传(参考编号 ${reference})。`,
        `Reading this file needs more memory than the ${heapMb} MB limit (PARSE_HEAP_MB), so reading was stopped to protect the system and nothing was stored: delete the sheets, rows and formatting that are not needed, or split the data over several files, and upload it again (reference ${reference}).`,
        { zh: `读取时所需内存不超过 ${heapMb} MB 的文件`, en: `a file that can be read within ${heapMb} MB of memory` },
        { limit: 'PARSE_HEAP_MB', value: heapMb, unit: 'MB', reference },
      ),
    time: (reference: string) =>
      new ParseRefusedError(
        'PARSE_TIME_LIMIT',
        `读取该文件超过了 ${timeoutMs / 1000} 秒的时限(PARSE_TIMEOUT_S),为保护系统已停止读取,未保存任何内容:请删除不需要的工作表、行和格式,或把数据拆到几个文件中后重新上传(参考编号 ${reference})。`,
        `Reading this file took longer than the ${timeoutMs / 1000} s limit (PARSE_TIMEOUT_S), so reading was stopped to protect the system and nothing was stored: delete the sheets, rows and formatting that are not needed, or split the data over several files, and upload it again (reference ${reference}).`,
        { zh: `${timeoutMs / 1000} 秒内可以读完的文件`, en: `a file that can be read within ${timeoutMs / 1000} s` },
        { limit: 'PARSE_TIMEOUT_S', value: timeoutMs / 1000, unit: 's', reference },
      ),
    busy: () =>
      new ParseRefusedError(
        'PARSE_BUSY',
        `正在读取的上传文件太多(同时读取 ${workers} 个,排队 ${maxQueue} 个,PARSE_WORKERS / PARSE_QUEUE),未保存任何内容:请 ${retryAfter} 秒后重试。`,
        `Too many uploads are being read (${workers} at a time, ${maxQueue} waiting; PARSE_WORKERS / PARSE_QUEUE) and nothing was stored: try again in ${retryAfter} seconds.`,
        { zh: `${retryAfter} 秒后重试`, en: `a retry in ${retryAfter} seconds` },
        { limit: 'PARSE_QUEUE', value: maxQueue },
        retryAfter,
      ),
    stopped: () =>
      new ParseRefusedError('PARSE_STOPPED', '服务器正在停止,未读取该文件,未保存任何内容:请稍后重试。', 'The server is stopping, so the file was not read and nothing was stored: try again shortly.', { zh: '稍后重试', en: 'a retry shortly' }, {}, retryAfter),
    failed: (reference: string) =>
      new ParseRefusedError(
        'PARSE_FAILED',
        `读取该文件时出错,未保存任何内容:请在 Excel 中打开并另存后重新上传;如仍不行,请把参考编号 ${reference} 告诉管理员。`,
        `Reading the file failed and nothing was stored: open it in Excel, save it again and upload it; if that does not help, give the administrator the reference ${reference}.`,
        { zh: '可以用 Excel 正常打开的文件', en: 'a file that Excel opens' },
        { reference },
      ),
  };

  function describe(job: Job): object {
    const { input } = job;
    return { kind: input.kind, ...(input.filename === undefined ? {} : { filename: input.filename }), bytes: input.bytes.byteLength };
  }

  function spawn(): Slot {
    // No execArgv: the boot file registers tsx itself, the same under `tsx`, bin/entitle.js and vitest.
    const worker = new Worker(BOOT, { execArgv: [], workerData: { readers: readers.href }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    const slot: Slot = { worker, job: null, timer: null, idleTimer: null, startedAt: 0, ready: false };
    worker.on('message', (msg: WorkerMessage) => onMessage(slot, msg));
    worker.on('error', (err: Error & { code?: string }) => {
      const reference = newReference();
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        logger?.warn({ reference, ...(slot.job ? describe(slot.job) : {}), heapMb }, 'upload refused: reading it needed more memory than PARSE_HEAP_MB');
        end(slot, refusals.memory(reference));
      } else {
        logger?.error({ reference, ...(slot.job ? describe(slot.job) : {}), err, next: 'the upload is refused under this reference (the uploader may try again); the thread is replaced' }, 'a parse worker failed');
        end(slot, refusals.failed(reference));
      }
    });
    worker.on('exit', () => {
      // An exit nobody asked for (the pool removes a slot before it ends the thread).
      if (slots.includes(slot)) {
        const reference = newReference();
        logger?.error({ reference, ...(slot.job ? describe(slot.job) : {}), next: 'the upload it held is refused under this reference (the uploader may try again); the thread is replaced' }, 'a parse worker exited unexpectedly');
        end(slot, refusals.failed(reference));
      }
    });
    slots.push(slot);
    return slot;
  }

  /** Takes a slot out of service and ends its thread, refusing the job it held (if any) with `err`. */
  function end(slot: Slot, err: Error | null): void {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const job = slot.job;
    slot.job = null;
    if (job && err) job.reject(err);
    void slot.worker.terminate().catch(() => undefined);
    pump();
  }

  function start(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    slot.worker.ref();
    // A new thread's clock restarts when it has loaded its readers: on a busy machine that alone can take seconds
    // (the fuzz suite saw the unchanged sample refused after 10 s), and it is not the file's doing. Until then the
    // thread gets BOOT_MS more, so that one that never gets there is still ended.
    startClock(slot, job, slot.ready ? timeoutMs : timeoutMs + BOOT_MS);
    // The worker gets its own copy, transferred rather than copied again.
    const bytes = new Uint8Array(job.input.bytes);
    slot.worker.postMessage({ ...job.input, id: job.id, bytes } as ParseJob, [bytes.buffer]);
  }

  function startClock(slot: Slot, job: Job, ms: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.startedAt = Date.now();
    slot.timer = setTimeout(() => {
      const reference = newReference();
      logger?.warn({ reference, ...describe(job), timeoutMs }, 'upload refused: reading it took longer than PARSE_TIMEOUT_S');
      end(slot, refusals.time(reference));
    }, ms);
  }

  function onMessage(slot: Slot, msg: WorkerMessage): void {
    if (msg.type === 'ready') {
      slot.ready = true;
      if (slot.job) startClock(slot, slot.job, timeoutMs);
      return;
    }
    const job = slot.job;
    if (!job || msg.id !== job.id) return;
    if (msg.type === 'progress') return job.onProgress?.(msg.phase);
    if (msg.type === 'printed') return logger?.warn({ ...describe(job), printed: msg.text }, 'the workbook library printed while reading an upload');
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    if (msg.type === 'failed') {
      const reference = newReference();
      logger?.error({ reference, ...describe(job), error: msg.error, next: 'the upload is refused under this reference; not retried: the uploader may try again' }, 'reading an upload failed');
      job.reject(refusals.failed(reference));
      return end(slot, null);
    }
    logFaults(job, msg.readout.faults);
    delete msg.readout.faults;
    job.resolve(msg.readout);
    if (msg.heapBytes > recycleBytes) {
      // Ending the thread is what gives a big file's memory back to the system.
      logger?.debug({ heapMb: Math.round(msg.heapBytes / MB), ms: Date.now() - slot.startedAt, ...describe(job) }, 'parse worker retired after a large file');
      return end(slot, null);
    }
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => end(slot, null), idleMs);
    slot.idleTimer.unref();
    pump();
  }

  function logFaults(job: Job, faults: ReadFault[] | undefined): void {
    for (const fault of faults ?? []) logger?.warn({ reference: fault.reference, detail: fault.detail, ...describe(job) }, 'upload refused: the workbook library could not read it');
  }

  function pump(): void {
    while (!stopped && waiting.length > 0) {
      const slot = slots.find((s) => !s.job) ?? (slots.length < workers ? spawn() : null);
      if (!slot) return;
      start(slot, waiting.shift()!);
    }
  }

  function submit(input: Input, onProgress?: (phase: string) => void): Promise<ParseReadout> {
    if (stopped) return Promise.reject(refusals.stopped());
    const busy = slots.filter((s) => s.job).length;
    if (busy >= workers && waiting.length >= maxQueue) return Promise.reject(refusals.busy());
    return new Promise<ParseReadout>((resolve, reject) => {
      waiting.push({ id: nextId++, input, onProgress, resolve, reject });
      pump();
    });
  }

  return {
    read: (kind, { bytes, filename, limits }, onProgress) => submit({ kind, bytes, ...(filename === undefined ? {} : { filename }), limits: plain(limits) }, onProgress),
    stats: () => ({ workers: slots.length, busy: slots.filter((s) => s.job).length, queued: waiting.length }),
    async stop() {
      stopped = true;
      for (const job of waiting.splice(0)) job.reject(refusals.stopped());
      const ending = slots.map((s) => s.worker);
      for (const slot of [...slots]) end(slot, refusals.stopped());
      await Promise.all(ending.map((w) => w.terminate().catch(() => undefined)));
    },
  };
}

/** Limits as plain numbers: they cross to the thread by structured clone. */
function plain(limits: Partial<XlsxGuardLimits> | undefined): Partial<XlsxGuardLimits> | undefined {
  return limits ? { ...limits } : undefined;
}
