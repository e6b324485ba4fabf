// The policy use cases: import a workbook as a draft version, activate it from a date, read versions back.
import type { XlsxGuardLimits } from '../import/xlsx-guard.ts';
import type { ImportIssue } from '../import/import-issue.ts';
import type { SheetSummary } from '../import/catalog-reader.ts';
import { readPolicyWorkbook, type ImportPhase } from '../import/read-policy-workbook.ts';
import { writeCatalogWorkbook } from '../import/catalog-export.ts';
import { assertRulesLoad } from './policy-engine.ts';
import type { PolicyActivationRecord, PolicyStore, PolicyVersionRecord } from './policy-store.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from './rules-document.ts';

export interface ImportSummary {
  workbookSha256: string;
  sheets: SheetSummary[];
  ignoredSheets: string[];
  tierServices: number;
  specialServices: number;
  rules: number;
  cells: number;
  warnings: ImportIssue[];
}

export type PolicyStatus = 'draft' | 'scheduled' | 'active' | 'superseded';

export interface PolicyVersionView extends Omit<PolicyVersionRecord, 'summaryJson'> {
  status: PolicyStatus;
  /** The latest activation of this version, if any. */
  effectiveFrom: string | null;
  activations: PolicyActivationRecord[];
}

export type ImportOutcome =
  | { status: 'rejected'; issues: ImportIssue[] }
  | { status: 'dry_run'; summary: ImportSummary; document: RulesDocument }
  | { status: 'created' | 'existing'; summary: ImportSummary; version: PolicyVersionView; activation: PolicyActivationRecord | null };

export interface ImportRequest {
  bytes: Buffer;
  filename: string;
  actor: string;
  dryRun?: boolean;
  activate?: boolean;
  effectiveFrom?: Date;
  limits?: Partial<XlsxGuardLimits>;
  onProgress?: (phase: ImportPhase | 'store') => void;
}

