// /api/quotes: compute and store quotes through the sales rules; managers approve the ones over sales' limit.
import { z } from 'zod';
import { OFFERINGS, TIERS } from '../../catalog/catalog-codes.ts';
import type { QuoteService } from '../../quote/quote-service.ts';
import { HttpError } from '../http-error.ts';
import { clientAddress, principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Request } from 'express';

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
// The messages are people's: the quote form is refused by this same schema (src/http/pages/quote-form.ts).
const TERM = '服务年限应为 1–10 年的整数 / the term is a whole number of years, 1–10';
const QUANTITY = '数量应大于 0、不超过 100000(人天可到一位小数) / a quantity above 0 and at most 100000 (person-days to one decimal)';
const TRIPS = '出差次数应为 0–1000 的整数 / trips are a whole number, 0–1000';
const DISCOUNT = '折扣应为 0–100%,最多两位小数 / a discount of 0–100%, at most two decimals';
const USES = '代码诊断次数应为 0–100 的整数 / code-diagnosis uses are a whole number, 0–100';
export const QuoteBody = z.object({
  customerId: z.number().int().positive().optional().describe('an existing customer'),
  customerName: z.string().trim().min(1).max(200, '客户名称至多 200 个字符 / a customer name of at most 200 characters').optional().describe('or the name of a new one'),
  offering: z.enum(OFFERINGS, '部署应为公有云或私有云 / cloud or on_premise'),
  tier: z.enum(TIERS, '请选择服务产品 / basic, preferred or premium'),
  termYears: z.number(TERM).int(TERM).min(1, TERM).max(10, TERM),
  licenceFen: fen.optional().describe('the software licence amount in fen, for tiers priced by licence share'),
  specialServices: z
    .array(z.object({ service: z.string().min(1).max(64), quantity: z.number(QUANTITY).positive(QUANTITY).max(100_000, QUANTITY), trips: z.number(TRIPS).int(TRIPS).min(0, TRIPS).max(1000, TRIPS).optional() }))
    .max(30)
    .default([]),
  discountBasisPoints: z.number(DISCOUNT).int(DISCOUNT).min(0, DISCOUNT).max(10_000, DISCOUNT).default(0).describe('1% = 100'),
  codeDiagnosisUses: z.number(USES).int(USES).min(0, USES).max(100, USES).optional().describe('code-diagnosis uses a year; beyond the tier quota they are sold as dev_support_project person-days'),
  notes: z.string().max(2000, '备注至多 2000 个字符 / notes of at most 2000 characters').optional(),
});

/** The rule the schema cannot say: an existing customer or a new one's name. The quote form is held to it too. */
export function quoteDraftOf<T extends { customerId?: number; customerName?: string }>(body: T): T {
  if (!body.customerId && !body.customerName) throw new HttpError(400, 'VALIDATION_FAILED', '请选择客户或填写新客户名称', 'Give customerId or customerName', [{ field: 'customerName', message: 'required without customerId', messageZh: '请选择已有客户,或填写新客户的名称' }]);
  return body;
}
export const QuoteList = z.object({
  customerId: z.coerce.number().int().positive().optional(),
  status: z.enum(['issued', 'pending_approval', 'rejected']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const DecisionBody = z.object({ note: z.string().max(500, '意见至多 500 个字符 / a note of at most 500 characters').optional() });
// The reason is required, but by the service (quote-approvals.ts), after it has checked the quote is still
// pending and not the manager's own: those refusals say more than an empty field does.
export const RejectBody = z.object({
  reason: z.string().max(500, '驳回理由至多 500 个字符 / a reason of at most 500 characters').optional().describe('required: why the quote is rejected; the sales user reads it on the quote'),
  note: z.string().max(500, '驳回理由至多 500 个字符 / a reason of at most 500 characters').optional().describe('the older name of reason, taken when reason is absent'),
});

/** Q-2026-000123 or Q-2026-000123-R2; anything else is not a quote number. */
export function quoteNumber(req: Request): string {
  const value = String(req.params.number ?? '');
  if (!/^Q-\d{4}-\d{6,12}(-R\d{1,6})?$/.test(value)) throw new HttpError(400, 'BAD_QUOTE_NUMBER', '报价单号格式应为 Q-2026-000123', 'A quote number looks like Q-2026-000123', { field: 'number' });
  return value;
}

export function quoteApiRoutes(deps: { quotes: QuoteService }): RouteSpec[] {
  const { quotes } = deps;
  const actor = (req: Request) => ({ name: principalOf(req).name, address: clientAddress(req) });
  const draftOf = quoteDraftOf<z.infer<typeof QuoteBody>>;
  return [
    route({ method: 'post', path: '/api/quotes/preview', permission: 'quote.write', kind: 'api', body: QuoteBody, summary: 'Compute a quote without storing it (lines, totals, approval)', handler: async (req, res) => {
      res.json(await quotes.preview(req.body as z.infer<typeof QuoteBody>));
    } }),
    route({ method: 'post', path: '/api/quotes', permission: 'quote.write', kind: 'api', body: QuoteBody, successStatus: 201, summary: 'Make a quote: issued, or pending approval when the discount is over sales’ limit; 422 with the reasons when it may not be sold', handler: async (req, res) => {
      res.status(201).json({ quote: await quotes.create(draftOf(req.body as z.infer<typeof QuoteBody>), actor(req)) });
    } }),
    route({ method: 'get', path: '/api/quotes', permission: 'quote.read', kind: 'api', query: QuoteList, summary: 'Quotes, newest first, by customer and status', handler: async (req, res) => {
      res.json({ quotes: await quotes.list(req.query as unknown as z.infer<typeof QuoteList>) });
    } }),
    route({ method: 'get', path: '/api/quotes/:number', permission: 'quote.read', kind: 'api', summary: 'One quote as it was issued', handler: async (req, res) => {
      res.json({ quote: await quotes.get(quoteNumber(req)) });
    } }),
    route({ method: 'post', path: '/api/quotes/:number/revisions', permission: 'quote.write', kind: 'api', body: QuoteBody.partial({ customerName: true }), successStatus: 201, summary: 'Revise a quote: a new quote numbered -R2, -R3 …; the original stays as issued', handler: async (req, res) => {
      res.status(201).json({ quote: await quotes.revise(quoteNumber(req), req.body as z.infer<typeof QuoteBody>, actor(req)) });
    } }),
    route({ method: 'post', path: '/api/quotes/:number/approve', permission: 'quote.approve', kind: 'api', body: DecisionBody, summary: 'Approve a quote pending approval, with an optional note (audited)', handler: async (req, res) => {
      res.json({ quote: await quotes.approve(quoteNumber(req), actor(req), (req.body as z.infer<typeof DecisionBody>).note ?? null) });
    } }),
    route({ method: 'post', path: '/api/quotes/:number/reject', permission: 'quote.approve', kind: 'api', body: RejectBody, summary: 'Reject a quote pending approval with a reason (required: 400 VALIDATION_FAILED without one; audited)', handler: async (req, res) => {
      const body = req.body as z.infer<typeof RejectBody>;
      res.json({ quote: await quotes.reject(quoteNumber(req), actor(req), body.reason ?? body.note ?? null) });
    } }),
  ];
}
