// POST /api/entitlements/check: the support desk's question over HTTP.
import { z } from 'zod';
import { contractFacts, type EntitlementService } from '../../entitlement/entitlement-service.ts';
import { OFFERINGS, TIERS } from '../../policy/catalog-codes.ts';
import { route, type RouteSpec } from '../route-table.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const CheckBody = z.object({
  offering: z.enum(OFFERINGS),
  tier: z.enum(TIERS),
  startsOn: date.optional(),
  endsOn: date.optional(),
  service: z.string().min(1).max(64).describe('a service code, e.g. issue_feedback'),
  at: z.iso.datetime({ offset: true }).optional().describe('ISO-8601 instant with offset; default now'),
});

export function entitlementApiRoutes(deps: { entitlements: EntitlementService }): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/entitlements/check',
      permission: 'entitlement.check',
      kind: 'api',
      body: CheckBody,
      summary: 'Is a contract entitled to a service at an instant: channel, response window, coverage, quota, reasons and proof',
      handler: async (req, res) => {
        const body = req.body as z.infer<typeof CheckBody>;
        const contract = contractFacts(body);
        res.json(await deps.entitlements.check(contract, body.service, body.at ? new Date(body.at) : new Date()));
      },
    }),
  ];
}
