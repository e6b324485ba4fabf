// While MySQL cannot be reached, every query would wait in the pool: knex's pool rejects one waiting request per
// failed connection attempt and retries every 200 ms, so under load most requests waited seconds (up to the
// acquire timeout) for their 503. This breaker answers at once instead: after a connection attempt fails, each
// query fails fast with DatabaseOutageError (a 503 like any outage), and one real attempt goes through every
// `probeEveryMs` to find the database back — the first that connects closes the breaker, so recovery takes a
// fraction of a second after the database returns. Nothing changes while the database is reachable.
import type { Knex } from 'knex';
import { isDatabaseUnavailable } from './database-errors.ts';

/** What a query is told while the breaker is open; database-errors.ts reads it as "unavailable". */
export class DatabaseOutageError extends Error {
  override name = 'DatabaseOutageError';
  constructor(cause: unknown) {
    super('The database is unreachable: answering at once while a connection is retried', { cause });
  }
}

export interface OutageEvents {
  opened(err: unknown): void;
  closed(downMs: number): void;
}

/** A failed attempt to connect, not a busy pool: a pool merely full under load must not open the breaker. */
function connectionFailed(err: unknown): boolean {
  const e = err as { name?: unknown } | null;
  return e?.name !== 'KnexTimeoutError' && !(err instanceof DatabaseOutageError) && isDatabaseUnavailable(err);
}

/** Wraps the knex client's acquireConnection, which every query and transaction goes through. */
export function guardAgainstOutages(db: Knex, events: OutageEvents, probeEveryMs = 250): void {
  const client = db.client as { acquireConnection(): Promise<unknown> };
  const acquire = client.acquireConnection.bind(client);
  let openedAt: number | null = null;
  let lastError: unknown = null;
  let lastProbe = 0;
  let probing = false;

  client.acquireConnection = async () => {
    if (openedAt !== null) {
      const now = Date.now();
      if (probing || now - lastProbe < probeEveryMs) throw new DatabaseOutageError(lastError);
      probing = true;
      lastProbe = now;
      try {
        const connection = await acquire();
        const downMs = now - openedAt;
        openedAt = null;
        events.closed(downMs);
        return connection;
      } catch (err) {
        lastError = err;
        throw err;
      } finally {
        probing = false;
      }
    }
    try {
      return await acquire();
    } catch (err) {
      if (openedAt === null && connectionFailed(err)) {
        openedAt = Date.now();
        lastProbe = openedAt;
        lastError = err;
        events.opened(err);
      }
      throw err;
    }
  };
}
