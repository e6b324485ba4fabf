// Recording one use of a quota, as the catalog grants it. A tier quota (代码诊断, 限一年四次, 2人天/次, 非现场)
// counts uses per contract year, and one use records at most the grant's person-days, off site when the grant says
// 非现场. A special service bought on the contract in person-days (数据修复 5 人天) is drawn down over the
// contract's whole term. Going beyond any of these needs a manager's override with a reason, which is audited
// with what it went beyond; nothing is clipped or accepted in silence. A retried request with the same
// Idempotency-Key records once.
import type { NewAuditEntry } from '../audit/audit-log.ts';
import { serviceName } from '../catalog/catalog-names.ts';
import { roundTenths, type QuotaState } from '../entitlement/decision.ts';
import { scopedKey } from '../idempotency/idempotency-service.ts';
import { PolicyChangedError } from '../policy/moving-in.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { ContractService } from './contract-service.ts';
import type { ContractStore, LedgerState, UsageRecord } from './contract-store.ts';

export interface UsageRequest {
  contractId: number;
  service: string;
  personDays: number;
  /** Delivered on site (现场); a grant marked 非现场 refuses it without a manager's override. */
  onsite: boolean;
  at: Date;
  note: string | null;
  override: { reason: string } | null;
  /** The key as the caller sent it; it is scoped to the actor's name before it is looked up or stored. */
  idempotencyKey: string | null;
}

export interface UsageActor {
  name: string;
  address: string | null;
  /** From the role matrix: may this actor go beyond what the catalog grants? */
  mayOverride: boolean;
}

export type UsageErrorCode =
  | 'QUOTA_EXHAUSTED'
  | 'NOT_ENTITLED'
  | 'NO_QUOTA'
  | 'OVERRIDE_NOT_ALLOWED'
  | 'VALIDATION_FAILED'
  | 'PERSON_DAYS_OVER_GRANT'
  | 'PERSON_DAYS_OVER_USE'
  | 'ONSITE_NOT_GRANTED'
  | 'IDEMPOTENCY_KEY_REUSED';

/**
 * What a manager's override went beyond: the grant's person-days per use, its 非现场, the uses of the contract year,
 * or the person-days bought on the contract.
 */
export type Exceeded = 'per_use' | 'onsite' | 'count' | 'person_days';

/** When a grant states no person-days, one use is still bounded (the API's own limit). */
export const MAX_PERSON_DAYS = 1000;

export class UsageError extends DomainError<UsageErrorCode> {}

export interface UsageResult {
  status: 'created' | 'existing';
  usage: UsageRecord;
  /** The quota after this use (null when a retry answers with the use recorded before). */
  quota: QuotaState | null;
  /** What the override allowed this use to go beyond; empty for a use within the grant. */
  exceeded: Exceeded[];
}

/** Finite, above 0, in the tenths the database keeps (DECIMAL(8,1)): NaN, Infinity, 0 and −5 never reach a row. */
function checkPersonDays(personDays: number): void {
  if (typeof personDays === 'number' && Number.isFinite(personDays) && personDays > 0 && personDays <= MAX_PERSON_DAYS && Math.abs(personDays * 10 - Math.round(personDays * 10)) < 1e-9) return;
  throw new UsageError(
    'VALIDATION_FAILED',
    `人天数应为大于 0、不超过 ${MAX_PERSON_DAYS} 的数,最多一位小数`,
    `personDays must be a number above 0 and at most ${MAX_PERSON_DAYS}, in steps of 0.1`,
    [{ field: 'personDays', message: `enter more than 0 and at most ${MAX_PERSON_DAYS}, with at most one decimal (e.g. 1.5)`, messageZh: `请填写大于 0、不超过 ${MAX_PERSON_DAYS} 的数,最多一位小数(如 1.5)` }],
  );
}

/** A retry carries the same use. The instant is left out: a form's double submit carries a fresh "now". */
function sameUse(stored: UsageRecord, req: UsageRequest): UsageRecord {
  const same =
    stored.contractId === req.contractId &&
    stored.service === req.service &&
    Math.abs(stored.personDays - req.personDays) < 1e-9 &&
    stored.onsite === req.onsite &&
    stored.note === req.note &&
    stored.overrideReason === (req.override?.reason ?? null);
  if (same) return stored;
  throw new UsageError(
    'IDEMPOTENCY_KEY_REUSED',
    '该幂等键(Idempotency-Key)已用于另一次登记:新的登记请使用新的键(在页面上请刷新合同页面后重试)',
    'This Idempotency-Key was already used for another use: use a new key for a new use (on the page, reload the contract page)',
    { field: 'Idempotency-Key' },
  );
}

const OVERRIDE_HINT = { zh: '如确需超出,请经理填写原因超额登记', en: 'going beyond needs a manager’s override with a reason' };

