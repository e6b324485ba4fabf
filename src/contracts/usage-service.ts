// Recording one use of a quota (code diagnosis, say): refused when nothing remains, unless a manager
// overrides with a reason; a retried request with the same Idempotency-Key records once.
import type { AuditLog } from '../audit/audit-log.ts';
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
  idempotencyKey: string | null;
}

export interface UsageActor {
  name: string;
  address: string | null;
  /** From the role matrix: may this actor spend beyond the quota? */
  mayOverride: boolean;
}

export type UsageErrorCode = 'QUOTA_EXHAUSTED' | 'NOT_ENTITLED' | 'NO_QUOTA' | 'OVERRIDE_NOT_ALLOWED';

export class UsageError extends DomainError<UsageErrorCode> {}

export interface UsageResult {
  status: 'created' | 'existing';
  usage: UsageRecord;
  quota: { perYear: number; used: number; remaining: number; periodStart: string; periodEnd: string } | null;
}

export function createUsageService(store: ContractStore, contracts: ContractService, audit: AuditLog) {
  return {
    async record(req: UsageRequest, actor: UsageActor): Promise<UsageResult> {
      if (req.idempotencyKey) {
        const earlier = await store.findUsageByKey(req.idempotencyKey);
        if (earlier) return { status: 'existing', usage: earlier, quota: null };
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

      const { perYear, periodStart, periodEnd } = decision.quota;
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
            idempotencyKey: req.idempotencyKey,
          },
          (usedBefore) => usedBefore < perYear || req.override !== null,
        )
        .catch(async (err: unknown) => {
          // Two retries with one key raced: the other one's row is the answer.
          const earlier = req.idempotencyKey ? await store.findUsageByKey(req.idempotencyKey) : null;
          if (earlier) return { existing: earlier };
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
