// Recording one use of a quota (code diagnosis, say): refused when nothing remains, unless a manager
// overrides with a reason; a retried request with the same Idempotency-Key records once. Person-days are
// a finite, positive number in tenths, no more than the grant gives in a contract year.
import type { AuditLog } from '../audit/audit-log.ts';
import { scopedKey } from '../idempotency/idempotency-service.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { ContractService } from './contract-service.ts';
import type { ContractStore, UsageRecord } from './contract-store.ts';

export interface UsageRequest {
  contractId: number;
  service: string;
  personDays: number;
  at: Date;
  note: string | null;
  override: { reason: string } | null;
  /** The key as the caller sent it; it is scoped to the actor's name before it is looked up or stored. */
  idempotencyKey: string | null;
}

export interface UsageActor {
  name: string;
  address: string | null;
  /** From the role matrix: may this actor spend beyond the quota? */
  mayOverride: boolean;
}

export type UsageErrorCode = 'QUOTA_EXHAUSTED' | 'NOT_ENTITLED' | 'NO_QUOTA' | 'OVERRIDE_NOT_ALLOWED' | 'VALIDATION_FAILED' | 'PERSON_DAYS_OVER_GRANT' | 'IDEMPOTENCY_KEY_REUSED';

/** When a grant states no person-days, one use is still bounded (the API's own limit). */
export const MAX_PERSON_DAYS = 1000;

export class UsageError extends DomainError<UsageErrorCode> {}

export interface UsageResult {
  status: 'created' | 'existing';
  usage: UsageRecord;
  quota: { perYear: number; used: number; remaining: number; periodStart: string; periodEnd: string } | null;
}

/** Finite, above 0, in the tenths the database keeps (DECIMAL(8,1)): NaN, Infinity, 0 and −5 never reach a row. */
function checkPersonDays(personDays: number): void {
  if (typeof personDays === 'number' && Number.isFinite(personDays) && personDays > 0 && personDays <= MAX_PERSON_DAYS && Math.abs(personDays * 10 - Math.round(personDays * 10)) < 1e-9) return;
  throw new UsageError(
    'VALIDATION_FAILED',
    `人天数(personDays)应为大于 0、不超过 ${MAX_PERSON_DAYS} 的数,最多一位小数`,
    `personDays must be a number above 0 and at most ${MAX_PERSON_DAYS}, in steps of 0.1`,
    [{ field: 'personDays', message: `above 0, at most ${MAX_PERSON_DAYS}, steps of 0.1` }],
  );
}

/** A retry carries the same use. The instant is left out: a form's double submit carries a fresh "now". */
function sameUse(stored: UsageRecord, req: UsageRequest): UsageRecord {
  const same =
    stored.contractId === req.contractId &&
    stored.service === req.service &&
    Math.abs(stored.personDays - req.personDays) < 1e-9 &&
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

export function createUsageService(store: ContractStore, contracts: ContractService, audit: AuditLog) {
  return {
    async record(req: UsageRequest, actor: UsageActor): Promise<UsageResult> {
      checkPersonDays(req.personDays);
      // One caller's key never finds another caller's use: the key is stored scoped to the actor.
      const key = req.idempotencyKey ? scopedKey(actor.name, req.idempotencyKey) : null;
      if (key) {
        const earlier = await store.findUsageByKey(key);
        if (earlier) return { status: 'existing', usage: sameUse(earlier, req), quota: null };
      }
      if (req.override && !actor.mayOverride) {
        throw new UsageError('OVERRIDE_NOT_ALLOWED', '只有经理可以超出次数登记', 'Only a manager may record beyond the quota');
      }
      const decision = await contracts.check(req.contractId, req.service, req.at);
      if (!decision.quota) {
        throw new UsageError('NO_QUOTA', `${req.service} 没有次数限制,无需登记`, `${req.service} has no quota to record against`, { reasons: decision.reasons });
      }
      const blocking = decision.reasons.filter((r) => r.code !== 'QUOTA_EXHAUSTED');
      if (blocking.length > 0) throw new UsageError('NOT_ENTITLED', '该合同无权使用此服务', 'The contract is not entitled to this service', { reasons: blocking });

      const { perYear, periodStart, periodEnd, personDaysEach } = decision.quota;
      // One use never spends more than the grant gives in a whole contract year (the per-use cap is issue 13's).
      const granted = personDaysEach > 0 ? perYear * personDaysEach : null;
      if (granted !== null && req.personDays > granted) {
        throw new UsageError(
          'PERSON_DAYS_OVER_GRANT',
          `人天数(personDays)${req.personDays} 超过该服务每个合同年度的额度 ${granted} 人天(${perYear} 次 × ${personDaysEach} 人天)`,
          `personDays ${req.personDays} exceeds the ${granted} person-days this service grants per contract year (${perYear} × ${personDaysEach})`,
          [{ field: 'personDays', message: `at most ${granted}` }],
        );
      }
      const result = await store
        .recordUsage(
          {
            contractId: req.contractId,
            service: req.service,
            periodStart,
            usedAt: req.at.toISOString(),
            personDays: req.personDays,
            note: req.note,
            overrideReason: req.override?.reason ?? null,
            actor: actor.name,
            idempotencyKey: key,
          },
          (usedBefore) => usedBefore < perYear || req.override !== null,
        )
        .catch(async (err: unknown) => {
          // Two retries with one key raced: the unique key let one insert, and its row is the answer.
          const earlier = key ? await store.findUsageByKey(key) : null;
          if (earlier) return { existing: sameUse(earlier, req) };
          throw err;
        });
      if ('existing' in result) return { status: 'existing', usage: result.existing, quota: null };
      if ('refused' in result) {
        throw new UsageError('QUOTA_EXHAUSTED', `本合同年度(${periodStart} 至 ${periodEnd})的 ${perYear} 次已用完`, `All ${perYear} uses of this contract year (${periodStart} – ${periodEnd}) are spent`, {
          perYear,
          used: result.usedBefore,
          periodStart,
          periodEnd,
        });
      }
      const used = result.usedBefore + 1;
      if (req.override) {
        await audit.record({
          actor: actor.name,
          action: 'usage.override',
          target: `contract:${req.contractId}`,
          details: { service: req.service, reason: req.override.reason, used, perYear },
          address: actor.address,
        });
      }
      return { status: 'created', usage: result.usage, quota: { perYear, used, remaining: Math.max(0, perYear - used), periodStart, periodEnd } };
    },
  };
}

export type UsageService = ReturnType<typeof createUsageService>;
