// /api/requests: intake with the entitlement checked and the deadline fixed, responses, and the queue.
import { z } from 'zod';
import { instant } from './instant-schema.ts';
import type { RequestService } from '../../requests/request-service.ts';
import { idParam, principalOf } from '../request-helpers.ts';
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
export const RequestQuery = z.object({
  status: z.enum(['open', 'at_risk', 'met', 'breached']).optional().describe('open includes the requests at risk'),
  contractId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function requestApiRoutes(deps: { requests: RequestService; idempotency: IdempotencyService }): RouteSpec[] {
  const { requests } = deps;
  return [
    route({
      method: 'post',
      path: '/api/requests',
      permission: 'request.write',
      kind: 'api',
      body: RequestBody,
      successStatus: 201,
      idempotent: true,
      summary: 'Open a service request: refused with the reasons when the contract is not entitled; records the policy version, window, calendar and deadline (Idempotency-Key supported)',
      handler: async (req, res) => {
        const body = req.body as z.infer<typeof RequestBody>;
        // A retry that leaves openedAt out sends what the first request sent, and gets its response (201, the same body).
        await sendIdempotent(deps.idempotency, req, res, 'POST /api/requests', body, async () => {
          const { request } = await requests.open(
            { contractId: body.contractId, service: body.service, openedAt: body.openedAt ? new Date(body.openedAt) : undefined, summary: body.summary },
            principalOf(req).name,
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
      summary: 'Record the response to a service request (once)',
      handler: async (req, res) => {
        const { respondedAt } = req.body as z.infer<typeof RespondBody>;
        res.json({ request: await requests.respond(idParam(req), respondedAt ? new Date(respondedAt) : new Date(), principalOf(req).name) });
      },
    }),
    route({
      method: 'get',
      path: '/api/requests',
      permission: 'request.read',
      kind: 'api',
      query: RequestQuery,
      summary: 'Service requests by status (open, at_risk, met, breached) and contract, earliest deadline first',
      handler: async (req, res) => {
        res.json({ requests: await requests.list(req.query as unknown as z.infer<typeof RequestQuery>) });
      },
    }),
    route({
      method: 'get',
      path: '/api/requests/:id',
      permission: 'request.read',
      kind: 'api',
      summary: 'One service request with its deadline proof and status',
      handler: async (req, res) => {
        res.json({ request: await requests.get(idParam(req)) });
      },
    }),
  ];
}
