// Service requests: intake checks the entitlement and fixes the deadline; a response closes the request;
// the queue says what is open, at risk, met or breached — measured in business time on the calendar the
// deadline was computed with.
import { addBusinessTime, businessTimeBetween } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import { standardCalendar } from '../calendar/china-holidays.ts';
import { formatShanghaiIso, HOUR_MS } from '../calendar/shanghai-time.ts';
import type { ContractService } from '../contracts/contract-service.ts';
import type { Decision } from '../entitlement/decision.ts';
import type { EntitlementService } from '../entitlement/entitlement-service.ts';
import type { Reason } from '../entitlement/reasons.ts';
import { scopedKey } from '../idempotency/idempotency-service.ts';
import { PolicyChangedError } from '../policy/moving-in.ts';
import type { RequestStore, StoredRequest, StoredState } from './request-store.ts';
import { RequestError } from './request-error.ts';

export { RequestError };

/** At risk: less than this share of the window is left, in business time. */
export const AT_RISK_SHARE = 0.25;
/** Clocks disagree a little; an instant this far ahead of ours is still "now". */
const CLOCK_SKEW_MS = 5 * 60_000;

export type RequestStatus = 'open' | 'at_risk' | 'met' | 'breached';

export interface RequestDraft {
  contractId: number;
  service: string;
  /** When the request arrived; left out, it is now — fixed by the first request of an idempotency key. */
  openedAt?: Date;
  summary: string;
}

export interface ServiceRequestView extends Omit<StoredRequest, 'respondBy' | 'idempotencyKey'> {
  /** ISO-8601 with +08:00, as decisions give it. */
  respondBy: string | null;
  status: RequestStatus;
  /** Open requests: working hours left until the deadline. */
  workingHoursLeft: number | null;
  /** Answered requests: working hours from arrival to response. */
  workingHoursToRespond: number | null;
}

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;

