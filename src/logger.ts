// Structured logs (pino) to stdout; the level comes from config.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'entitle'): Logger {
  return pino({ name, level, timestamp: pino.stdTimeFunctions.isoTime });
}
