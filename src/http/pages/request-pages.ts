// Pages for the support desk: intake (the decision and deadline shown before saving), the open queue
// sorted by deadline with time left in working hours, and one request with its proof.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { formatShanghaiIso } from '../../calendar/shanghai-time.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { EntitlementService } from '../../entitlement/entitlement-service.ts';
import { SPECIAL_SERVICES, TIER_SERVICES } from '../../catalog/catalog-codes.ts';
import { InvalidInstantError, parseInstant } from '../../calendar/instants.ts';
import type { RequestService, RequestStatus } from '../../requests/request-service.ts';
import { fingerprintOf, type IdempotencyService } from '../../idempotency/idempotency-service.ts';
import { HttpError } from '../http-error.ts';
import { idParam, principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { asApiBody, integerField, refusalText, textField } from './form-body.ts';
import { RequestBody, RespondBody as ApiRespondBody } from '../api/request-api.ts';
import { formRefusal, renderPage } from './page-context.ts';

const STATUSES: RequestStatus[] = ['open', 'at_risk', 'breached', 'met'];
const QueueQuery = z.object({ status: z.enum(STATUSES).optional(), contractId: z.coerce.number().int().positive().optional() });
// Form fields arrive as text; a repeated field (an array) or an oversized one is refused before any use.
const text = (max: number) => z.string().max(max).optional();
const IntakeBody = z.object({ _csrf: text(200), formId: text(100), contractId: text(12), service: text(64), openedAt: text(40), summary: text(2000) });
const RespondBody = z.object({ _csrf: text(200), respondedAt: text(40) });

interface Deps {
  requests: RequestService;
  idempotency: IdempotencyService;
  contracts: ContractService;
  entitlements: EntitlementService;
  views: Views;
}

interface IntakeForm {
  contractId?: string;
  service?: string;
  openedAt?: string;
  summary?: string;
  formId?: string;
}

/** A datetime-local value is a wall-clock time in Asia/Shanghai. */
function localInstant(value: string | undefined, field: string): Date {
  const text = (value ?? '').trim();
  try {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return parseInstant(`${text}+08:00`);
    return parseInstant(text);
  } catch (err) {
    if (!(err instanceof InvalidInstantError)) throw err;
    throw new HttpError(400, 'VALIDATION_FAILED', `时间格式不正确(${field})`, `Not a date and time (${field})`, [{ field, message: 'YYYY-MM-DDTHH:MM, Asia/Shanghai' }]);
  }
}

const localNow = () => formatShanghaiIso(Date.now()).slice(0, 16);

/**
 * A datetime-local value as the API's text: the wall-clock time in Asia/Shanghai with its offset; anything else
 * (an instant with an offset, or text that is no time) as typed. The API's schema then decides, range included.
 */
function asInstantText(value: string | undefined): string | undefined {
  const typed = textField(value);
  const local = typed === undefined ? null : /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(typed);
  return local ? `${local[1]}${local[2] ?? ':00'}+08:00` : typed;
}

/**
 * The intake form as POST /api/requests's body, refused by its schema as the API refuses it (the same code and
 * details, every field at once); a blank time is left out, as the API's default (now) then applies.
 */
function requestDraftOf(form: IntakeForm) {
  const body = asApiBody(RequestBody, { contractId: integerField(form.contractId), service: form.service ?? '', openedAt: asInstantText(form.openedAt), summary: form.summary ?? '' });
  return { contractId: body.contractId, service: body.service, openedAt: body.openedAt ? new Date(body.openedAt) : undefined, summary: body.summary };
}
const serviceOptions = [...TIER_SERVICES.map((s) => ({ code: s.code, name: s.names[0] })), ...SPECIAL_SERVICES.map((s) => ({ code: s.code, name: s.names[0] }))];

export function requestPages(deps: Deps): RouteSpec[] {
  const { requests, views } = deps;

  async function showIntake(req: Request, res: Response, form: IntakeForm, extra: Record<string, unknown> = {}, status = 200) {
    const contracts = await deps.contracts.listContracts({ limit: 500, offset: 0 });
    renderPage(views, req, res, 'request-new', 'newRequest', { form: { formId: randomUUID(), openedAt: localNow(), ...form }, selectedContract: Number(form.contractId), contracts, services: serviceOptions, ...extra }, status);
  }

  /** The decision for the form's contract, service and time, or the refusal to show beside the form. */
  async function decisionFor(form: IntakeForm) {
    const contractId = Number(form.contractId);
    if (!Number.isInteger(contractId) || contractId < 1) throw new HttpError(400, 'VALIDATION_FAILED', '请选择合同', 'Choose a contract', [{ field: 'contractId', message: 'required' }]);
    localInstant(form.openedAt, 'openedAt');
    // The draft confirming would send, checked by the same rules: the preview refuses what confirming refuses.
    return requests.preview(requestDraftOf(form));
  }

  return [
    route({
      method: 'get',
      path: '/requests',
      permission: 'request.read',
      kind: 'page',
      query: QueueQuery,
      summary: 'The queue: service requests by status, earliest deadline first, with time left in working hours',
      handler: async (req, res) => {
        const query = req.query as z.infer<typeof QueueQuery>;
        const status = query.status ?? 'open';
        const list = await requests.list({ status, contractId: query.contractId, limit: 500, offset: 0 });
        renderPage(views, req, res, 'requests', 'requests', { requests: list, status, statuses: STATUSES.map((s) => ({ code: s, current: s === status })), contractId: query.contractId });
      },
    }),
    route({
      method: 'get',
      path: '/requests/new',
      permission: 'request.write',
      kind: 'page',
      summary: 'Intake form',
      handler: async (req, res) => {
        const contractId = typeof req.query.contractId === 'string' ? req.query.contractId.slice(0, 12) : undefined;
        await showIntake(req, res, { contractId });
      },
    }),
    route({
      method: 'post',
      path: '/requests/preview',
      permission: 'request.write',
      kind: 'page',
      body: IntakeBody,
      summary: 'Intake form with the decision and deadline, before saving',
      handler: async (req, res) => {
        const form = req.body as IntakeForm;
        try {
          await showIntake(req, res, form, { decision: await decisionFor(form) });
        } catch (err) {
          const refusal = formRefusal(err);
          await showIntake(req, res, form, { formError: refusal.bilingual(), formDetails: Array.isArray(refusal.details) ? refusal.details : [] }, refusal.status);
        }
      },
    }),
    route({
      method: 'post',
      path: '/requests',
      permission: 'request.write',
      kind: 'page',
      body: IntakeBody,
      summary: 'Save an intake: refused with the reasons when the contract is not entitled',
      handler: async (req, res) => {
        const form = req.body as IntakeForm;
        try {
          const owner = principalOf(req).name;
          // The form's one-time id is its idempotency key: a double-submitted form opens one request.
          const key = form.formId ? `form:${form.formId}` : null;
          const open = async () => {
            const draft = requestDraftOf(form);
            const { request } = await requests.open(draft, owner, key);
            return { status: 303, body: { requestId: request.id } };
          };
          const fields = { contractId: form.contractId, service: form.service, openedAt: form.openedAt, summary: form.summary };
          const answer = key ? await deps.idempotency.run({ owner, key, endpoint: 'POST /requests', fingerprint: fingerprintOf('POST /requests', fields) }, open) : await open();
          res.redirect(303, `/requests/${(answer.body as { requestId: number }).requestId}`);
        } catch (err) {
          const refusal = formRefusal(err);
          const decision = await decisionFor(form).catch(() => null);
          const reasons = (refusal.details as { reasons?: unknown } | null)?.reasons;
          if (refusal.code === 'IDEMPOTENCY_KEY_REUSED') {
            // Saved once already, then changed (the back button): a fresh id lets the next save open a new request.
            const formError = '此表单已保存过;如要按修改后的内容新建服务请求,请再次保存 / This form was already saved; save again to open a new request with your changes';
            return showIntake(req, res, { ...form, formId: randomUUID() }, { decision, formError }, refusal.status);
          }
          await showIntake(req, res, form, { decision, formError: refusal.bilingual(), formDetails: Array.isArray(refusal.details) ? refusal.details : [], reasons }, refusal.status);
        }
      },
    }),
    route({
      method: 'get',
      path: '/requests/:id',
      permission: 'request.read',
      kind: 'page',
      summary: 'One service request: its deadline, proof and status',
      handler: async (req, res) => {
        renderPage(views, req, res, 'request', 'requests', { request: await requests.get(idParam(req)), respondedAt: localNow() });
      },
    }),
    route({
      method: 'post',
      path: '/requests/:id/respond',
      permission: 'request.write',
      kind: 'page',
      body: RespondBody,
      summary: 'Record the response to a request',
      handler: async (req, res) => {
        const id = idParam(req);
        const form = req.body as z.infer<typeof RespondBody>;
        try {
          // POST /api/requests/:id/respond's body, checked by its schema; blank is now, as the API has it.
          const body = asApiBody(ApiRespondBody, { respondedAt: asInstantText(form.respondedAt) });
          const typed = body.respondedAt ? new Date(body.respondedAt) : new Date();
          // The form has minutes; a response typed in the minute the request arrived is not before it.
          const openedAt = Date.parse((await requests.get(id)).openedAt);
          const respondedAt = typed.getTime() < openedAt && openedAt - typed.getTime() < 60_000 ? new Date(openedAt) : typed;
          await requests.respond(id, respondedAt, principalOf(req).name);
        } catch (err) {
          const refusal = formRefusal(err);
          if (refusal.status === 404) throw err;
          return renderPage(views, req, res, 'request', 'requests', { request: await requests.get(id), respondedAt: form.respondedAt ?? localNow(), respondError: refusalText(refusal) }, refusal.status);
        }
        res.redirect(303, `/requests/${id}`);
      },
    }),
  ];
}
