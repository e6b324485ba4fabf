// POST /api/entitlements/check: the support desk's question over HTTP.
import { z } from 'zod';
import { instant } from './instant-schema.ts';
import type { Decision } from '../../entitlement/decision.ts';
import { contractFacts, type EntitlementService } from '../../entitlement/entitlement-service.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import { OFFERINGS, TIERS } from '../../catalog/catalog-codes.ts';
import { route, type RouteSpec } from '../route-table.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

const common = {
  service: z.string().min(1).max(64).describe('a service code, e.g. issue_feedback'),
  at: instant().optional().describe('ISO-8601 instant with offset; default now'),
};

/** Either a stored contract (`contractId`), or an inline one (`offering`, `tier`, dates). */
export const CheckBody = z
  .object({
    contractId: z.number().int().positive().optional(),
    offering: z.enum(OFFERINGS).optional(),
    tier: z.enum(TIERS).optional(),
    startsOn: date.optional(),
    endsOn: date.optional(),
    ...common,
  })
  .superRefine((body, ctx) => {
    if (body.contractId !== undefined) return;
    for (const field of ['offering', 'tier'] as const) {
      if (!body[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'required without contractId' });
    }
  });

export const CHECK_PATH = '/api/entitlements/check';

export type CheckRequest = z.infer<typeof CheckBody>;

export interface CheckDeps {
  entitlements: EntitlementService;
  contracts: ContractService;
  /** Told of each decision answered (the /metrics counter): counted here, at the edge, not in the domain. */
  onDecision?: (decision: Decision) => void;
}

/** The check's answer to a validated body; the route below and the fast lane (check-fast-lane.ts) share it. */
export function checkAnswerer(deps: CheckDeps) {
  const decide = (body: CheckRequest): Promise<Decision> => {
    const at = body.at ? new Date(body.at) : new Date();
    // A given `at` is the moment a request arrived: the answer then says by when to respond.
    const options = { deadline: body.at !== undefined };
    if (body.contractId !== undefined) return deps.contracts.check(body.contractId, body.service, at, options);
    return deps.entitlements.check(contractFacts({ ...body, offering: body.offering!, tier: body.tier! }), body.service, at, undefined, options);
  };
  const { onDecision } = deps;
  if (!onDecision) return decide;
  return (body: CheckRequest): Promise<Decision> =>
    decide(body).then((decision) => {
      onDecision(decision);
      return decision;
    });
}

export function entitlementApiRoutes(deps: CheckDeps): RouteSpec[] {
  const answer = checkAnswerer(deps);
  return [
    route({
      method: 'post',
      path: CHECK_PATH,
      permission: 'entitlement.check',
      kind: 'api',
      body: CheckBody,
      summary: 'Is a contract entitled to a service at an instant: channel, response window, coverage, quota, reasons and proof',
      handler: async (req, res) => {
        res.json(await answer(req.body as CheckRequest));
      },
    }),
  ];
}
