// What every benchmark script shares: a seeded generator, rate measurement in rounds, and figures.
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** A small deterministic generator (mulberry32), so every run measures the same mix. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Operations per second: `batch` calls of `run` at a time (clock reads stay out of the measured work) for `ms`. */
export function rate(ms: number, batch: number, run: (i: number) => void): number {
  let done = 0;
  const started = performance.now();
  const end = started + ms;
  while (performance.now() < end) {
    for (let k = 0; k < batch; k++) run(done + k);
    done += batch;
  }
  return done / ((performance.now() - started) / 1000);
}

/** As `rate`, for an operation that returns a promise. */
export async function rateAsync(ms: number, batch: number, run: (i: number) => Promise<void>): Promise<number> {
  let done = 0;
  const started = performance.now();
  const end = started + ms;
  while (performance.now() < end) {
    for (let k = 0; k < batch; k++) await run(done + k);
    done += batch;
  }
  return done / ((performance.now() - started) / 1000);
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.release()}, node ${process.version}; load average ${load} (anything else running skews the figures)`;
}
