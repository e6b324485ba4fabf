// One service request and the desk's work on it: status, priority, assignee, the response and the resolution
// (with the time it waited for the customer), its history and its notes and replies, and a form for each change
// (no JavaScript needed): assign or assign to me, priority with a reason, a note or a reply, the status, resolve,
// close and reopen. A refused form shows the page again with the problem beside its field. The queue and intake
// are in request-queue-pages.ts and request-intake-pages.ts; requestPages gathers the three.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { serviceName } from '../../catalog/catalog-names.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { IdempotencyService } from '../../idempotency/idempotency-service.ts';
import { replyRecipients } from '../../requests/request-reply-mail.ts';
import type { RequestService } from '../../requests/request-service.ts';
import type { RequestEvent } from '../../requests/request-store.ts';
import { translate, type Lang } from '../i18n.ts';
import { LABELS } from '../labels.ts';
import { actorOf, idParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { RespondBody as ApiRespondBody } from '../api/request-api.ts';
import { asApiBody } from './form-body.ts';
import { renderPage } from './page-context.ts';
import { asInstantText, localNow, problemsOf } from './request-page-parts.ts';
import { requestIntakePages } from './request-intake-pages.ts';
import { requestQueuePages } from './request-queue-pages.ts';

const text = (max: number) => z.string().max(max).optional();
const csrf = { _csrf: text(200) };
const FORMS = {
  respond: z.object({ ...csrf, respondedAt: text(40) }),
  assign: z.object({ ...csrf, assignee: text(100) }),
  priority: z.object({ ...csrf, priority: text(4), reason: text(500) }),
  comments: z.object({ ...csrf, formId: text(100), kind: text(10), body: text(5000) }),
  state: z.object({ ...csrf, state: text(20) }),
  resolve: z.object({ ...csrf, resolution: text(2000) }),
  close: z.object(csrf),
  reopen: z.object({ ...csrf, reason: text(500) }),
};
type FormName = keyof typeof FORMS;

interface Deps {
  requests: RequestService;
  idempotency: IdempotencyService;
  contracts: ContractService;
  views: Views;
}

const hoursAndMinutes = (ms: number, lang: Lang) => {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? translate('minutes', lang, { n: minutes }) : translate('hoursMinutes', lang, { h: Math.floor(minutes / 60), m: minutes % 60 });
};

/** What a history entry did, in the page's language. */
function eventText(e: RequestEvent, lang: Lang): string {
  const d = (e.details ?? {}) as Record<string, string | null>;
  const none = translate('unassigned', lang);
  switch (e.action) {
    case 'opened':
      return LABELS.priority[d.priority as 'P1']?.[lang] ?? '';
    case 'assigned':
      return `${d.from ?? none} → ${d.to ?? none}`;
    case 'priority':
      return translate('historyPriority', lang, { from: LABELS.priority[d.from as 'P1'][lang], to: LABELS.priority[d.to as 'P1'][lang], reason: d.reason ?? '' });
    case 'state':
      return `${LABELS.requestState[d.from as 'new'][lang]} → ${LABELS.requestState[d.to as 'new'][lang]}`;
    case 'resolved':
      return d.resolution ?? '';
    case 'reopened':
      return translate('historyReason', lang, { reason: d.reason ?? '' });
    default:
      return '';
  }
}

export function requestPages(deps: Deps & { entitlements?: unknown }): RouteSpec[] {
  const { requests, views } = deps;

  async function showRequest(req: Request, res: Response, id: number, extra: Record<string, unknown> = {}, status = 200) {
    const lang = req.lang ?? 'zh';
    const me = actorOf(req).name;
    const detail = await requests.detail(id);
    const r = detail.request;
    const [assignable, customer] = await Promise.all([requests.assignableUsers(), deps.contracts.getCustomer(r.customerId).catch(() => null)]);
    const recipients = customer ? replyRecipients(customer.contacts) : { to: [], cc: [] };
    renderPage(views, req, res, 'request', 'requests', {
      heading: translate('requestHeading', lang, { id: r.id }),
      request: { ...r, serviceName: serviceName(r.service, lang) },
      history: detail.history.map((e) => ({ ...e, what: eventText(e, lang) })),
      comments: detail.comments,
      pauses: detail.pauses,
      pausedTotal: r.pausedTotalMs > 0 ? hoursAndMinutes(r.pausedTotalMs, lang) : null,
      assignable: assignable.map((u) => ({ value: u, selected: u === r.assignee })),
      canAssignMe: assignable.includes(me) && r.assignee !== me,
      me,
      priorities: Object.keys(LABELS.priority).map((p) => ({ value: p, selected: p === r.priority })),
      // The status form offers 处理中 and 待客户反馈; resolve, close and reopen have forms of their own.
      stateChoices: r.nextStates.filter((s) => s === 'in_progress' || s === 'waiting_customer').filter((s) => !(s === 'in_progress' && (r.state === 'resolved' || r.state === 'closed'))),
      canResolve: r.nextStates.includes('resolved'),
      canClose: r.nextStates.includes('closed'),
      canReopen: r.state === 'resolved' || r.state === 'closed',
      replyTo: recipients.to.join(', '),
      respondedAt: localNow(),
      formId: randomUUID(),
      ...extra,
    }, status);
  }

  /** A work form: its body checked, the change made, then back to the request; a refusal shown beside the form. */
  const work = (name: FormName, summary: string, act: (id: number, form: Record<string, string | undefined>, req: Request) => Promise<unknown>) =>
    route({
      method: 'post',
      path: `/requests/:id/${name}`,
      permission: 'request.write',
      kind: 'page',
      body: FORMS[name],
      summary,
      handler: async (req, res) => {
        const id = idParam(req);
        const form = req.body as Record<string, string | undefined>;
        try {
          await act(id, form, req);
        } catch (err) {
          const found = problemsOf(err, req.lang ?? 'zh');
          if (found.status === 404) throw err;
          return showRequest(req, res, id, { failed: { [name]: true }, problems: found.problems, errors: found.byField, values: form }, found.status);
        }
        res.redirect(303, `/requests/${id}#${name === 'comments' ? 'comments' : 'work'}`);
      },
    });

  return [
    ...requestQueuePages({ requests, views }),
    ...requestIntakePages({ requests, views, contracts: deps.contracts, idempotency: deps.idempotency }),
    route({
      method: 'get',
      path: '/requests/:id',
      permission: 'request.read',
      kind: 'page',
      summary: 'One service request: status, priority, assignee, deadline and proof, resolution and paused time, history, notes and replies, and the desk’s forms',
      handler: async (req, res) => showRequest(req, res, idParam(req)),
    }),
    work('respond', 'Record the response to a request', async (id, form, req) => {
      // POST /api/requests/:id/respond's body, checked by its schema; blank is now, as the API has it.
      const body = asApiBody(ApiRespondBody, { respondedAt: asInstantText(form.respondedAt) });
      const typed = body.respondedAt ? new Date(body.respondedAt) : new Date();
      // The form has minutes; a response typed in the minute the request arrived is not before it.
      const openedAt = Date.parse((await requests.get(id)).openedAt);
      const respondedAt = typed.getTime() < openedAt && openedAt - typed.getTime() < 60_000 ? new Date(openedAt) : typed;
      await requests.respond(id, respondedAt, actorOf(req));
    }),
    work('assign', 'Assign the request (blank unassigns); “assign to me” sends the signed-in user', (id, form, req) => requests.assign(id, form.assignee?.trim() || null, actorOf(req))),
    work('priority', 'Change the priority, with a reason', (id, form, req) => requests.setPriority(id, form.priority ?? '', form.reason ?? '', actorOf(req))),
    work('comments', 'Add an internal note, or a reply e-mailed to the customer (the form’s one-time id makes a resubmission one comment)', (id, form, req) =>
      requests.comment(id, { kind: form.kind === 'reply' ? 'reply' : 'note', body: form.body ?? '', clientKey: form.formId ? `form:${form.formId}` : null }, actorOf(req)),
    ),
    work('state', 'Move the request to 处理中 or 待客户反馈', (id, form, req) => requests.changeState(id, form.state ?? '', actorOf(req))),
    work('resolve', 'Resolve the request, recording what was done', (id, form, req) => requests.resolve(id, form.resolution ?? '', actorOf(req))),
    work('close', 'Close a resolved request', (id, _form, req) => requests.close(id, actorOf(req))),
    work('reopen', 'Reopen a resolved or closed request, with a reason', (id, form, req) => requests.reopen(id, form.reason ?? '', actorOf(req))),
  ];
}
