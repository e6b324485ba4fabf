// The desk's work on a request after intake: who has it, how urgent it is, notes and replies, and the status
// flow 新建 → 处理中 → 待客户反馈 → 已解决 → 已关闭 with reopen (docs/service-requests.md). Each use case reads
// the request, decides the change (refusing what the flow does not allow), and hands it to the store, which
// writes it with its history and audit entries only if nobody changed the request meanwhile; if somebody did,
// the use case reads again and decides again, so a refusal always speaks of the request as it now is.
import type { NewAuditEntry } from '../audit/audit-log.ts';
import { can, type Role } from '../accounts/roles.ts';
import type { ContractService } from '../contracts/contract-service.ts';
import { scopedKey } from '../idempotency/idempotency-service.ts';
import { assertTransition, isPriority, isReopen, stateName, type Priority, type RequestState } from './request-lifecycle.ts';
import { RequestError } from './request-error.ts';
import { resolutionAfterStop } from './resolution-clock.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import { replyMail, replyRecipients } from './request-reply-mail.ts';
import type { CommentKind, RequestAction, RequestChange, RequestComment, RequestStore, StoredRequest } from './request-store.ts';

export interface Actor {
  name: string;
  address: string | null;
}

/** The people who could work a request: enabled users whose role may write requests (the desk). */
export type DeskUsers = () => Promise<{ username: string; role: Role; disabled: boolean }[]>;

export interface WorkDeps {
  store: RequestStore;
  contracts: ContractService;
  deskUsers: DeskUsers;
  clock: () => Date;
  requireRequest(id: number): Promise<StoredRequest>;
  /** The calendar the request's deadlines are counted on (its policy version's). */
  calendarOf(r: StoredRequest): Promise<Calendar>;
}

const MAX_TRIES = 3;

function text(value: string, field: string, max: number, zh: string, en: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || [...trimmed].length > max) {
    throw new RequestError('VALIDATION_FAILED', `${zh}应为 1–${max} 个字符`, `${en} must be 1–${max} characters`, [{ field, message: `1–${max} characters`, messageZh: `${zh}应为 1–${max} 个字符` }]);
  }
  return trimmed;
}