/** The rules a tier quota's use is checked against before the ledger is read; the year's count is checked under the lock. */
function checkGrant(quota: Extract<QuotaState, { kind: 'yearly_uses' }>, req: UsageRequest): Exceeded[] {
  const { perYear, personDaysEach } = quota;
  // A whole year's grant in one use is a typing mistake, not an exception: refused, override or not.
  const yearly = roundTenths(perYear * personDaysEach);
  if (req.personDays > yearly) {
    throw new UsageError(
      'PERSON_DAYS_OVER_GRANT',
      `人天数 ${req.personDays} 超过该服务每个合同年度的额度 ${yearly} 人天(${perYear} 次 × ${personDaysEach} 人天)`,
      `personDays ${req.personDays} exceeds the ${yearly} person-days this service grants per contract year (${perYear} × ${personDaysEach})`,
      [{ field: 'personDays', message: `enter at most ${yearly}, the whole contract year's grant`, messageZh: `请填写不超过 ${yearly} 的人天数(整个合同年度的额度)` }],
    );
  }
  const exceeded: Exceeded[] = [];
  if (req.onsite && !quota.onsite) {
    if (!req.override) {
      throw new UsageError('ONSITE_NOT_GRANTED', `该服务为非现场服务,不能登记现场使用:${OVERRIDE_HINT.zh}`, `This service is granted off site (非现场); an on-site use is refused: ${OVERRIDE_HINT.en}`, [
        { field: 'onsite', message: `the grant is off site (非现场): untick on site; ${OVERRIDE_HINT.en}`, messageZh: `该服务为非现场服务:请取消勾选“现场服务”;${OVERRIDE_HINT.zh}` },
      ]);
    }
    exceeded.push('onsite');
  }
  if (req.personDays > personDaysEach) {
    if (!req.override) {
      throw new UsageError(
        'PERSON_DAYS_OVER_USE',
        `人天数 ${req.personDays} 超过该服务每次 ${personDaysEach} 人天:${OVERRIDE_HINT.zh}`,
        `personDays ${req.personDays} exceeds the ${personDaysEach} person-days this service grants per use: ${OVERRIDE_HINT.en}`,
        [{ field: 'personDays', message: `enter at most ${personDaysEach} person-days for one use; ${OVERRIDE_HINT.en}`, messageZh: `每次至多 ${personDaysEach} 人天,请改小;${OVERRIDE_HINT.zh}` }],
      );
    }
    exceeded.push('per_use');
  }
  return exceeded;
}

/** Beyond the ledger: the year's uses spent, or more person-days than the contract has left. */
function overLedger(quota: QuotaState, before: LedgerState, personDays: number): boolean {
  return quota.kind === 'yearly_uses' ? before.uses >= quota.perYear : roundTenths(before.personDays + personDays) > before.purchasedPersonDays;
}

function exhausted(quota: QuotaState, before: LedgerState, personDays: number): UsageError {
  const { periodStart, periodEnd } = quota;
  if (quota.kind === 'yearly_uses') {
    const { perYear } = quota;
    return new UsageError('QUOTA_EXHAUSTED', `本合同年度(${periodStart} 至 ${periodEnd})的 ${perYear} 次已用完`, `All ${perYear} uses of this contract year (${periodStart} – ${periodEnd}) are spent`, {
      perYear,
      used: before.uses,
      periodStart,
      periodEnd,
    });
  }
  const purchased = before.purchasedPersonDays;
  const remaining = Math.max(0, roundTenths(purchased - before.personDays));
  const details = { purchased, used: before.personDays, remaining, requested: personDays, periodStart, periodEnd };
  if (remaining <= 0) {
    return new UsageError('QUOTA_EXHAUSTED', `合同购买的 ${purchased} 人天已用完(合同期 ${periodStart} 至 ${periodEnd})`, `All ${purchased} person-days bought on the contract (${periodStart} – ${periodEnd}) are spent`, details);
  }
  return new UsageError(
    'QUOTA_EXHAUSTED',
    `合同购买的 ${purchased} 人天只剩 ${remaining} 人天,本次登记 ${personDays} 人天:${OVERRIDE_HINT.zh}`,
    `Only ${remaining} of the ${purchased} person-days bought on the contract remain, and this use records ${personDays}: ${OVERRIDE_HINT.en}`,
    details,
  );
}

/** The quota as it stands after a use recorded on top of `before`. */
function after(quota: QuotaState, before: LedgerState, personDays: number): QuotaState {
  const personDaysUsed = roundTenths(before.personDays + personDays);
  if (quota.kind === 'yearly_uses') {
    const used = before.uses + 1;
    return { ...quota, used, remaining: Math.max(0, quota.perYear - used), personDaysUsed };
  }
  const purchased = before.purchasedPersonDays;
  return { ...quota, purchased, used: personDaysUsed, remaining: Math.max(0, roundTenths(purchased - personDaysUsed)) };
}

