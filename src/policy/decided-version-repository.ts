// The other half of moving in's lock (see moving-in.ts): a record decided under a version is written only while
// that version is still the one in force at the record's instant. Writers of records (service requests, quota
// uses, quotes) call holdDecidedVersion first in their transaction; a backdated activation locks every version
// row for update before it looks for records, so the two never pass each other — on MySQL by the row locks, on
// SQLite because its one connection runs one transaction at a time.
import type { Knex } from 'knex';
import { PolicyChangedError } from './moving-in.ts';
import type { DecisionRecordRef } from './policy-store.ts';

type Q = Knex | Knex.Transaction;

const isMysql = (q: Q) => q.client.config.client === 'mysql2';

/**
 * The version in force at an instant: the latest effective activation not withdrawn, the later one on a tie. `locking`
 * reads it as committed now (MySQL), whatever snapshot the transaction holds or would otherwise start.
 */
export async function versionInForce(q: Q, at: string, locking = false): Promise<number | null> {
  const query = q('policy_activations as a')
    .join('policy_versions as v', 'v.id', 'a.policy_version_id')
    .whereNull('a.withdrawn_by')
    .where('a.effective_from', '<=', at)
    .orderBy('a.effective_from', 'desc')
    .orderBy('a.id', 'desc')
    .first('v.version');
  const row = (await (locking && isMysql(q) ? query.forShare() : query)) as { version: number } | undefined;
  return row ? Number(row.version) : null;
}

/**
 * Holds the decided version's row in share mode (MySQL) for the rest of the transaction, then checks that the
 * version is still the one in force at `at`; throws PolicyChangedError when it is not, and nothing is written.
 * Both reads are locking reads on MySQL: they see what is committed, and they do not start the transaction's
 * snapshot (a writer's own count after its row lock, such as the quota ledger's, must see the latest uses).
 */
export async function holdDecidedVersion(trx: Knex.Transaction, decided: { version: number; at: string }): Promise<void> {
  const row = trx('policy_versions').where({ version: decided.version }).select('id');
  await (isMysql(trx) ? row.forShare() : row).first();
  const inForce = await versionInForce(trx, decided.at, true);
  if (inForce !== decided.version) throw new PolicyChangedError(decided.version, inForce);
}

/** Every version row, for update: what a backdated activation holds while it looks for records and changes activations. */
export async function lockAllVersions(trx: Knex.Transaction): Promise<void> {
  if (isMysql(trx)) await trx('policy_versions').select('id').forUpdate();
}

/**
 * The earliest record with its instant in [from, until) (until null: no end) that was decided under another
 * version than `version` (a use that kept no version counts as another).
 */
export async function firstRecordDecidedOtherwise(q: Q, range: { from: string; until: string | null; version: number }): Promise<DecisionRecordRef | null> {
  const within = (b: Knex.QueryBuilder, column: string) => {
    b.where(column, '>=', range.from);
    if (range.until !== null) b.where(column, '<', range.until);
    return b;
  };
  const request = (await within(q('service_requests'), 'opened_at')
    .whereNot('policy_version', range.version)
    .orderBy('opened_at')
    .first('id', 'contract_id', 'opened_at as at', 'policy_version')) as Row | undefined;
  const use = (await within(q('quota_usage'), 'used_at')
    .where((w) => w.whereNull('policy_version').orWhereNot('policy_version', range.version))
    .orderBy('used_at')
    .first('id', 'contract_id', 'used_at as at', 'policy_version')) as Row | undefined;
  const quote = (await within(q('quotes'), 'created_at')
    .whereNot('policy_version', range.version)
    .orderBy('created_at')
    .first('id', 'number', 'created_at as at', 'policy_version')) as (Row & { number: string }) | undefined;
  const found: DecisionRecordRef[] = [];
  const version = (r: Row) => (r.policy_version === null ? null : Number(r.policy_version));
  if (request) found.push({ kind: 'service_request', id: Number(request.id), name: `#${request.id}`, contractId: Number(request.contract_id), at: request.at, version: version(request) });
  if (use) found.push({ kind: 'quota_use', id: Number(use.id), name: `#${use.id}`, contractId: Number(use.contract_id), at: use.at, version: version(use) });
  if (quote) found.push({ kind: 'quote', id: Number(quote.id), name: quote.number, contractId: null, at: quote.at, version: version(quote) });
  return found.sort((a, b) => a.at.localeCompare(b.at))[0] ?? null;
}

interface Row {
  id: number;
  contract_id?: number;
  at: string;
  policy_version: number | null;
}