export function createRequestWork(deps: WorkDeps) {
  const { store, clock } = deps;

  const audit = (actor: Actor, action: NewAuditEntry['action'], id: number, details: Record<string, unknown>): NewAuditEntry => ({ actor: actor.name, action, target: `request:${id}`, details, address: actor.address });

  /** Reads, decides and writes; decides again on what it reads anew when the request changed in between. */
  async function change(
    id: number,
    actor: Actor,
    decide: (r: StoredRequest, at: string, calendar: Calendar | null) => Omit<RequestChange, 'at' | 'actor' | 'expect'>,
  ): Promise<{ request: StoredRequest; commentId: number | null }> {
    for (let attempt = 1; ; attempt++) {
      const r = await deps.requireRequest(id);
      const at = clock().toISOString();
      // Only a request with a resolution target needs its calendar: a wait or a reopen moves its resolve-by.
      const calendar = r.resolveBy === null ? null : await deps.calendarOf(r);
      const decided = decide(r, at, calendar);
      const { applied, commentId } = await store.apply(id, { ...decided, at, actor: actor.name, expect: { state: r.state, updatedAt: r.updatedAt } });
      if (applied) return { request: await deps.requireRequest(id), commentId };
      // A resubmitted comment: the caller finds the one stored under its key.
      if (decided.comment?.clientKey && (await store.commentByKey(decided.comment.clientKey))) return { request: await deps.requireRequest(id), commentId: null };
      if (attempt >= MAX_TRIES) {
        const now = await deps.requireRequest(id);
        throw new RequestError('REQUEST_CHANGED', `服务请求 #${id} 刚被他人修改(现为「${stateName(now.state).zh}」),请刷新页面后再试`, `Service request #${id} was just changed by someone else (now ${stateName(now.state).en}); reload and try again`);
      }
    }
  }

  /** The columns to set when the clock resumes after standing still since `from`: resolve-by and its at-risk point, or nothing. */
  function movedResolution(r: StoredRequest, calendar: Calendar | null, from: string | null, at: string): RequestChange['set'] {
    const moved = resolutionAfterStop(calendar, { resolveBy: r.resolveBy, resolveAtRiskFrom: r.resolveAtRiskFrom }, from, at);
    return moved.resolveBy === r.resolveBy ? {} : moved;
  }

  /** The columns and records of a move between states (the transition itself checked by the caller). */
  function move(r: StoredRequest, to: RequestState, at: string, actor: Actor, calendar: Calendar | null, extra: { resolution?: string; reason?: string }): Omit<RequestChange, 'at' | 'actor' | 'expect'> {
    assertTransition(r.id, r.state, to);
    const set: RequestChange['set'] = { state: to };
    let pause: RequestChange['pause'];
    if (to === 'waiting_customer') {
      set.pausedSince = at;
      pause = 'start';
    }
    if (r.state === 'waiting_customer' && r.pausedSince !== null) {
      set.pausedSince = null;
      set.pausedMs = r.pausedMs + Math.max(0, Date.parse(at) - Date.parse(r.pausedSince));
      pause = 'end';
      Object.assign(set, movedResolution(r, calendar, r.pausedSince, at));
    }
    let action: RequestAction = 'state';
    let auditAction: NewAuditEntry['action'] = 'request.state';
    const details: Record<string, unknown> = { from: r.state, to };
    const responded: Pick<RequestChange, 'events' | 'audit'> = { events: [], audit: [] };
    if (to === 'resolved') {
      Object.assign(set, { resolvedAt: at, resolvedBy: actor.name, resolution: extra.resolution ?? null });
      [action, auditAction] = ['resolved', 'request.resolve'];
      details.resolution = extra.resolution ?? null;
      // Resolved before any reply: the resolution answers the request, so it is the response (as JSM stops time to
      // first response on resolution); otherwise the request would stay "unanswered" and be alerted on for ever.
      if (r.respondedAt === null) {
        Object.assign(set, { respondedAt: at, respondedBy: actor.name });
        const answered = { respondedAt: at, by: 'resolution' };
        responded.events.push({ action: 'responded', details: answered });
        responded.audit.push(audit(actor, 'request.respond', r.id, answered));
      }
    } else if (to === 'closed') {
      Object.assign(set, { closedAt: at, closedBy: actor.name });
      [action, auditAction] = ['closed', 'request.close'];
    } else if (isReopen(r.state, to)) {
      // The resolution is cleared on the request and kept in its history; the next one is recorded anew.
      Object.assign(set, { resolvedAt: null, resolvedBy: null, resolution: null, closedAt: null, closedBy: null });
      // The time it stood resolved was nobody's to work: the resolution clock resumes where it stopped.
      Object.assign(set, movedResolution(r, calendar, r.resolvedAt, at));
      [action, auditAction] = ['reopened', 'request.reopen'];
      details.reason = extra.reason ?? null;
    }
    return { set, pause, events: [...responded.events, { action, details }], audit: [...responded.audit, audit(actor, auditAction, r.id, details)] };
  }

  async function checkAssignee(username: string): Promise<string> {
    const wanted = username.trim().toLowerCase();
    const user = (await deps.deskUsers()).find((u) => u.username === wanted);
    if (!user || user.disabled || !can(user.role, 'request.write')) {
      throw new RequestError('NOT_A_SUPPORT_USER', `用户「${username}」不是可处理服务请求的在职技术支持人员;请从列表中选择`, `"${username}" is not an enabled support user who can work requests; choose one from the list`, [
        { field: 'assignee', message: 'not a support user', messageZh: '不是技术支持人员' },
      ]);
    }
    return user.username;
  }

  return {
    /** Who may be assigned: enabled users whose role works requests, by name. */
    async assignableUsers(): Promise<string[]> {
      return (await deps.deskUsers())
        .filter((u) => !u.disabled && can(u.role, 'request.write'))
        .map((u) => u.username)
        .sort();
    },

    /** Assigns (or, with null, unassigns) the request. */
    async assign(id: number, assignee: string | null, actor: Actor): Promise<StoredRequest> {
      const to = assignee === null || assignee.trim() === '' ? null : await checkAssignee(assignee);
      const { request } = await change(id, actor, (r) => {
        const details = { from: r.assignee, to };
        return { set: { assignee: to }, events: [{ action: 'assigned', details }], audit: [audit(actor, 'request.assign', id, details)] };
      });
      return request;
    },

    /** The desk's judgement of urgency, with the reason on record. */
    async setPriority(id: number, priority: string, reason: string, actor: Actor): Promise<StoredRequest> {
      if (!isPriority(priority)) throw new RequestError('VALIDATION_FAILED', '优先级应为 P1、P2、P3 或 P4', 'priority must be P1, P2, P3 or P4', [{ field: 'priority', message: 'P1–P4', messageZh: '请选择 P1–P4' }]);
      const why = text(reason, 'reason', 500, '调整原因', 'reason');
      const { request } = await change(id, actor, (r) => {
        const details = { from: r.priority, to: priority as Priority, reason: why };
        return { set: { priority: priority as Priority }, events: [{ action: 'priority', details }], audit: [audit(actor, 'request.priority', id, details)] };
      });
      return request;
    },

    /**
     * An internal note, or a reply e-mailed to the customer's contacts through the outbox in the same
     * transaction. The first reply is the response; a reply to a new request starts work on it (处理中).
     * `clientKey` (a form's one-time id, an Idempotency-Key) makes a resubmission the same comment, sent once.
     */
    async comment(id: number, input: { kind: CommentKind; body: string; clientKey?: string | null }, actor: Actor): Promise<{ request: StoredRequest; comment: RequestComment }> {
      const body = text(input.body, 'body', 5000, input.kind === 'reply' ? '回复内容' : '备注内容', 'body');
      const clientKey = input.clientKey ? scopedKey(actor.name, `comment:${input.clientKey}`) : null;
      if (clientKey) {
        const earlier = await store.commentByKey(clientKey);
        if (earlier) return { request: await deps.requireRequest(id), comment: sameComment(earlier, id, input.kind, body) };
      }
      let mail: ((commentId: number) => ReturnType<typeof replyMail>) | null = null;
      if (input.kind === 'reply') {
        const r = await deps.requireRequest(id);
        const recipients = replyRecipients((await deps.contracts.getCustomer(r.customerId)).contacts);
        if (recipients.to.length === 0) {
          throw new RequestError('NO_CONTACT_ADDRESS', `客户「${r.customerName}」没有可用的联系人邮箱,回复无法发出;请先在客户页面 /customers/${r.customerId} 添加联系人邮箱,或改为内部备注`, `Customer "${r.customerName}" has no contact with a usable e-mail address, so the reply cannot be sent; add one on /customers/${r.customerId} first, or save it as an internal note`, [
            { field: 'body', message: 'no contact address', messageZh: '客户没有联系人邮箱' },
          ]);
        }
        mail = () => replyMail(r, body, actor.name, recipients);
      }
      const { request, commentId } = await change(id, actor, (r, at, calendar) => {
        const startsWork = input.kind === 'reply' && r.state === 'new';
        const moved = startsWork ? move(r, 'in_progress', at, actor, calendar, {}) : null;
        const details = { kind: input.kind, length: body.length };
        return {
          set: moved?.set ?? {},
          events: [{ action: input.kind, details }, ...(moved?.events ?? [])],
          audit: [audit(actor, input.kind === 'reply' ? 'request.reply' : 'request.note', id, details), ...(moved?.audit ?? [])],
          comment: { kind: input.kind, body, clientKey, mail, respond: input.kind === 'reply' },
        };
      });
      if (commentId === null) return { request, comment: sameComment((await store.commentByKey(clientKey!))!, id, input.kind, body) };
      return { request, comment: (await store.comments(id)).find((c) => c.id === commentId)! };
    },

    /** To 处理中 or 待客户反馈 (the resolution clock pauses there); resolve, close and reopen below. */
    async changeState(id: number, to: string, actor: Actor): Promise<StoredRequest> {
      if (to !== 'in_progress' && to !== 'waiting_customer') {
        throw new RequestError('VALIDATION_FAILED', '状态只能改为「处理中」或「待客户反馈」;解决、关闭与重新打开各有其操作', 'state must be in_progress or waiting_customer; resolve, close and reopen have their own actions', [
          { field: 'state', message: 'in_progress or waiting_customer', messageZh: '请选择处理中或待客户反馈' },
        ]);
      }
      return (await change(id, actor, (r, at, calendar) => move(r, to, at, actor, calendar, {}))).request;
    },

    async resolve(id: number, resolution: string, actor: Actor): Promise<StoredRequest> {
      const what = text(resolution, 'resolution', 2000, '解决说明', 'resolution');
      return (await change(id, actor, (r, at, calendar) => move(r, 'resolved', at, actor, calendar, { resolution: what }))).request;
    },

    async close(id: number, actor: Actor): Promise<StoredRequest> {
      return (await change(id, actor, (r, at, calendar) => move(r, 'closed', at, actor, calendar, {}))).request;
    },

    async reopen(id: number, reason: string, actor: Actor): Promise<StoredRequest> {
      const why = text(reason, 'reason', 500, '重新打开的原因', 'reason');
      return (
        await change(id, actor, (r, at, calendar) => {
          if (r.state !== 'resolved' && r.state !== 'closed') {
            throw new RequestError('INVALID_TRANSITION', `服务请求 #${id} 当前为「${stateName(r.state).zh}」:只有已解决或已关闭的请求可以重新打开`, `Service request #${id} is ${stateName(r.state).en}: only a resolved or closed request can be reopened`, { state: r.state, requested: 'reopen' });
          }
          return move(r, 'in_progress', at, actor, calendar, { reason: why });
        })
      ).request;
    },
  };
}

/** A comment sent again under its key is the stored one; the same key with other words is a mistake worth saying. */
function sameComment(stored: { requestId: number; comment: RequestComment }, id: number, kind: CommentKind, body: string): RequestComment {
  if (stored.requestId === id && stored.comment.kind === kind && stored.comment.body === body) return stored.comment;
  throw new RequestError('IDEMPOTENCY_KEY_REUSED', '此表单已提交过另一条内容;请重新打开页面后再提交', 'This form (or key) was already used for another comment; reload the page (or use a new key)');
}

export type RequestWork = ReturnType<typeof createRequestWork>;
