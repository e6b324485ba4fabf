// What a database error means, decided in one place from the drivers' codes (mysql2, better-sqlite3, knex's
// pool): "the database is unavailable, try again later" (connections refused, lost, killed, timed out, the
// pool exhausted, a row lock not granted in time, SQLite busy or unable to read its file) versus everything else. No knex import: the HTTP
// layer and the logger read these too.

/** mysql2's network and protocol codes for a connection that could not be made or has died. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_ENQUEUE_HANDSHAKE_TWICE',
  // The server's own words for going away: too many connections, shutting down, this connection killed
  // (MariaDB sends 1927 to the victim of KILL, 1317 to a killed query), the server gone or lost mid-query.
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_NET_READ_ERROR',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_WRITE_INTERRUPTED',
  'ER_NET_ERROR_ON_WRITE',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
  // Contention, the twin of SQLite's BUSY: a row lock not granted within innodb_lock_wait_timeout, or this
  // transaction chosen as a deadlock's victim and rolled back. Nothing was stored; the same request retried works.
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
]);

/** mysql2 errno values for the same, when a server sends a number the driver has no name for. */
const CONNECTION_ERRNOS = new Set([1040, 1053, 1152, 1153, 1158, 1159, 1160, 1161, 1205, 1213, 1317, 1927, 2002, 2003, 2006, 2013, 2055]);

/** SQLite result codes (extended codes start with these) for a database that cannot be used right now. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|PROTOCOL|NOLFS)(_|$)/;

/** The messages of errors that carry no code: knex's pool, and mysql2 writing to a closed connection. */
const UNAVAILABLE_MESSAGES = [
  /^Knex: Timeout acquiring a connection/,
  /^Unable to acquire a connection/,
  /Can't add new command when connection is in closed state/,
  /Can't write in closed state/,
  /^Connection lost: The server closed the connection/,
];

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  errno?: unknown;
  fatal?: unknown;
  message?: unknown;
  cause?: unknown;
}

function causes(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current = err;
  // A few levels: a domain error wrapping a knex error wrapping the driver's.
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

function unavailable(e: ErrorLike): boolean {
  // knex's pool gives up acquiring (tarn's own TimeoutError is converted to it; AbortSignal's shares that name).
  if (e.name === 'KnexTimeoutError') return true;
  // The outage breaker's fast answer (outage-breaker.ts).
  if (e.name === 'DatabaseOutageError') return true;
  const code = typeof e.code === 'string' ? e.code : '';
  if (CONNECTION_CODES.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
  // Node's own errno values are negative; these are the server's.
  if (typeof e.errno === 'number' && CONNECTION_ERRNOS.has(e.errno)) return true;
  // mysql2 marks every error that kills its connection as fatal.
  if (e.fatal === true) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return UNAVAILABLE_MESSAGES.some((m) => m.test(message));
}

/** True when the error (or what it wraps) says the database cannot be reached or used right now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return causes(err).some(unavailable);
}

/** True for a unique or primary key violation, on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as ErrorLike | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** knex puts the statement in front of a failed query's message: `${sql} - ${driver's message}`. */
const KNEX_SQL_PREFIX = /^\s*(select|insert|update|delete|with|create|alter|drop|pragma|replace|begin|commit|rollback|savepoint|release|set|show|kill|truncate|lock|unlock|call)\b[\s\S]* - /i;

/**
 * True for an error that came from a database driver or through knex: its message and properties may carry
 * SQL, bound values or the server's echo of them (personal data), so logs keep only its codes.
 */
export function isDatabaseError(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false;
  const e = err as ErrorLike & { sql?: unknown; sqlState?: unknown; sqlMessage?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  return (
    (typeof e.message === 'string' && KNEX_SQL_PREFIX.test(e.message)) ||
    // mysql2 marks each of its errors fatal or not; a network error it passes on carries the query's SQL too.
    typeof e.fatal === 'boolean' ||
    e.sql !== undefined ||
    e.sqlState !== undefined ||
    e.sqlMessage !== undefined ||
    code.startsWith('ER_') ||
    code.startsWith('SQLITE_') ||
    code.startsWith('PROTOCOL_') ||
    e.name === 'SqliteError' ||
    e.name === 'KnexTimeoutError'
  );
}
