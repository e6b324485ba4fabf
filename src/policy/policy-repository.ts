// The knex implementation of PolicyStore, the same on SQLite and MySQL.
import type { Knex } from 'knex';
import type { PolicyActivationRecord, PolicyStore, PolicyVersionRecord } from './policy-store.ts';

const VERSION_COLUMNS = ['id', 'version', 'workbook_sha256', 'filename', 'rule_count', 'summary_json', 'created_at', 'created_by'];

interface VersionRow {
  id: number;
  version: number;
  workbook_sha256: string;
  filename: string;
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

export function createPolicyRepository(db: Knex): PolicyStore {
  const activations = () =>
    db('policy_activations as a')
      .join('policy_versions as v', 'v.id', 'a.policy_version_id')
      .select('a.id', 'a.policy_version_id', 'v.version', 'a.effective_from', 'a.activated_at', 'a.activated_by');

  return {
    async findBySha256(sha256) {
      const row = (await db('policy_versions').select(VERSION_COLUMNS).where({ workbook_sha256: sha256 }).first()) as VersionRow | undefined;
      return row ? toVersion(row) : null;
    },

    async insertVersion(input) {
      return db.transaction(async (trx) => {
        const last = await trx('policy_versions').max({ v: 'version' }).first();
        const version = Number(last?.v ?? 0) + 1;
        const [inserted] = await trx('policy_versions').insert({
          version,
          workbook_sha256: input.workbookSha256,
          filename: input.filename,
          rules_json: input.rulesJson,
          summary_json: input.summaryJson,
          rule_count: input.ruleCount,
          created_at: input.createdAt,
          created_by: input.createdBy,
        });
        // MySQL returns the insert id; SQLite too (as rowid) — both resolve to the new id.
        const id = Number(inserted);
        await trx('policy_workbooks').insert({ policy_version_id: id, bytes: input.workbook, size_bytes: input.workbook.length });
        const row = (await trx('policy_versions').select(VERSION_COLUMNS).where({ id }).first()) as VersionRow;
        return toVersion(row);
      });
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
      const row = await db('policy_versions').select('rules_json').where({ version }).first();
      return row ? (row.rules_json as string) : null;
    },

    async getWorkbook(version) {
      const row = await db('policy_workbooks as w')
        .join('policy_versions as v', 'v.id', 'w.policy_version_id')
        .select('w.bytes')
        .where('v.version', version)
        .first();
      return row ? Buffer.from(row.bytes as Uint8Array) : null;
    },

    async addActivation(policyVersionId, effectiveFrom, activatedAt, activatedBy) {
      const [id] = await db('policy_activations').insert({
        policy_version_id: policyVersionId,
        effective_from: effectiveFrom,
        activated_at: activatedAt,
        activated_by: activatedBy,
      });
      const row = await activations().where('a.id', Number(id)).first();
      return toActivation(row as ActivationRow);
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
  };
}
