// Service requests: intake checks the entitlement and fixes the deadline (the preview runs the same checks as
// the intake, so it refuses what saving would refuse); the desk then works the request (request-work.ts); the
// queue pages, filters and counts in the store, and judges each response in business time on the calendar the
// deadline was computed with.
import { addBusinessTime, windowToWorkingMs } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import { standardCalendar } from '../calendar/china-holidays.ts';
import { HOUR_MS } from '../calendar/shanghai-time.ts';
import type { ContractService } from '../contracts/contract-service.ts';
import type { Decision } from '../entitlement/decision.ts';
import type { EntitlementService } from '../entitlement/entitlement-service.ts';
import type { Reason } from '../entitlement/reasons.ts';
import { scopedKey } from '../idempotency/idempotency-service.ts';
import { PolicyChangedError } from '../policy/moving-in.ts';
import type { PageOf } from '../shared/paging.ts';
import { ACTIVE_STATES, defaultPriority, isRequestState, type Priority, type RequestState } from './request-lifecycle.ts';
import { RESOLUTION_FILTERS, type RequestComment, type RequestEvent, type RequestFilter, type RequestPause, type RequestSort, type RequestStore, type ResolutionFilter, type StoredRequest, type StoredState } from './request-store.ts';
import { RequestError } from './request-error.ts';
import { AT_RISK_SHARE, viewOf, type RequestStatus, type ServiceRequestView } from './request-view.ts';
import { createRequestWork, type Actor, type DeskUsers } from './request-work.ts';
import { resolveAtRiskFrom } from './resolution-clock.ts';

export { RequestError, AT_RISK_SHARE, RESOLUTION_FILTERS };
export type { RequestStatus, ServiceRequestView, Actor, ResolutionFilter };

/** Clocks disagree a little; an instant this far ahead of ours is still "now". */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface RequestDraft {
  contractId: number;
  service: string;
  /** When the request arrived; left out, it is now — fixed by the first request of an idempotency key. */
  openedAt?: Date;
  summary: string;
}

/** A request's response status, or overdue: still unanswered past its deadline (what the desk must act on now). */
export type QueueStatus = RequestStatus | 'overdue';

/** A queue's question: the states (a tab), the response's status, and the filters; paged and sorted in the store. */
export interface QueueFilter {
  /** Default: every state. */
  states?: readonly RequestState[];
  status?: QueueStatus;
  /** UTC ISO-8601: only requests due at or after it. */
  respondByFrom?: string;
  /** breached: resolved after resolve-by, or still open past it; at_risk: worked, with less than a quarter of the target left (see request-repository.ts). */
  resolution?: ResolutionFilter;
  contractId?: number;
  customerId?: number;
  priority?: Priority;
  /** '' for unassigned. */
  assignee?: string;
  service?: string;
  search?: string;
}

export interface RequestDetail {
  request: ServiceRequestView;
  history: RequestEvent[];
  comments: RequestComment[];
  pauses: RequestPause[];
}

/** A service the intake form offers for a contract: one of its offering's, entitled or not (the decision says why). */
export interface IntakeService {
  service: string;
  entitled: boolean;
}

const RESPONSE_STATE: Record<QueueStatus, StoredState> = { open: 'unanswered', at_risk: 'at_risk', met: 'met', breached: 'breached', overdue: 'overdue' };