/** A use's audit entry: usage.record, or usage.override with its reason and what it went beyond, and the quota after it. */
function usageAudit(req: UsageRequest, actor: UsageActor, quota: QuotaState, before: LedgerState, usage: UsageRecord, grantExceeded: Exceeded[]): NewAuditEntry {
  const now = after(quota, before, req.personDays);
  const figures = now.kind === 'yearly_uses' ? { used: now.used, perYear: now.perYear } : { used: now.used, purchased: now.purchased };
  const base = { service: req.service, personDays: req.personDays, onsite: req.onsite, usage: usage.id, ...figures };
  const target = `contract:${req.contractId}`;
  if (!req.override) return { actor: actor.name, action: 'usage.record', target, details: base, address: actor.address };
  const exceeded = [...grantExceeded, ...(overLedger(quota, before, req.personDays) ? [quota.kind === 'yearly_uses' ? ('count' as const) : ('person_days' as const)] : [])];
  return { actor: actor.name, action: 'usage.override', target, details: { ...base, reason: req.override.reason, exceeded }, address: actor.address };
}

/** Each use and its audit entry are written by the store in one transaction. */
export function createUsageService(store: ContractStore, contracts: ContractService) {
  async function attempt(req: UsageRequest, actor: UsageActor, key: string | null): Promise<UsageResult> {
    const decision = await contracts.check(req.contractId, req.service, req.at);
    const { quota } = decision;
    const blocking = decision.reasons.filter((r) => r.code !== 'QUOTA_EXHAUSTED');
    if (blocking.length > 0) throw new UsageError('NOT_ENTITLED', '该合同无权使用此服务', 'The contract is not entitled to this service', { reasons: blocking });
    if (!quota) {
      throw new UsageError(
        'NO_QUOTA',
        `${serviceName(req.service, 'zh')}没有次数或人天额度,无需登记(按项购买的专项服务不按人天扣减)`,
        `${serviceName(req.service, 'en')} (${req.service}) has no quota to record against (a special service bought as an item, 项, is not drawn down in person-days)`,
        { reasons: decision.reasons },
      );
    }
    const exceeded = quota.kind === 'yearly_uses' ? checkGrant(quota, req) : [];
    const result = await store
      .recordUsage(
        {
          contractId: req.contractId,
          service: req.service,
          periodStart: quota.periodStart,
          usedAt: req.at.toISOString(),
          personDays: req.personDays,
          onsite: req.onsite,
          note: req.note,
          overrideReason: req.override?.reason ?? null,
          actor: actor.name,
          idempotencyKey: key,
          policyVersion: decision.policy.version,
        },
        quota.kind === 'yearly_uses' ? 'year' : 'contract',
        (before) => !overLedger(quota, before, req.personDays) || req.override !== null,
        // Every use is audited in its own transaction; an override says what it went beyond.
        (usage, before) => usageAudit(req, actor, quota, before, usage, exceeded),
      )
      .catch(async (err: unknown) => {
        if (err instanceof PolicyChangedError) throw err;
        // Two retries with one key raced: the unique key let one insert, and its row is the answer.
        const earlier = key ? await store.findUsageByKey(key) : null;
        if (earlier) return { existing: sameUse(earlier, req) };
        throw err;
      });
    if ('existing' in result) return { status: 'existing', usage: result.existing, quota: null, exceeded: [] };
    if ('refused' in result) throw exhausted(quota, result.before, req.personDays);
    if (overLedger(quota, result.before, req.personDays)) exceeded.push(quota.kind === 'yearly_uses' ? 'count' : 'person_days');
    const now = after(quota, result.before, req.personDays);
    return { status: 'created', usage: result.usage, quota: now, exceeded };
  }

  return {
    async record(req: UsageRequest, actor: UsageActor): Promise<UsageResult> {
      checkPersonDays(req.personDays);
      // One caller's key never finds another caller's use: the key is stored scoped to the actor.
      const key = req.idempotencyKey ? scopedKey(actor.name, req.idempotencyKey) : null;
      if (key) {
        const earlier = await store.findUsageByKey(key);
        if (earlier) return { status: 'existing', usage: sameUse(earlier, req), quota: null, exceeded: [] };
      }
      if (req.override && !actor.mayOverride) {
        throw new UsageError('OVERRIDE_NOT_ALLOWED', '只有经理可以超出额度登记', 'Only a manager may record beyond what the catalog grants');
      }
      try {
        return await attempt(req, actor, key);
      } catch (err) {
        // The version in force changed between the decision and the write (moving in, or an activation this
        // instance had not read yet): decide once more on the activations as they are now.
        if (!(err instanceof PolicyChangedError)) throw err;
        contracts.refreshPolicy();
        return attempt(req, actor, key);
      }
    },
  };
}

export type UsageService = ReturnType<typeof createUsageService>;
