// /api/requests: intake with the entitlement checked and the deadline fixed, responses, the queue (filtered,
// sorted and paged in the store), and the desk's work on a request: assignee, priority, notes and replies, the
// status flow, resolution, closing and reopening (docs/service-requests.md). Codes in English, messages in both
// languages, refusals in the API's one error shape.
import { z } from 'zod';
import { instant } from './instant-schema.ts';
import { PRIORITIES, REQUEST_STATES, type RequestState } from '../../requests/request-lifecycle.ts';
import { RESOLUTION_FILTERS, type RequestService } from '../../requests/request-service.ts';
import { actorOf, idParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { IdempotencyService } from '../../idempotency/idempotency-service.ts';
import { IDEMPOTENCY_HEADER, sendIdempotent } from '../idempotent-response.ts';

export const RequestBody = z.object({
  contractId: z.number().int().positive(),
  service: z.string().min(1).max(64),
  openedAt: instant().optional().describe('when the request arrived (ISO-8601 with offset); default now'),
  summary: z.string().max(2000),
});
export const RespondBody = z.object({ respondedAt: instant().optional().describe('ISO-8601 with offset; default now') });
export const RESPONSE_STATUSES = ['open', 'at_risk', 'met', 'breached', 'overdue'] as const;
/** `active` is new, in_progress and waiting_customer together. */
export const STATE_FILTERS = ['active', ...REQUEST_STATES] as const;
export const RequestQuery = z.object({
  status: z.enum(RESPONSE_STATUSES).optional().describe('the response against its window; open includes the requests at risk; breached includes late answers, overdue is only those still unanswered past the deadline'),
  state: z.enum(STATE_FILTERS).optional().describe('where the work stands; active = new, in_progress and waiting_customer'),
  resolution: z
    .enum(RESOLUTION_FILTERS)
    .optional()
    .describe('only requests whose policy set a resolution target; breached: resolved after resolve-by, or still open past it; at_risk: new or in progress with less than a quarter of the target left (not waiting for the customer, whose clock is paused)'),
  contractId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  priority: z.enum(PRIORITIES).optional(),
  assignee: z.string().max(100).optional().describe('a username; "none" for unassigned requests'),
  service: z.string().max(64).optional(),
  q: z.string().max(200).optional().describe('text in the summary or the customer’s name'),
  sort: z.enum(['deadline', 'priority']).default('deadline').describe('deadline: earliest first; priority: P1 first, then by deadline'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AssignBody = z.object({ assignee: z.string().min(1).max(100).nullable().describe('a desk user’s username; null to unassign') });
export const PriorityBody = z.object({ priority: z.enum(PRIORITIES), reason: z.string().max(500).describe('why; required (1–500 characters)') });
export const CommentBody = z.object({
  kind: z.enum(['note', 'reply']).describe('note: internal; reply: e-mailed to the customer’s contacts (the first reply is the response)'),
  body: z.string().max(5000),
});
export const StateBody = z.object({ state: z.enum(['in_progress', 'waiting_customer']).describe('resolve, close and reopen have their own endpoints') });
export const ResolveBody = z.object({ resolution: z.string().max(2000).describe('what was done; required') });
export const ReopenBody = z.object({ reason: z.string().max(500).describe('why; required') });

/** The queue's question in the service's terms. */
export function queueFilter(query: z.infer<typeof RequestQuery>) {
  const states: readonly RequestState[] | undefined = query.state === undefined ? undefined : query.state === 'active' ? ['new', 'in_progress', 'waiting_customer'] : [query.state];
  return {
    status: query.status,
    resolution: query.resolution,
    states,
    contractId: query.contractId,
    customerId: query.customerId,
    priority: query.priority,
    assignee: query.assignee === 'none' ? '' : query.assignee,
    service: query.service,
    search: query.q?.trim() || undefined,
  };
}

export function requestApiRoutes(deps: { requests: RequestService; idempotency: IdempotencyService }): RouteSpec[] {
  const { requests } = deps;
  const work = (path: string, body: z.ZodType, summary: string, act: (id: number, body: never, actor: { name: string; address: string }) => Promise<unknown>) =>
    route({
      method: 'post',
      path: `/api/requests/:id/${path}`,
      permission: 'request.write',
      kind: 'api',
      body,
      summary,
      handler: async (req, res) => {
        const id = idParam(req);
        await act(id, req.body as never, actorOf(req));
        res.json({ request: await requests.get(id) });
      },
    });
  return [
    route({
      method: 'post',
      path: '/api/requests',
      permission: 'request.write',
      kind: 'api',
      body: RequestBody,
      successStatus: 201,
      idempotent: true,
      summary: 'Open a service request: refused with the reasons when the contract is not entitled; records the policy version, window, calendar and deadline, and the priority its service starts at (Idempotency-Key supported)',
      handler: async (req, res) => {
        const body = req.body as z.infer<typeof RequestBody>;
        // A retry that leaves openedAt out sends what the first request sent, and gets its response (201, the same body).
        await sendIdempotent(deps.idempotency, req, res, 'POST /api/requests', body, async () => {
          const { request } = await requests.open(
            { contractId: body.contractId, service: body.service, openedAt: body.openedAt ? new Date(body.openedAt) : undefined, summary: body.summary },
            actorOf(req),
            req.get(IDEMPOTENCY_HEADER) ?? null,
          );
          return { status: 201, body: { request } };
        });
      },
    }),
    route({
      method: 'post',
      path: '/api/requests/:id/respond',
      permission: 'request.write',
      kind: 'api',
      body: RespondBody,
      summary: 'Record the response to a service request (once); a first reply records it too',
      handler: async (req, res) => {
        const { respondedAt } = req.body as z.infer<typeof RespondBody>;
        res.json({ request: await requests.respond(idParam(req), respondedAt ? new Date(respondedAt) : new Date(), actorOf(req)) });
      },
    }),
    route({
      method: 'get',
      path: '/api/requests',
      permission: 'request.read',
      kind: 'api',
      query: RequestQuery,
      summary: 'Service requests by response status, state, contract, customer, priority, assignee and service, with a search over summary and customer; sorted by deadline or by priority then deadline; `total` counts every match',
      handler: async (req, res) => {
        const query = req.query as unknown as z.infer<typeof RequestQuery>;
        const found = await requests.page(queueFilter(query), { offset: query.offset, limit: query.limit, sort: query.sort });
        res.json({ requests: found.items, total: found.total });
      },
    }),
    route({
      method: 'get',
      path: '/api/requests/:id',
      permission: 'request.read',
      kind: 'api',
      summary: 'One service request with its deadline proof, status, priority, assignee and resolution',
      handler: async (req, res) => {
        res.json({ request: await requests.get(idParam(req)) });
      },
    }),
    route({
      method: 'get',
      path: '/api/requests/:id/history',
      permission: 'request.read',
      kind: 'api',
      summary: 'A service request’s history (who, when, what), its notes and replies, and its pauses while waiting for the customer',
      handler: async (req, res) => {
        const { history, comments, pauses } = await requests.detail(idParam(req));
        res.json({ history, comments, pauses });
      },
    }),
    work('assign', AssignBody, 'Assign the request to a desk user (null unassigns)', (id, body: z.infer<typeof AssignBody>, actor) => requests.assign(id, body.assignee, actor)),
    work('priority', PriorityBody, 'Change the priority, with a reason', (id, body: z.infer<typeof PriorityBody>, actor) => requests.setPriority(id, body.priority, body.reason, actor)),
    work('state', StateBody, 'Move the request to in_progress or waiting_customer (the resolution clock pauses while waiting)', (id, body: z.infer<typeof StateBody>, actor) => requests.changeState(id, body.state, actor)),
    work('resolve', ResolveBody, 'Resolve the request, recording what was done', (id, body: z.infer<typeof ResolveBody>, actor) => requests.resolve(id, body.resolution, actor)),
    work('close', z.object({}), 'Close a resolved request', (id, _body, actor) => requests.close(id, actor)),
    work('reopen', ReopenBody, 'Reopen a resolved or closed request (back to in_progress), with a reason', (id, body: z.infer<typeof ReopenBody>, actor) => requests.reopen(id, body.reason, actor)),
    route({
      method: 'post',
      path: '/api/requests/:id/comments',
      permission: 'request.write',
      kind: 'api',
      body: CommentBody,
      successStatus: 201,
      idempotent: true,
      summary: 'Add an internal note, or a reply e-mailed once to the customer’s contacts through the outbox (Idempotency-Key: a retry is the same comment, sent once)',
      handler: async (req, res) => {
        const id = idParam(req);
        const body = req.body as z.infer<typeof CommentBody>;
        const { comment } = await requests.comment(id, { kind: body.kind, body: body.body, clientKey: req.get(IDEMPOTENCY_HEADER) ?? null }, actorOf(req));
        res.status(201).json({ comment, request: await requests.get(id) });
      },
    }),
  ];
}
