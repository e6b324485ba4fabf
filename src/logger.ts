// Structured logs (pino) to stdout; the level comes from config. Errors are serialised here, once, for
// every `log.x({ err })` in the app: database errors carry their SQL, bound values and the server's echo of
// them (customer names, e-mail addresses) in `message`, `sql`, `sqlMessage` and `parameters`, so only their
// codes reach the log; stack traces only at debug level.
import { pino, type DestinationStream, type Logger } from 'pino';
import { isDatabaseError, isDatabaseUnavailable } from './db/database-errors.ts';

export type { Logger };

/** The properties of an error that say what happened without saying what data it happened to. */
const SAFE_FIELDS = ['code', 'errno', 'sqlState', 'syscall', 'fatal', 'status', 'statusCode'] as const;

/** A one-line description of an error that is safe to log or store: no SQL, no bound values. */
export function safeErrorMessage(err: unknown): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? err.slice(0, 2000) : 'non-error thrown';
  if (!isDatabaseError(err)) return err.message.slice(0, 2000);
  const code = (err as { code?: unknown }).code;
  const what = isDatabaseUnavailable(err) ? 'database unavailable' : 'database error';
  return typeof code === 'string' ? `${what} (${code})` : what;
}

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
  [field: string]: unknown;
}

function serializeError(err: unknown, withStack: boolean, depth = 0): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? safeErrorMessage(err) : err;
  const out: SerializedError = { type: err.name || err.constructor?.name || 'Error', message: safeErrorMessage(err) };
  for (const field of SAFE_FIELDS) {
    const value = (err as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[field] = value;
  }
  // A stack starts with the message (a database error's, SQL included): only its frames are kept.
  if (withStack && err.stack) out.stack = err.stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, withStack, depth + 1) as SerializedError;
  return out;
}

export function createLogger(level: string, name = 'entitle', destination?: DestinationStream): Logger {
  // Read when a line is written (never before `logger` exists), so a level changed at run time decides the stack.
  const err = (value: unknown) => serializeError(value, logger.isLevelEnabled('debug'));
  const options = { name, level, timestamp: pino.stdTimeFunctions.isoTime, serializers: { err, error: err, cause: err } };
  const logger: Logger = destination ? pino(options, destination) : pino(options);
  return logger;
}
