// The policy use cases: import a workbook as a draft version, activate it from a date, read versions back.
import type { XlsxGuardLimits } from '../workbook/xlsx-guard.ts';
import type { ImportIssue } from '../workbook/import-issue.ts';
import type { SheetSummary } from '../policy-workbook/table-finder.ts';
import { readPolicyWorkbook, type ImportPhase, type PolicyWorkbookReader } from '../policy-workbook/read-policy-workbook.ts';
import { writeCatalogWorkbook } from '../policy-workbook/workbook-export.ts';
import type { WorkbookLang } from '../policy-workbook/column-words.ts';
import { assertRulesLoad } from './policy-engine.ts';
import type { BackdateCheck, NewActivation, NewPolicyVersion, PolicyActivationRecord, PolicyStore, PolicyVersionRecord } from './policy-store.ts';
import { describeRecord } from './moving-in.ts';
import { viewOf, type PolicyVersionView } from './policy-views.ts';
import { formatShanghai, shanghaiDate } from '../calendar/instants.ts';
import { policyComparisons } from './policy-comparisons.ts';
import { laterThanWithdrawals, withdrawalOf } from './activation-withdrawal.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../policy-workbook/rules-document.ts';
import { PolicyError, PolicyStorageError } from './policy-error.ts';
import { casesFailed, type TestCaseResults, type WorkbookCaseRunner } from './case-results.ts';

export type { PolicyStatus, PolicyVersionView } from './policy-views.ts';
export type { PolicyComparison } from './policy-comparisons.ts';

export interface ImportSummary {
  workbookSha256: string;
  sheets: SheetSummary[];
  ignoredSheets: string[];
  tierServices: number;
  specialServices: number;
  rules: number;
  cells: number;
  warnings: ImportIssue[];
  /** The workbook's 测试用例 run against its own rules; absent when it has none (or no runner was given). */
  testCases?: TestCaseResults;
}

export type ImportOutcome =
  | { status: 'rejected'; issues: ImportIssue[] }
  | { status: 'dry_run'; summary: ImportSummary; document: RulesDocument }
  | {
      status: 'created' | 'existing';
      summary: ImportSummary;
      version: PolicyVersionView;
      activation: PolicyActivationRecord | null;
      /** Activation was asked for and refused (failing test cases): the version is stored as a draft. */
      activationRefused?: PolicyError;
    };

export interface ImportRequest {
  bytes: Buffer;
  filename: string;
  actor: string;
  /** Where the request came from, for the audit log. */
  address?: string | null;
  dryRun?: boolean;
  activate?: boolean;
  effectiveFrom?: Date;
  limits?: Partial<XlsxGuardLimits>;
  onProgress?: (phase: ImportPhase | 'store') => void;
}

/** Activation may not rewrite what decisions already said: a minute of slack for clocks, no more. */
const PAST_TOLERANCE_MS = 60_000;

/**
 * `read` reads the uploaded workbook: in process by default; the server and the CLI pass the parse pool's.
 * `runCases` runs a workbook's 测试用例 (src/entitlement's runner, handed in by the composition root, since the
 * decision sits above this folder); without it cases are stored but not run, and do not hold activation back.
 */