export class PolicyError extends Error {
  constructor(
    readonly code: 'VERSION_NOT_FOUND' | 'EFFECTIVE_DATE_IN_PAST',
    readonly messageZh: string,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** Activation may not rewrite what decisions already said: a minute of slack for clocks, no more. */
const PAST_TOLERANCE_MS = 60_000;

export function createPolicyService(store: PolicyStore, clock: () => Date = () => new Date()) {
  async function view(record: PolicyVersionRecord): Promise<PolicyVersionView> {
    const all = await store.listActivations();
    return viewOf(record, all, await store.activationAt(clock().toISOString()), clock().toISOString());
  }

  async function activate(version: number, actor: string, effectiveFrom?: Date): Promise<PolicyActivationRecord> {
    const record = await store.getVersion(version);
    if (!record) throw notFound(version);
    const now = clock();
    let from = effectiveFrom ?? now;
    // "Effective today" typed as today's date means from now, not from a midnight already past.
    if (from < now && shanghaiDay(from) === shanghaiDay(now)) from = now;
    if (from.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
      throw new PolicyError(
        'EFFECTIVE_DATE_IN_PAST',
        `生效时间 ${from.toISOString()} 早于当前时间:启用不能改写已经作出的判定。`,
        `Effective date ${from.toISOString()} is in the past: activation must not rewrite decisions already made.`,
      );
    }
    return store.addActivation(record.id, from.toISOString(), now.toISOString(), actor);
  }

  return {
    async importWorkbook(req: ImportRequest): Promise<ImportOutcome> {
      const readout = await readPolicyWorkbook(req.bytes, { limits: req.limits, onProgress: req.onProgress });
      if (readout.issues.some((i) => i.severity === 'error')) return { status: 'rejected', issues: readout.issues };

      const document = buildRulesDocument(readout.catalog, readout.sha256);
      assertRulesLoad(document);
      const summary: ImportSummary = {
        workbookSha256: readout.sha256,
        sheets: readout.sheets,
        ignoredSheets: readout.sheets.filter((s) => s.role === 'ignored').map((s) => s.name),
        tierServices: readout.catalog.tierServices.length,
        specialServices: new Set(readout.catalog.specialServices.map((s) => s.service)).size,
        rules: document.rules.length,
        cells: readout.cells,
        warnings: readout.issues,
      };
      if (req.dryRun) return { status: 'dry_run', summary, document };

      req.onProgress?.('store');
      let record = await store.findBySha256(readout.sha256);
      const existed = record !== null;
      if (!record) record = await insertWithRetry(store, req, readout.sha256, document, summary);
      let activation: PolicyActivationRecord | null = null;
      if (req.activate) activation = await activate(record.version, req.actor, req.effectiveFrom);
      return { status: existed ? 'existing' : 'created', summary, version: await view(record), activation };
    },

    activate,

    async listVersions(): Promise<PolicyVersionView[]> {
      const [records, all] = await Promise.all([store.listVersions(), store.listActivations()]);
      const now = clock().toISOString();
      const current = await store.activationAt(now);
      return records.map((r) => viewOf(r, all, current, now));
    },

    async getVersion(version: number): Promise<PolicyVersionView & { summary: ImportSummary }> {
      const record = await store.getVersion(version);
      if (!record) throw notFound(version);
      return { ...(await view(record)), summary: JSON.parse(record.summaryJson) as ImportSummary };
    },

    async getRules(version: number): Promise<RulesDocument> {
      const json = await store.getRulesJson(version);
      if (json === null) throw notFound(version);
      return JSON.parse(json) as RulesDocument;
    },

    async getWorkbook(version: number): Promise<Buffer> {
      const bytes = await store.getWorkbook(version);
      if (!bytes) throw notFound(version);
      return bytes;
    },

    /** The version's catalog written back in the standard layout; re-importing it gives the same rules. */
    async exportWorkbook(version: number): Promise<Buffer> {
      const json = await store.getRulesJson(version);
      if (json === null) throw notFound(version);
      return writeCatalogWorkbook(catalogFromRules(JSON.parse(json) as RulesDocument));
    },

    /** The version in force at an instant, with its rules, or null before any activation. */
    async activeAt(instant: Date): Promise<{ version: number; document: RulesDocument } | null> {
      const activation = await store.activationAt(instant.toISOString());
      if (!activation) return null;
      const json = await store.getRulesJson(activation.version);
      return { version: activation.version, document: JSON.parse(json!) as RulesDocument };
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;

async function insertWithRetry(store: PolicyStore, req: ImportRequest, sha256: string, document: RulesDocument, summary: ImportSummary) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.insertVersion({
        workbookSha256: sha256,
        filename: req.filename,
        workbook: req.bytes,
        // Compact in the database; `entitle rules` prints the stable, reviewed form.
        rulesJson: JSON.stringify(document),
        summaryJson: JSON.stringify(summary),
        ruleCount: document.rules.length,
        createdAt: new Date().toISOString(),
        createdBy: req.actor,
      });
    } catch (err) {
      // Another import of the same bytes, or one numbered at the same moment, won the race.
      const existing = await store.findBySha256(sha256);
      if (existing) return existing;
      if (attempt >= 3) throw err;
    }
  }
}

function viewOf(record: PolicyVersionRecord, all: PolicyActivationRecord[], current: PolicyActivationRecord | null, now: string): PolicyVersionView {
  const mine = all.filter((a) => a.policyVersionId === record.id);
  const { summaryJson: _summary, ...rest } = record;
  let status: PolicyStatus = 'draft';
  if (current?.policyVersionId === record.id) status = 'active';
  else if (mine.some((a) => a.effectiveFrom > now)) status = 'scheduled';
  else if (mine.length > 0) status = 'superseded';
  return { ...rest, status, effectiveFrom: mine[0]?.effectiveFrom ?? null, activations: mine };
}

function shanghaiDay(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function notFound(version: number): PolicyError {
  return new PolicyError('VERSION_NOT_FOUND', `策略版本 ${version} 不存在。`, `Policy version ${version} does not exist.`);
}
