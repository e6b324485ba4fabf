// The knex implementation of JobRunStore, the same on SQLite and MySQL. Claiming is an INSERT or, when the key is
// taken, one conditional UPDATE: the database's row atomicity decides between instances, no lock is held across a
// round trip.
import type { Knex } from 'knex';
import type { JobOutcome, JobTrigger } from './job-types.ts';
import type { JobRun, JobRunClaim, JobRunFilter, JobRunStatus, JobRunStore } from './job-run-store.ts';

interface JobRunRow {
  id: number;
  run_key: string;
  job: string;
  slot: string;
  trigger: string;
  status: string;
  instance: string;
  actor: string;
  dry_run: number | boolean;
  started_at: string;
  lease_until: string;
  finished_at: string | null;
  outcome_json: string | null;
  error: string | null;
}

const LIMITS = { runKey: 120, job: 32, instance: 100, actor: 100, error: 4000 } as const;

function toRun(r: JobRunRow): JobRun {
  return {
    id: Number(r.id),
    runKey: r.run_key,
    job: r.job,
    slot: r.slot,
    trigger: r.trigger as JobTrigger,
    status: r.status as JobRunStatus,
    instance: r.instance,
    actor: r.actor,
    dryRun: Boolean(Number(r.dry_run)),
    startedAt: r.started_at,
    leaseUntil: r.lease_until,
    finishedAt: r.finished_at,
    outcome: r.outcome_json === null ? null : (JSON.parse(r.outcome_json) as JobOutcome),
    error: r.error,
  };
}

function whereRuns(q: Knex.QueryBuilder, filter: JobRunFilter): Knex.QueryBuilder {
  if (filter.job !== undefined) q.where({ job: filter.job });
  if (filter.status !== undefined) q.where({ status: filter.status });
  return q;
}

/** Refuses what the columns cannot hold, so MySQL's strict mode and SQLite's lack of it end up the same. */
function checkClaim(key: string, c: JobRunClaim): void {
  const problems: string[] = [];
  for (const [field, value, max] of [['key', key, LIMITS.runKey], ['job', c.job, LIMITS.job], ['instance', c.instance, LIMITS.instance], ['actor', c.actor, LIMITS.actor]] as const) {
    if (value.trim() === '') problems.push(`${field} is empty`);
    if (value.length > max) problems.push(`${field} is longer than ${max} characters`);
  }
  if (problems.length > 0) throw new Error(`Cannot record the run ${key}: ${problems.join('; ')}`);
}

// The same test as outbox-repository.ts: the two engines' codes for a duplicate unique key.
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function createJobRunRepository(db: Knex): JobRunStore {
  return {
    async claim(key, c) {
      checkClaim(key, c);
      const now = c.now.toISOString();
      const fresh = {
        trigger: c.trigger,
        status: 'running',
        instance: c.instance,
        actor: c.actor,
        dry_run: c.dryRun,
        started_at: now,
        lease_until: c.leaseUntil.toISOString(),
        finished_at: null,
        outcome_json: null,
        error: null,
      };
      try {
        await db('job_runs').insert({ run_key: key, job: c.job, slot: c.slot.toISOString(), ...fresh });
        return true;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      // The key is taken. Whoever's UPDATE matches first wins: it sets status running with a future lease, so the
      // other instance's UPDATE, evaluated after it (MySQL re-reads the locked row, SQLite serialises writers),
      // matches nothing.
      const won = await db('job_runs')
        .where({ run_key: key })
        .andWhere((q) => q.where({ status: 'failed' }).orWhere((r) => r.where({ status: 'running' }).andWhere('lease_until', '<=', now)))
        .update(fresh);
      return won === 1;
    },

    async finish(key, instance, outcome, now) {
      const changed = await db('job_runs')
        .where({ run_key: key, instance, status: 'running' })
        .update({ status: 'done', finished_at: now.toISOString(), outcome_json: JSON.stringify(outcome), error: null });
      return changed === 1;
    },

    async fail(key, instance, error, now) {
      const changed = await db('job_runs')
        .where({ run_key: key, instance, status: 'running' })
        .update({ status: 'failed', finished_at: now.toISOString(), error: error.slice(0, LIMITS.error) });
      return changed === 1;
    },

    async latest(job) {
      const row = (await db('job_runs').max({ slot: 'slot' }).where({ job, status: 'done' }).whereNot({ trigger: 'manual' }).first()) as { slot: string | null } | undefined;
      return row?.slot ? new Date(row.slot) : null;
    },

    async unfinished(job, since) {
      const rows = (await db('job_runs')
        .select('slot')
        .where({ job })
        .whereNot({ status: 'done' })
        .whereNot({ trigger: 'manual' })
        .andWhere('slot', '>', since.toISOString())
        .orderBy('slot')) as Array<{ slot: string }>;
      return rows.map((r) => new Date(r.slot));
    },

    async list(query) {
      const q = whereRuns(db('job_runs').select('*'), query);
      const order = query.order ?? 'newest';
      const sorted = order === 'oldest' ? q.orderBy('id', 'asc') : order === 'period' ? q.orderBy([{ column: 'slot', order: 'desc' }, { column: 'id', order: 'desc' }]) : q.orderBy('id', 'desc');
      const rows = (await sorted.limit(query.limit).offset(query.offset)) as JobRunRow[];
      return rows.map(toRun);
    },

    async count(filter) {
      const rows = (await whereRuns(db('job_runs'), filter).count({ n: '*' })) as { n: number | string }[];
      return Number(rows[0]?.n ?? 0);
    },

    async get(id) {
      const row = (await db('job_runs').where({ id }).first()) as JobRunRow | undefined;
      return row ? toRun(row) : null;
    },
  };
}