export function createPolicyService(
  store: PolicyStore,
  clock: () => Date = () => new Date(),
  audit?: AuditLog,
  read: PolicyWorkbookReader = readPolicyWorkbook,
  runCases?: WorkbookCaseRunner,
) {
  async function view(record: PolicyVersionRecord): Promise<PolicyVersionView> {
    const [all, withdrawals] = await Promise.all([store.listActivations(), store.listWithdrawals()]);
    return viewOf(record, all, await store.activationAt(clock().toISOString()), clock().toISOString(), withdrawals);
  }

  /**
   * The instant an activation takes effect, whether that is "now", and whether it is in the past: only moving in
   * may take effect from a past date (see movingInCheck), since decisions already made must stand.
   */
  function effectiveInstant(requested: Date | undefined): { from: Date; isNow: boolean; past: boolean } {
    const now = clock();
    let from = requested ?? now;
    // "Effective today" typed as today's date means from now, not from a midnight already past.
    if (from < now && shanghaiDate(from) === shanghaiDate(now)) from = now;
    return { from, isNow: from === now, past: from.getTime() < now.getTime() - PAST_TOLERANCE_MS };
  }

  /**
   * Moving in: a version may take effect from a past date when it becomes the installation's first policy there —
   * no other version in force before that date — and nothing was decided from that date under another version.
   * Checked by the store under the lock that writers of records take, so a request recorded meanwhile is seen.
   */
  function movingInCheck(from: Date): BackdateCheck {
    const when = formatShanghai(from.toISOString());
    const refuse = (zh: string, en: string, details: unknown) =>
      new PolicyError('EFFECTIVE_DATE_IN_PAST', `生效时间 ${when}(北京时间)早于当前时间,${zh}启用不能改写已经作出的判定。`, `Effective date ${when} (Asia/Shanghai) is in the past, ${en} Activation must not rewrite decisions already made.`, details);
    return ({ version, before, blocking }) => {
      if (before && before.version !== version) {
        const since = formatShanghai(before.effectiveFrom);
        throw refuse(
          `而版本 ${before.version} 在此之前已生效(自 ${since} 起):只有安装的第一个策略可以从过去的日期启用(迁入)。`,
          `and version ${before.version} was already in force before it (from ${since}): only an installation's first policy can take effect from a past date (moving in).`,
          { inForceBefore: { version: before.version, effectiveFrom: before.effectiveFrom } },
        );
      }
      if (blocking) {
        const named = describeRecord(blocking);
        throw refuse(`而在此之后已按另一版本作出判定:${named.zh}。`, `and a decision was already made after it under another version: ${named.en}.`, { blockedBy: blocking });
      }
    };
  }

  /** A backdated activation (moving in), recorded once: asking again for the same date finds it. */
  async function moveIn(record: PolicyVersionRecord, from: Date, actor: string, address: string | null): Promise<PolicyActivationRecord> {
    const { activation, created, withdrawn } = await store.addBackdatedActivation(record.id, newActivation(actor, from), movingInCheck(from));
    if (created) {
      await audit?.record({
        actor,
        action: 'policy.activate',
        target: `policy:${record.version}`,
        details: { effectiveFrom: activation.effectiveFrom, movingIn: true, withdrawn: withdrawn.map((w) => ({ version: w.version, effectiveFrom: w.effectiveFrom })) },
        address,
      });
    }
    return activation;
  }

  function newActivation(actor: string, from: Date): NewActivation {
    return { effectiveFrom: from.toISOString(), activatedAt: clock().toISOString(), activatedBy: actor };
  }

  /**
   * Asking twice for the same thing records it once, also when the two asks race: the store's unique keys
   * (version × effective date, and version × the activation a "now" follows) let one insert, and the other
   * answers with that one's activation, as a later ask would.
   */
  async function activate(version: number, actor: string, effectiveFrom?: Date, address: string | null = null): Promise<PolicyActivationRecord> {
    const record = await store.getVersion(version);
    if (!record) throw notFound(version);
    const failed = casesFailed(version, (JSON.parse(record.summaryJson) as ImportSummary).testCases);
    if (failed) throw failed;
    const when = effectiveInstant(effectiveFrom);
    const { isNow, past } = when;
    let { from } = when;
    if (past) return moveIn(record, from, actor, address);
    const existing = (await store.listActivations()).filter((a) => a.policyVersionId === record.id);
    if (!isNow) from = await pastWithdrawals(record.id, from);
    const same = existing.find((a) => a.effectiveFrom === from.toISOString());
    if (same) return same;
    // "From now" differs by milliseconds between two asks; what they share is the activation they replace.
    let follows: number | null = null;
    if (isNow) {
      const current = await store.activationAt(from.toISOString());
      if (current?.policyVersionId === record.id) return current;
      follows = current?.id ?? 0;
    }
    const { activation, created } = await store.addActivation(record.id, { ...newActivation(actor, from), follows });
    if (created) await audit?.record({ actor, action: 'policy.activate', target: `policy:${version}`, details: { effectiveFrom: activation.effectiveFrom }, address });
    return activation;
  }

  const withdraw = withdrawalOf(store, clock);
  const comparisons = policyComparisons(store, clock, rulesOf);
  const pastWithdrawals = (versionId: number, from: Date) => laterThanWithdrawals(store, versionId, from);

  /** The version in force now and the next one scheduled (the earliest activation still to come), for home pages. */
  async function activeAndScheduled(): Promise<{ active: PolicyVersionView | null; scheduled: PolicyVersionView | null }> {
    // From the activations (a few rows), not every version's summary: version pages ask this on each view.
    const now = clock().toISOString();
    const [all, current] = await Promise.all([store.listActivations(), store.activationAt(now)]);
    const next = all.filter((a) => a.effectiveFrom > now && a.version !== current?.version).at(-1);
    const viewOfVersion = async (version: number | undefined) => {
      const record = version === undefined ? null : await store.getVersion(version);
      return record ? view(record) : null;
    };
    const [active, scheduled] = await Promise.all([viewOfVersion(current?.version), viewOfVersion(next?.version)]);
    return { active, scheduled };
  }

  async function listVersions(): Promise<PolicyVersionView[]> {
    const [records, all, withdrawals] = await Promise.all([store.listVersions(), store.listActivations(), store.listWithdrawals()]);
    const now = clock().toISOString();
    const current = await store.activationAt(now);
    return records.map((r) => viewOf(r, all, current, now, withdrawals));
  }

  async function rulesOf(version: number): Promise<RulesDocument> {
    const json = await store.getRulesJson(version);
    if (json === null) throw notFound(version);
    return JSON.parse(json) as RulesDocument;
  }

  async function activeAt(instant: Date): Promise<{ version: number; document: RulesDocument } | null> {
    const activation = await store.activationAt(instant.toISOString());
    if (!activation) return null;
    return { version: activation.version, document: await rulesOf(activation.version) };
  }

  return {
    async importWorkbook(req: ImportRequest): Promise<ImportOutcome> {
      const readout = await read(req.bytes, { limits: req.limits, onProgress: req.onProgress });
      if (readout.issues.some((i) => i.severity === 'error')) {
        if (!req.dryRun) {
          const errors = readout.issues.filter((i) => i.severity === 'error');
          await audit?.record({
            actor: req.actor,
            action: 'policy.upload_rejected',
            target: req.filename,
            details: { sha256: readout.sha256, errors: errors.length, first: errors.slice(0, 5).map((e) => [e.code, e.sheet, e.cell].filter(Boolean).join(' ')) },
            address: req.address ?? null,
          });
        }
        return { status: 'rejected', issues: readout.issues };
      }

      const document = buildRulesDocument(readout.catalog, readout.sha256);
      assertRulesLoad(document);
      const testCases = (await runCases?.(document)) ?? undefined;
      const summary: ImportSummary = {
        workbookSha256: readout.sha256,
        sheets: readout.sheets,
        ignoredSheets: readout.sheets.filter((s) => s.role === 'ignored').map((s) => s.name),
        tierServices: readout.catalog.tierServices.length,
        specialServices: new Set(readout.catalog.specialServices.map((s) => s.service)).size,
        rules: document.rules.length,
        cells: readout.cells,
        warnings: readout.issues,
        ...(testCases ? { testCases } : {}),
      };
      if (req.dryRun) return { status: 'dry_run', summary, document };

      // Failing cases hold activation back, not the import: the draft is stored for review, and the answer says why.
      const activationRefused = req.activate ? casesFailed(null, testCases) : null;
      const refused = activationRefused ? { activationRefused } : {};
      // A past effective date is moving in: checked with the version's insert, in its transaction (nothing is stored when refused).
      const when = req.activate && !activationRefused ? effectiveInstant(req.effectiveFrom) : null;
      const from = when?.from ?? null;
      req.onProgress?.('store');
      const existing = await store.findBySha256(readout.sha256);
      if (existing) {
        const activation = from ? await activate(existing.version, req.actor, req.effectiveFrom, req.address ?? null) : null;
        return { status: 'existing', summary, version: await view(existing), activation, ...refused };
      }
      const stored = await insertWithRetry(store, {
        workbookSha256: readout.sha256,
        filename: req.filename,
        workbook: req.bytes,
        // Compact in the database; `entitle rules` prints the stable, reviewed form.
        rulesJson: JSON.stringify(document),
        summaryJson: JSON.stringify(summary),
        ruleCount: document.rules.length,
        createdAt: clock().toISOString(),
        createdBy: req.actor,
      }, from ? newActivation(req.actor, from) : undefined, when?.past ? movingInCheck(when.from) : undefined);
      if (!stored.created) {
        const activation = from ? await activate(stored.record.version, req.actor, req.effectiveFrom, req.address ?? null) : null;
        return { status: 'existing', summary, version: await view(stored.record), activation, ...refused };
      }
      await audit?.record({
        actor: req.actor,
        action: 'policy.upload',
        target: `policy:${stored.record.version}`,
        details: { filename: req.filename, sha256: readout.sha256, rules: document.rules.length, warnings: summary.warnings.length },
        address: req.address ?? null,
      });
      if (stored.activation) {
        const a = stored.activation;
        await audit?.record({ actor: req.actor, action: 'policy.activate', target: `policy:${a.version}`, details: { effectiveFrom: a.effectiveFrom, ...(when?.past ? { movingIn: true } : {}) }, address: req.address ?? null });
      }
      return { status: 'created', summary, version: await view(stored.record), activation: stored.activation, ...refused };
    },

    activate,

    listVersions,

    withdraw,

    activeAndScheduled,

    async getVersion(version: number): Promise<PolicyVersionView & { summary: ImportSummary }> {
      const record = await store.getVersion(version);
      if (!record) throw notFound(version);
      return { ...(await view(record)), summary: JSON.parse(record.summaryJson) as ImportSummary };
    },

    getRules: rulesOf,

    async getWorkbook(version: number): Promise<Buffer> {
      const bytes = await store.getWorkbook(version);
      if (!bytes) throw notFound(version);
      return bytes;
    },

    /**
     * The version's catalog written back in the standard layout, headed in `lang`; what people typed stays as typed,
     * so re-importing it gives the same rules.
     */
    async exportWorkbook(version: number, lang: WorkbookLang = 'zh'): Promise<Buffer> {
      const json = await store.getRulesJson(version);
      if (json === null) throw notFound(version);
      return writeCatalogWorkbook(catalogFromRules(JSON.parse(json) as RulesDocument), lang);
    },

    diff: comparisons.diff,

    touchedContracts: comparisons.touchedContracts,

    /** The version in force at an instant, with its rules, or null before any activation. */
    activeAt,

    /** Every activation, newest effective date first: small, and cheap to poll. */
    activations: () => store.listActivations(),
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;

async function insertWithRetry(
  store: PolicyStore,
  input: NewPolicyVersion,
  activation: NewActivation | undefined,
  backdate?: BackdateCheck,
): Promise<{ created: boolean; record: PolicyVersionRecord; activation: PolicyActivationRecord | null }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { created: true, ...(await store.insertVersion(input, activation, backdate)) };
    } catch (err) {
      // A refused moving-in is an answer, not a storage failure; nothing was stored.
      if (err instanceof PolicyError) throw err;
      // Another import of the same bytes, or one numbered at the same moment, won the race.
      const existing = await store.findBySha256(input.workbookSha256);
      if (existing) return { created: false, record: existing, activation: null };
      if (attempt >= 3) throw new PolicyStorageError(err);
    }
  }
}

function notFound(version: number): PolicyError {
  return new PolicyError('VERSION_NOT_FOUND', `策略版本 ${version} 不存在。`, `Policy version ${version} does not exist.`);
}
