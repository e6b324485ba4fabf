// Pages for sales and managers: the new-quote form (works without JavaScript: 计算 re-renders the totals),
// the quotes list by customer and status, the quote document with approval, and its PDF.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { can } from '../../accounts/roles.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import { isOffering, TIERS } from '../../catalog/catalog-codes.ts';
import { PdfUnavailableError, type PdfRenderer } from '../../quote/pdf-renderer.ts';
import type { Quote, QuoteService } from '../../quote/quote-service.ts';
import { DecisionBody, quoteNumber } from '../api/quote-api.ts';
import { formOf } from './contract-form.ts';
import { asApiBody, refusalText, textField } from './form-body.ts';
import { toHttpError } from '../http-error.ts';
import { clientAddress, principalOf, sendAttachment } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { draftFromForm, offeredServices, type QuoteForm } from './quote-form.ts';
import { formRefusal, pageContext, renderPage } from './page-context.ts';

const ListQuery = z.object({ customerId: z.coerce.number().int().positive().optional(), status: z.enum(['issued', 'pending_approval', 'rejected']).optional() });
const FormBody = z.record(z.string().max(60), z.string().max(2000));

interface Deps {
  quotes: QuoteService;
  contracts: ContractService;
  pdf: PdfRenderer;
  views: Views;
}

export function quotePages(deps: Deps): RouteSpec[] {
  const { quotes, views } = deps;
  const actor = (req: Request) => ({ name: principalOf(req).name, address: clientAddress(req) });

  async function showForm(req: Request, res: Response, form: QuoteForm, extra: Record<string, unknown> = {}, status = 200) {
    const offering = isOffering(form.offering ?? '') ? (form.offering as 'cloud' | 'on_premise') : 'on_premise';
    const customers = await deps.contracts.listCustomers({ limit: 500, offset: 0 });
    renderPage(views, req, res, 'quote-new', 'newQuote', {
      form: { termYears: '1', discount: '0', tier: 'premium', ...form, offering },
      offering,
      tiers: TIERS,
      customers,
      selectedCustomer: Number(form.customerId),
      services: offeredServices(offering, form),
      ...extra,
    }, status);
  }

  /** Mistakes a person can fix go back to the form with the reasons; anything else is the error page's. */
  function refusalOf(err: unknown) {
    const refusal = formRefusal(err);
    const details = refusal.details as { reasons?: { message: string }[] } | { field: string; message: string }[] | null;
    return { formError: refusal.bilingual(), formCode: refusal.code, formDetails: Array.isArray(details) ? details : (details?.reasons ?? []), status: refusal.status };
  }

  function showQuote(req: Request, res: Response, quote: Quote, extra: Record<string, unknown> = {}, status = 200) {
    const principal = principalOf(req);
    const context = pageContext(req, 'quotes', { quote, toolbar: { canApprove: can(principal.role, 'quote.approve'), pdfUnavailable: !deps.pdf.available(), ...extra } });
    res.status(status).type('html').send(views.renderDocument('quote', context));
  }

  return [
    route({ method: 'get', path: '/quotes', permission: 'quote.read', kind: 'page', query: ListQuery, summary: 'Quotes by customer and status', handler: async (req, res) => {
      const query = req.query as z.infer<typeof ListQuery>;
      const list = await quotes.list({ ...query, limit: 200, offset: 0 });
      renderPage(views, req, res, 'quotes', 'quotes', { quotes: list, customers: await deps.contracts.listCustomers({ limit: 500, offset: 0 }), filter: query });
    } }),
    route({ method: 'get', path: '/quotes/new', permission: 'quote.write', kind: 'page', summary: 'The new-quote form', handler: async (req, res) => {
      await showForm(req, res, { offering: typeof req.query.offering === 'string' ? req.query.offering : 'on_premise' });
    } }),
    route({ method: 'post', path: '/quotes/preview', permission: 'quote.write', kind: 'page', body: FormBody, summary: 'The form with its lines and totals, computed without storing', handler: async (req, res) => {
      const form = req.body as QuoteForm;
      try {
        const { document, status } = await quotes.preview(draftFromForm(form));
        await showForm(req, res, form, { preview: document, previewStatus: status });
      } catch (err) {
        const refusal = refusalOf(err);
        await showForm(req, res, form, refusal, refusal.status);
      }
    } }),
    route({ method: 'post', path: '/quotes', permission: 'quote.write', kind: 'page', body: FormBody, summary: 'Make the quote from the form', handler: async (req, res) => {
      const form = req.body as QuoteForm;
      try {
        const quote = await quotes.create(draftFromForm(form), actor(req));
        res.redirect(303, `/quotes/${quote.number}`);
      } catch (err) {
        const refusal = refusalOf(err);
        await showForm(req, res, form, refusal, refusal.status);
      }
    } }),
    route({ method: 'get', path: '/quotes/:number.pdf', permission: 'quote.read', kind: 'page', summary: 'The quote as an A4 PDF (headless Chromium)', handler: async (req, res) => {
      const quote = await quotes.get(quoteNumber(req));
      const html = views.renderDocument('quote', pageContext(req, 'quotes', { quote, toolbar: null }));
      try {
        sendAttachment(res, await deps.pdf.render(html), `${quote.number}.pdf`, 'application/pdf');
      } catch (err) {
        if (!(err instanceof PdfUnavailableError)) throw err;
        req.log.warn({ chromium: err.executablePath, reason: err.reason, err: err.message }, 'quote PDF not rendered');
        const why = {
          missing: '服务器未安装 Chromium,无法生成 PDF;请使用浏览器打印。 / Chromium is not installed on the server, so no PDF can be made; print from the browser instead.',
          busy: '正在生成的 PDF 过多,请稍后再试,或使用浏览器打印。 / Too many PDFs are being made right now; try again shortly, or print from the browser.',
          failed: 'Chromium 未能生成 PDF,请稍后再试,或使用浏览器打印。 / Chromium could not make the PDF; try again, or print from the browser.',
        }[err.reason];
        showQuote(req, res, quote, { error: why }, 503);
      }
    } }),
    route({ method: 'get', path: '/quotes/:number', permission: 'quote.read', kind: 'page', summary: 'The quote document (print CSS for A4)', handler: async (req, res) => {
      showQuote(req, res, await quotes.get(quoteNumber(req)));
    } }),
    ...(['approve', 'reject'] as const).map((decision) =>
      route({ method: 'post', path: `/quotes/:number/${decision}`, permission: 'quote.approve', kind: 'page', summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a quote pending approval (audited)`, handler: async (req, res) => {
        const number = quoteNumber(req);
        try {
          // POST /api/quotes/:number/approve|reject's body, checked by its schema.
          const { note } = asApiBody(DecisionBody, { note: textField(formOf(req.body).note) });
          await (decision === 'approve' ? quotes.approve(number, actor(req), note ?? null) : quotes.reject(number, actor(req), note ?? null));
        } catch (err) {
          const refusal = toHttpError(err);
          if (!refusal || (refusal.status !== 409 && refusal.status !== 400)) throw err;
          return showQuote(req, res, await quotes.get(number), { error: refusalText(refusal) }, refusal.status);
        }
        res.redirect(303, `/quotes/${number}`);
      } }),
    ),
  ];
}
