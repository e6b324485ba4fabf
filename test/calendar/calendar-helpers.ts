// Instants in the tests are written as Shanghai wall-clock time, the way people say them.
import { parseInstant } from '../../src/calendar/instants.ts';
import { HOUR_MS } from '../../src/calendar/shanghai-time.ts';

/** `2026-02-13 17:00` (Asia/Shanghai) → epoch ms. */
export function sh(local: string): number {
  return parseInstant(`${local.replace(' ', 'T')}+08:00`).getTime();
}

export const hours = (n: number) => n * HOUR_MS;
export const days = (n: number) => n * 8 * HOUR_MS;
