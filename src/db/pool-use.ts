// How busy the connection pool is, for /metrics. knex keeps its pool (tarn) on the client; it is read here because
// knex may only be touched in src/db. The pool is in memory: reading it never waits for the database.

export interface PoolUse {
  /** Connections handed out to queries or transactions. */
  used: number;
  /** Connections open and idle. */
  free: number;
  /** Queries waiting for a connection (acquires not yet granted). */
  pending: number;
  /** The most connections the pool opens. */
  max: number;
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/** The pool's figures, or null before knex made a pool or after it was destroyed. */
export function poolUse(db: { client: unknown }): PoolUse | null {
  // The pool is not part of knex's typed surface; its shape is tarn's, which knex has used since 0.16.
  const pool = (db.client as { pool?: TarnPool | null }).pool;
  if (!pool || typeof pool.numUsed !== 'function') return null;
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires(), max: pool.max };
}
