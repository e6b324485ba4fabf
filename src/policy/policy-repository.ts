// The knex implementation of PolicyStore, the same on SQLite and MySQL.
import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/database-errors.ts';
import { insertAuditEntry } from '../audit/audit-log.ts';
import type { BackdateCheck, NewActivation, PolicyActivationRecord, PolicyStore, PolicyVersionRecord, WithdrawnActivationRecord } from './policy-store.ts';
import { firstRecordDecidedOtherwise, lockAllVersions } from './decided-version-repository.ts';
import { touchedContractsPage } from './touched-contracts-repository.ts';

const VERSION_COLUMNS = ['id', 'version', 'workbook_sha256', 'filename', 'workbook_size', 'rule_count', 'summary_json', 'created_at', 'created_by'];

/** 1 MB of bytes is 2 MB of hex in a MySQL statement, far below the default 16 MB max_allowed_packet. */
const CHUNK_BYTES = 1024 * 1024;

type BlobKind = 'workbook' | 'rules';

interface VersionRow {
  id: number;
  version: number;
  workbook_sha256: string;
  filename: string;
  workbook_size: number;
  rule_count: number;
  summary_json: string;
  created_at: string;
  created_by: string;
}

interface ActivationRow {
  id: number;
  policy_version_id: number;
  version: number;
  effective_from: string;
  activated_at: string;
  activated_by: string;
}