export function createRequestService(store: RequestStore, contracts: ContractService, entitlements: EntitlementService, clock: () => Date = () => new Date()) {
  /**
   * The calendar a stored deadline was computed on (its version's), so later changes do not move it. A
   * version is compiled once by the policy cache; only a version deleted from the database (never, today)
   * would fall back to 标准工作日.
   */
  async function calendarOf(r: { policy: { version: number }; calendar: string | null }): Promise<Calendar> {
    return (await entitlements.calendar(r.policy.version, r.calendar ?? '')) ?? standardCalendar();
  }

  async function view(r: StoredRequest, now: number): Promise<ServiceRequestView> {
    const { idempotencyKey: _key, respondBy, ...rest } = r;
    const deadline = respondBy === null ? null : Date.parse(respondBy);
    const calendar = r.calendar === null ? null : await calendarOf(r);
    let status: RequestStatus;
    let workingHoursLeft: number | null = null;
    let workingHoursToRespond: number | null = null;
    if (r.respondedAt !== null) {
      status = deadline === null || Date.parse(r.respondedAt) <= deadline ? 'met' : 'breached';
      if (calendar) workingHoursToRespond = hours(businessTimeBetween(calendar, Date.parse(r.openedAt), Date.parse(r.respondedAt)));
    } else if (deadline === null || calendar === null) {
      status = 'open';
    } else if (now >= deadline) {
      status = 'breached';
      workingHoursLeft = 0;
    } else {
      const left = businessTimeBetween(calendar, now, deadline);
      workingHoursLeft = hours(left);
      status = r.windowMs !== null && left < AT_RISK_SHARE * r.windowMs ? 'at_risk' : 'open';
    }
    return { ...rest, respondBy: deadline === null ? null : formatShanghaiIso(deadline), status, workingHoursLeft, workingHoursToRespond };
  }

  async function requireRequest(id: number): Promise<StoredRequest> {
    const r = await store.get(id);
    if (!r) throw new RequestError('REQUEST_NOT_FOUND', `服务请求 ${id} 不存在`, `Service request ${id} does not exist`);
    return r;
  }

  /** Decides at the arrival and stores what was decided; the store refuses (PolicyChangedError) if the version moved meanwhile. */
  async function record(draft: RequestDraft, summary: string, openedAt: Date, actor: string, key: string | null): Promise<{ status: 'created' | 'existing'; request: ServiceRequestView }> {
    const decision = await contracts.check(draft.contractId, draft.service, openedAt, { deadline: true });
    if (!decision.entitled) throw notEntitled(decision.reasons);
    const respondBy = decision.respondBy ? Date.parse(decision.respondBy) : null;
    const windowMs = decision.proof ? Math.round(decision.proof.workingHours * HOUR_MS) : null;
    let atRiskFrom: string | null = null;
    if (respondBy !== null && windowMs !== null) {
      const calendar = await calendarOf({ policy: decision.policy, calendar: decision.calendar ?? null });
      atRiskFrom = new Date(addBusinessTime(calendar, openedAt.getTime(), (1 - AT_RISK_SHARE) * windowMs).at).toISOString();
    }
    const row = {
      contractId: draft.contractId,
      service: draft.service,
      summary,
      openedAt: openedAt.toISOString(),
      policy: decision.policy,
      responseWindow: decision.responseWindow,
      windowMs,
      calendar: decision.calendar ?? null,
      respondBy: respondBy === null ? null : new Date(respondBy).toISOString(),
      atRiskFrom,
      proof: decision.proof ?? null,
      createdBy: actor,
      createdAt: clock().toISOString(),
      idempotencyKey: key,
    };
    try {
      return { status: 'created', request: await view(await store.create(row), clock().getTime()) };
    } catch (err) {
      if (err instanceof PolicyChangedError) throw err;
      // Two retries racing with one key: the unique key lets one insert; the other answers with it.
      const winner = key === null ? null : await store.findByKey(key);
      if (!winner) throw err;
      return { status: 'existing', request: await view(sameRequest(winner, draft, summary), clock().getTime()) };
    }
  }

  function checkDraft(draft: RequestDraft): string {
    const summary = draft.summary.trim();
    if (!summary || summary.length > 2000) throw new RequestError('VALIDATION_FAILED', '问题描述应为 1–2000 个字符', 'summary must be 1–2000 characters', [{ field: 'summary', message: '1–2000 characters' }]);
    if (draft.openedAt && draft.openedAt.getTime() > clock().getTime() + CLOCK_SKEW_MS) {
      throw new RequestError('INVALID_TIME', '受理时间不能晚于现在', 'openedAt cannot be in the future', [{ field: 'openedAt', message: 'in the future' }]);
    }
    return summary;
  }

  return {
    /** What intake would record, without recording it: the form shows this before saving. */
    async preview(draft: Pick<RequestDraft, 'contractId' | 'service' | 'openedAt'>): Promise<Decision> {
      return contracts.check(draft.contractId, draft.service, draft.openedAt ?? clock(), { deadline: true });
    },

    async open(draft: RequestDraft, actor: string, idempotencyKey: string | null = null): Promise<{ status: 'created' | 'existing'; request: ServiceRequestView }> {
      const summary = checkDraft(draft);
      const key = idempotencyKey === null ? null : scopedKey(actor, idempotencyKey);
      const earlier = key === null ? null : await store.findByKey(key);
      if (earlier) return { status: 'existing', request: await view(sameRequest(earlier, draft, summary), clock().getTime()) };

      const openedAt = draft.openedAt ?? clock();
      try {
        return await record(draft, summary, openedAt, actor, key);
      } catch (err) {
        // The version in force at the arrival changed between the decision and the write (moving in, or an
        // activation this instance had not read yet): decide once more on the activations as they are now.
        if (!(err instanceof PolicyChangedError)) throw err;
        entitlements.refreshPolicy();
        return record(draft, summary, openedAt, actor, key);
      }
    },

    async respond(id: number, respondedAt: Date, actor: string): Promise<ServiceRequestView> {
      const r = await requireRequest(id);
      if (respondedAt.getTime() < Date.parse(r.openedAt)) {
        throw new RequestError('INVALID_TIME', '响应时间不能早于受理时间', 'respondedAt cannot be before openedAt', [{ field: 'respondedAt', message: `before ${r.openedAt}` }]);
      }
      if (respondedAt.getTime() > clock().getTime() + CLOCK_SKEW_MS) {
        throw new RequestError('INVALID_TIME', '响应时间不能晚于现在', 'respondedAt cannot be in the future', [{ field: 'respondedAt', message: 'in the future' }]);
      }
      if (!(await store.respond(id, respondedAt.toISOString(), actor))) {
        const current = await requireRequest(id);
        // The same response sent twice is one response.
        if (current.respondedAt === respondedAt.toISOString()) return view(current, clock().getTime());
        throw new RequestError('ALREADY_RESPONDED', `服务请求 ${id} 已于 ${current.respondedAt} 响应`, `Service request ${id} was already answered at ${current.respondedAt}`);
      }
      return view(await requireRequest(id), clock().getTime());
    },

    async get(id: number): Promise<ServiceRequestView> {
      return view(await requireRequest(id), clock().getTime());
    },

    /**
     * `open` is every request not yet answered — at risk and overdue included, each item's status says
     * which — so the desk's queue starts with the most urgent. Earliest deadline first.
     */
    async list(filter: { status?: RequestStatus; contractId?: number; limit: number; offset: number }): Promise<ServiceRequestView[]> {
      const now = clock();
      const state: Record<Exclude<RequestStatus, 'at_risk'>, StoredState> = { open: 'unanswered', met: 'met', breached: 'breached' };
      const query = { contractId: filter.contractId, now: now.toISOString() };
      if (filter.status !== 'at_risk') {
        const rows = await store.list({ ...query, state: filter.status ? state[filter.status] : undefined, limit: filter.limit, offset: filter.offset });
        return Promise.all(rows.map((r) => view(r, now.getTime())));
      }
      // At-risk-from, stored at intake, narrows the rows; business time left on the calendar decides.
      const atRisk: ServiceRequestView[] = [];
      for (let offset = 0; ; offset += 500) {
        const rows = await store.list({ ...query, state: 'at_risk_candidate', limit: 500, offset });
        for (const r of rows) {
          const v = await view(r, now.getTime());
          if (v.status === 'at_risk') atRisk.push(v);
        }
        if (rows.length < 500) return atRisk.slice(filter.offset, filter.offset + filter.limit);
      }
    },
  };
}

/**
 * A retry carries the same request; the same key with another request is a mistake worth saying. A retry
 * that leaves openedAt out matches the time the first request fixed.
 */
function sameRequest(stored: StoredRequest, draft: RequestDraft, summary: string): StoredRequest {
  const sameTime = draft.openedAt === undefined || stored.openedAt === draft.openedAt.toISOString();
  if (stored.contractId === draft.contractId && stored.service === draft.service && stored.summary === summary && sameTime) return stored;
  throw new RequestError(
    'IDEMPOTENCY_KEY_REUSED',
    `该幂等键已用于另一条服务请求 #${stored.id}:请为新请求使用新的键(在页面上请重新打开受理表单)`,
    `This idempotency key was already used for another request (#${stored.id}): use a new key for a new request (on the page, open the intake form again)`,
    { requestId: stored.id },
  );
}

function notEntitled(reasons: Reason[]): RequestError {
  const zh = reasons.map((r) => r.message.split(' / ')[0]).join(';');
  return new RequestError('NOT_ENTITLED', `该合同无权获得此服务:${zh}`, `The contract is not entitled to this service: ${reasons.map((r) => r.code).join(', ')}`, { reasons });
}

export type RequestService = ReturnType<typeof createRequestService>;