export function createRequestService(
  store: RequestStore,
  contracts: ContractService,
  entitlements: EntitlementService,
  clock: () => Date = () => new Date(),
  deskUsers: DeskUsers = async () => [],
) {
  /**
   * The calendar a stored deadline was computed on (its version's), so later changes do not move it. A
   * version is compiled once by the policy cache; only a version deleted from the database (never, today)
   * would fall back to 标准工作日.
   */
  async function calendarOf(r: { policy: { version: number }; calendar: string | null }): Promise<Calendar> {
    return (await entitlements.calendar(r.policy.version, r.calendar ?? '')) ?? standardCalendar();
  }

  async function view(r: StoredRequest, now: number, pauses: RequestPause[] | null = null): Promise<ServiceRequestView> {
    const calendar = r.calendar === null ? null : await calendarOf(r);
    // A resolved request's working time to resolve leaves out its pauses, which only this request's rows know.
    const spans = pauses ?? (r.resolvedAt !== null && calendar ? await store.pauses(r.id) : null);
    return viewOf(r, now, calendar, spans);
  }

  async function requireRequest(id: number): Promise<StoredRequest> {
    const r = await store.get(id);
    if (!r) throw new RequestError('REQUEST_NOT_FOUND', `服务请求 ${id} 不存在`, `Service request ${id} does not exist`);
    return r;
  }

  const work = createRequestWork({ store, contracts, deskUsers, clock, requireRequest, calendarOf });
  const now = () => clock().getTime();

  /** Decides at the arrival and stores what was decided; the store refuses (PolicyChangedError) if the version moved meanwhile. */
  async function record(draft: RequestDraft, summary: string, openedAt: Date, actor: Actor, key: string | null): Promise<{ status: 'created' | 'existing'; request: ServiceRequestView }> {
    const decision = await contracts.check(draft.contractId, draft.service, openedAt, { deadline: true });
    if (!decision.entitled) throw notEntitled(decision.reasons);
    const respondBy = decision.respondBy ? Date.parse(decision.respondBy) : null;
    const windowMs = decision.proof ? Math.round(decision.proof.workingHours * HOUR_MS) : null;
    const target = decision.resolution ?? null;
    const timed = respondBy !== null && windowMs !== null;
    // Both clocks count on the decision's calendar, the one its deadlines were computed on; read once, when either runs.
    const calendar = timed || target ? await calendarOf({ policy: decision.policy, calendar: decision.calendar ?? null }) : null;
    const atRiskFrom = timed ? new Date(addBusinessTime(calendar!, openedAt.getTime(), (1 - AT_RISK_SHARE) * windowMs).at).toISOString() : null;
    // In the calendar's own working day, as resolve-by was counted (entitlement-service.ts, deadlineFor).
    const resolutionMs = target ? Math.round(windowToWorkingMs(calendar!, target.window)) : null;
    const resolveAtRisk = resolutionMs === null ? null : resolveAtRiskFrom(calendar!, openedAt.getTime(), resolutionMs);
    const priority = defaultPriority(draft.service);
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
      resolutionWindow: target?.window ?? null,
      resolutionMs,
      resolveBy: target ? new Date(Date.parse(target.resolveBy)).toISOString() : null,
      resolveAtRiskFrom: resolveAtRisk,
      createdBy: actor.name,
      createdAt: clock().toISOString(),
      idempotencyKey: key,
      state: 'new' as const,
      priority,
    };
    const audit = { actor: actor.name, action: 'request.open' as const, target: null, details: { contractId: draft.contractId, service: draft.service, priority }, address: actor.address };
    try {
      return { status: 'created', request: await view(await store.create(row, audit), now()) };
    } catch (err) {
      if (err instanceof PolicyChangedError) throw err;
      // Two retries racing with one key: the unique key lets one insert; the other answers with it.
      const winner = key === null ? null : await store.findByKey(key);
      if (!winner) throw err;
      return { status: 'existing', request: await view(sameRequest(winner, draft, summary), now()) };
    }
  }

  /** What intake refuses before deciding: the preview and the intake ask the same. */
  function checkDraft(draft: RequestDraft): string {
    const summary = draft.summary.trim();
    if (!summary || summary.length > 2000) {
      throw new RequestError('VALIDATION_FAILED', '问题描述应为 1–2000 个字符', 'summary must be 1–2000 characters', [{ field: 'summary', message: '1–2000 characters', messageZh: '请填写问题描述(1–2000 个字符)' }]);
    }
    if (draft.openedAt && draft.openedAt.getTime() > clock().getTime() + CLOCK_SKEW_MS) {
      throw new RequestError('INVALID_TIME', '受理时间不能晚于现在', 'openedAt cannot be in the future', [{ field: 'openedAt', message: 'in the future', messageZh: '受理时间不能晚于现在' }]);
    }
    return summary;
  }

  function storeFilter(filter: QueueFilter): RequestFilter {
    const { status, states, ...rest } = filter;
    return { ...rest, response: status ? RESPONSE_STATE[status] : undefined, states, search: filter.search || undefined, now: clock().toISOString() };
  }

  return {
    ...work,

    /**
     * What intake would record, without recording it: the form shows this before saving. It refuses exactly what
     * `open` refuses before deciding (checkDraft), with the same words, then decides as `open` does.
     */
    async preview(draft: RequestDraft): Promise<Decision> {
      checkDraft(draft);
      return contracts.check(draft.contractId, draft.service, draft.openedAt ?? clock(), { deadline: true });
    },

    /** The services of the contract's offering (those another offering alone has left out), entitled ones first. */
    async intakeServices(contractId: number, at: Date = clock()): Promise<IntakeService[]> {
      const { decisions } = await contracts.entitlements(contractId, at);
      const offered = decisions.filter((d) => !d.reasons.some((r) => r.code === 'ON_PREMISE_ONLY' || r.code === 'NOT_OFFERED'));
      return [...offered.filter((d) => d.entitled), ...offered.filter((d) => !d.entitled)].map((d) => ({ service: d.service, entitled: d.entitled }));
    },

    async open(draft: RequestDraft, actor: string | Actor, idempotencyKey: string | null = null): Promise<{ status: 'created' | 'existing'; request: ServiceRequestView }> {
      const who = typeof actor === 'string' ? { name: actor, address: null } : actor;
      const summary = checkDraft(draft);
      const key = idempotencyKey === null ? null : scopedKey(who.name, idempotencyKey);
      const earlier = key === null ? null : await store.findByKey(key);
      if (earlier) return { status: 'existing', request: await view(sameRequest(earlier, draft, summary), now()) };

      const openedAt = draft.openedAt ?? clock();
      try {
        return await record(draft, summary, openedAt, who, key);
      } catch (err) {
        // The version in force at the arrival changed between the decision and the write (moving in, or an
        // activation this instance had not read yet): decide once more on the activations as they are now.
        if (!(err instanceof PolicyChangedError)) throw err;
        entitlements.refreshPolicy();
        return record(draft, summary, openedAt, who, key);
      }
    },

    async respond(id: number, respondedAt: Date, actor: string | Actor): Promise<ServiceRequestView> {
      const who = typeof actor === 'string' ? { name: actor, address: null } : actor;
      const r = await requireRequest(id);
      if (respondedAt.getTime() < Date.parse(r.openedAt)) {
        throw new RequestError('INVALID_TIME', '响应时间不能早于受理时间', 'respondedAt cannot be before openedAt', [{ field: 'respondedAt', message: `before ${r.openedAt}`, messageZh: '响应时间不能早于受理时间' }]);
      }
      if (respondedAt.getTime() > clock().getTime() + CLOCK_SKEW_MS) {
        throw new RequestError('INVALID_TIME', '响应时间不能晚于现在', 'respondedAt cannot be in the future', [{ field: 'respondedAt', message: 'in the future', messageZh: '响应时间不能晚于现在' }]);
      }
      const audit = { actor: who.name, action: 'request.respond' as const, target: `request:${id}`, details: { respondedAt: respondedAt.toISOString() }, address: who.address, at: clock().toISOString() };
      if (!(await store.respond(id, respondedAt.toISOString(), who.name, audit))) {
        const current = await requireRequest(id);
        // The same response sent twice is one response.
        if (current.respondedAt === respondedAt.toISOString()) return view(current, now());
        throw new RequestError('ALREADY_RESPONDED', `服务请求 ${id} 已于 ${current.respondedAt} 响应`, `Service request ${id} was already answered at ${current.respondedAt}`);
      }
      return view(await requireRequest(id), now());
    },

    async get(id: number): Promise<ServiceRequestView> {
      return view(await requireRequest(id), now());
    },

    /** The request with its history, comments and pauses: the request page. */
    async detail(id: number): Promise<RequestDetail> {
      const r = await requireRequest(id);
      const [history, comments, pauses] = await Promise.all([store.history(id), store.comments(id), store.pauses(id)]);
      return { request: await view(r, now(), pauses), history, comments, pauses };
    },

    /**
     * The queue: filtered, sorted (by deadline, or by priority then deadline) and paged in the store. `open`
     * is every request not yet answered — at risk and overdue included, each item's status says which.
     */
    async page(filter: QueueFilter, page: { offset: number; limit: number; sort?: RequestSort }): Promise<PageOf<ServiceRequestView>> {
      const found = await store.list({ ...storeFilter(filter), ...page });
      const at = now();
      return { items: await Promise.all(found.items.map((r) => view(r, at))), total: found.total };
    },

    /** How many requests of the filter are in each state, and in the active ones together: the tabs' counts. */
    async countByState(filter: Omit<QueueFilter, 'states'>): Promise<Record<RequestState | 'active' | 'all', number>> {
      const counts = await store.countByState(storeFilter(filter));
      const sum = (states: readonly RequestState[]) => states.reduce((n, s) => n + counts[s], 0);
      return { ...counts, active: sum(ACTIVE_STATES), all: sum(Object.keys(counts).filter(isRequestState)) };
    },

    /** The API's list as it always was: by response status and contract, earliest deadline first. */
    async list(filter: QueueFilter & { limit: number; offset: number; sort?: RequestSort }): Promise<ServiceRequestView[]> {
      const { limit, offset, sort, ...rest } = filter;
      const found = await store.list({ ...storeFilter(rest), limit, offset, sort });
      const at = now();
      return Promise.all(found.items.map((r) => view(r, at)));
    },

    assignees: () => store.assignees(),

    /** The customers with requests, by name, for the queue's filter (the search finds any of them too). */
    customersWithRequests: () => store.customers(500),
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