const toVersion = (r: VersionRow): PolicyVersionRecord => ({
  id: Number(r.id),
  version: Number(r.version),
  workbookSha256: r.workbook_sha256,
  filename: r.filename,
  workbookSize: Number(r.workbook_size),
  ruleCount: Number(r.rule_count),
  summaryJson: r.summary_json,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const toActivation = (r: ActivationRow): PolicyActivationRecord => ({
  id: Number(r.id),
  policyVersionId: Number(r.policy_version_id),
  version: Number(r.version),
  effectiveFrom: r.effective_from,
  activatedAt: r.activated_at,
  activatedBy: r.activated_by,
});

async function writeBlob(trx: Knex.Transaction, versionId: number, kind: BlobKind, bytes: Buffer): Promise<void> {
  for (let seq = 0, offset = 0; offset < bytes.length || seq === 0; seq++, offset += CHUNK_BYTES) {
    await trx('policy_blobs').insert({ policy_version_id: versionId, kind, seq, bytes: bytes.subarray(offset, offset + CHUNK_BYTES) });
  }
}

export function createPolicyRepository(db: Knex): PolicyStore {
  // An activation withdrawn by moving in stays in the table, for history, but is never in force.
  const activations = (q: Knex | Knex.Transaction = db) =>
    q('policy_activations as a')
      .join('policy_versions as v', 'v.id', 'a.policy_version_id')
      .whereNull('a.withdrawn_by')
      .select('a.id', 'a.policy_version_id', 'v.version', 'a.effective_from', 'a.activated_at', 'a.activated_by');

  /**
   * Moving in, inside `trx`: every version row locked for update (writers of records hold theirs in share mode), the
   * facts read, `check` asked (it throws to refuse), then the activation added and the activations it replaces withdrawn.
   */
  async function backdate(trx: Knex.Transaction, versionId: number, a: NewActivation, check: BackdateCheck) {
    await lockAllVersions(trx);
    const version = Number(((await trx('policy_versions').where({ id: versionId }).first('version')) as { version: number }).version);
    const before = (await activations(trx).where('a.effective_from', '<', a.effectiveFrom).orderBy('a.effective_from', 'desc').orderBy('a.id', 'desc').first()) as ActivationRow | undefined;
    const replaced = ((await activations(trx)
      .where('a.effective_from', '>=', a.effectiveFrom)
      .where('a.effective_from', '<=', a.activatedAt)
      .whereNot('a.policy_version_id', versionId)
      .orderBy('a.effective_from')) as ActivationRow[]).map(toActivation);
    // The activation takes over until the next one scheduled after now; records beyond that stay as they were decided.
    const next = (await activations(trx).where('a.effective_from', '>', a.activatedAt).orderBy('a.effective_from').first()) as ActivationRow | undefined;
    const blocking = await firstRecordDecidedOtherwise(trx, { from: a.effectiveFrom, until: next?.effective_from ?? null, version });
    check({ version, before: before ? toActivation(before) : null, replaced, blocking });
    const same = (await activations(trx).where('a.policy_version_id', versionId).where('a.effective_from', a.effectiveFrom).first()) as ActivationRow | undefined;
    const activation = same ? toActivation(same) : await insertActivation(trx, versionId, a);
    if (replaced.length > 0) {
      await trx('policy_activations')
        .whereIn('id', replaced.map((r) => r.id))
        .update({ withdrawn_by: activation.id, withdrawn_at: a.activatedAt });
    }
    return { activation, created: !same || replaced.length > 0, withdrawn: replaced };
  }

  async function insertActivation(q: Knex | Knex.Transaction, versionId: number, a: NewActivation): Promise<PolicyActivationRecord> {
    const [id] = await q('policy_activations').insert({
      policy_version_id: versionId,
      effective_from: a.effectiveFrom,
      activated_at: a.activatedAt,
      activated_by: a.activatedBy,
      follows_activation_id: a.follows ?? null,
    });
    return toActivation((await activations(q).where('a.id', Number(id)).first()) as ActivationRow);
  }

  async function readBlob(version: number, kind: BlobKind): Promise<Buffer | null> {
    const rows = (await db('policy_blobs as b')
      .join('policy_versions as v', 'v.id', 'b.policy_version_id')
      .select('b.bytes')
      .where({ 'v.version': version, 'b.kind': kind })
      .orderBy('b.seq')) as { bytes: Uint8Array }[];
    return rows.length ? Buffer.concat(rows.map((r) => Buffer.from(r.bytes))) : null;
  }

  return {
    async findBySha256(sha256) {
      const row = (await db('policy_versions').select(VERSION_COLUMNS).where({ workbook_sha256: sha256 }).first()) as VersionRow | undefined;
      return row ? toVersion(row) : null;
    },

    async insertVersion(input, activation, backdateCheck) {
      return db.transaction(async (trx) => {
        const last = await trx('policy_versions').max({ v: 'version' }).first();
        const [inserted] = await trx('policy_versions').insert({
          version: Number(last?.v ?? 0) + 1,
          workbook_sha256: input.workbookSha256,
          filename: input.filename,
          workbook_size: input.workbook.length,
          rule_count: input.ruleCount,
          summary_json: input.summaryJson,
          created_at: input.createdAt,
          created_by: input.createdBy,
        });
        const id = Number(inserted);
        await writeBlob(trx, id, 'workbook', input.workbook);
        await writeBlob(trx, id, 'rules', Buffer.from(input.rulesJson, 'utf8'));
        const record = toVersion((await trx('policy_versions').select(VERSION_COLUMNS).where({ id }).first()) as VersionRow);
        if (activation && backdateCheck) return { record, activation: (await backdate(trx, id, activation, backdateCheck)).activation };
        return { record, activation: activation ? await insertActivation(trx, id, activation) : null };
      });
    },

    async addBackdatedActivation(versionId, activation, check) {
      return db.transaction((trx) => backdate(trx, versionId, activation, check));
    },

    async getVersion(version) {
      const row = (await db('policy_versions').select(VERSION_COLUMNS).where({ version }).first()) as VersionRow | undefined;
      return row ? toVersion(row) : null;
    },

    async listVersions() {
      const rows = (await db('policy_versions').select(VERSION_COLUMNS).orderBy('version', 'desc')) as VersionRow[];
      return rows.map(toVersion);
    },

    async getRulesJson(version) {
      return (await readBlob(version, 'rules'))?.toString('utf8') ?? null;
    },

    getWorkbook: (version) => readBlob(version, 'workbook'),

    async addActivation(versionId, activation) {
      try {
        return { activation: await insertActivation(db, versionId, activation), created: true };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // A parallel ask won: its row is the answer.
        const holder = (await activations()
          .where('a.policy_version_id', versionId)
          .where((w) => {
            w.where('a.effective_from', activation.effectiveFrom);
            if (activation.follows !== undefined && activation.follows !== null) w.orWhere('a.follows_activation_id', activation.follows);
          })
          .orderBy('a.id')
          .first()) as ActivationRow | undefined;
        if (!holder) throw err;
        return { activation: toActivation(holder), created: false };
      }
    },

    async listActivations() {
      const rows = await activations().orderBy('a.effective_from', 'desc').orderBy('a.id', 'desc');
      return (rows as ActivationRow[]).map(toActivation);
    },

    async activationAt(instant) {
      const row = await activations()
        .where('a.effective_from', '<=', instant)
        .orderBy('a.effective_from', 'desc')
        .orderBy('a.id', 'desc')
        .first();
      return row ? toActivation(row as ActivationRow) : null;
    },

    async withdrawScheduled(versionId, actor, now, audit) {
      return db.transaction(async (trx) => {
        // The same lock moving in takes: writers of records hold their version's row in share mode, so none is
        // decided under this version while we look, and the instant compared is read only once we hold it.
        await lockAllVersions(trx);
        const at = now();
        const mine = ((await activations(trx).where('a.policy_version_id', versionId).orderBy('a.effective_from', 'desc')) as ActivationRow[]).map(toActivation);
        const pending = mine.filter((a) => a.effectiveFrom > at);
        if (pending.length === 0) return mine.length > 0 ? { status: 'in_effect' as const, activation: mine[0]! } : { status: 'not_scheduled' as const };
        for (const a of pending) {
          // Its own id: nothing replaced it (moving in names the activation that did).
          await trx('policy_activations').where({ id: a.id }).whereNull('withdrawn_by').update({ withdrawn_by: a.id, withdrawn_at: at, withdrawn_actor: actor });
        }
        const withdrawn = pending.map((a) => ({ ...a, withdrawnAt: at, withdrawnBy: actor }));
        await insertAuditEntry(trx, audit(withdrawn), at);
        return { status: 'withdrawn' as const, withdrawn };
      });
    },

    touchedContracts: (scope, today, offset, limit) => touchedContractsPage(db, scope, today, offset, limit),

    async listWithdrawals() {
      const rows = (await db('policy_activations as a')
        .join('policy_versions as v', 'v.id', 'a.policy_version_id')
        .whereNotNull('a.withdrawn_actor')
        .orderBy('a.withdrawn_at', 'desc')
        .orderBy('a.id', 'desc')
        .select('a.id', 'a.policy_version_id', 'v.version', 'a.effective_from', 'a.activated_at', 'a.activated_by', 'a.withdrawn_at', 'a.withdrawn_actor')) as (ActivationRow & { withdrawn_at: string; withdrawn_actor: string })[];
      return rows.map((r): WithdrawnActivationRecord => ({ ...toActivation(r), withdrawnAt: r.withdrawn_at, withdrawnBy: r.withdrawn_actor }));
    },

    async ping() {
      await db.raw('select 1');
    },
  };
}
