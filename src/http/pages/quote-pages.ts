// Pages for sales and managers: the quote form (one form for both offerings; works without JavaScript: 计算
// re-renders the totals and a switch of offering keeps every field), the quote document with approval, 修订 and
// 复制, and its PDF. The list of quotes is quote-list-pages.ts.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { can } from '../../accounts/roles.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import { TIERS } from '../../catalog/catalog-codes.ts';
import { PdfUnavailableError, type PdfRenderer } from '../../quote/pdf-renderer.ts';
import { draftOfQuote } from '../../quote/quote-draft.ts';
import type { Quote, QuoteService } from '../../quote/quote-service.ts';
import { DecisionBody, RejectBody, quoteNumber } from '../api/quote-api.ts';
import { decisionOffer } from '../../quote/quote-approvals.ts';
import { formatBasisPoints } from '../../quote/money.ts';
import { pageProblems, type FieldNames, type PageProblem } from './form-problems.ts';
import { formOf } from './contract-form.ts';
import { asApiBody, refusalText, textField } from './form-body.ts';
import { toHttpError } from '../http-error.ts';
import { translate } from '../i18n.ts';
import { clientAddress, principalOf, sendAttachment } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { draftFromForm, formOfDraft, offeringOf, serviceRows, settleOffering, type QuoteForm } from './quote-form.ts';
import { quoteFormProblems } from './quote-form-problems.ts';
import { documentForPage, quoteForPage } from './quote-document-view.ts';
import { formRefusal, pageContext, renderPage } from './page-context.ts';

/** How many customers the picker offers for what was typed. */
const PICKER_MATCHES = 20;
const FormBody = z.record(z.string().max(60), z.string().max(2000));
const QUOTE_NUMBER = /^Q-\d{4}-\d{6,12}(-R\d{1,6})?$/;
/** The decision forms' fields, as their labels name them (the summary's links go to f-note and f-reason). */
const DECISION_FIELDS: FieldNames = { note: { zh: '审批意见', en: 'Note' }, reason: { zh: '驳回理由', en: 'Reason' } };
const NewQuery = z.object({ offering: z.string().max(20).optional(), copy: z.string().max(40).optional(), revise: z.string().max(40).optional() });

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
    const lang = req.lang ?? 'zh';
    const offering = offeringOf(form);
    const catalog = await quotes.formCatalog();
    const reviseOf = QUOTE_NUMBER.test(form.reviseOf ?? '') ? form.reviseOf! : null;
    const revised = reviseOf ? await quotes.get(reviseOf) : null;
    const matches = revised ? null : await customerMatches(form);
    const errors = (extra.errors ?? {}) as Record<string, string>;
    const services = serviceRows(form, catalog, lang).map((row) => ({
      ...row,
      error: errors[`service_${row.code}`] ?? null,
      quantityError: errors[`quantity_${row.code}`] ?? null,
      tripsError: errors[`trips_${row.code}`] ?? null,
    }));
    renderPage(views, req, res, 'quote-new', 'newQuote', {
      form: { termYears: '1', discount: '0', tier: 'premium', ...form, offering },
      offering,
      tiers: TIERS,
      matches,
      services,
      heldCount: services.filter((s) => s.held && (s.checked || s.quantity || s.trips)).length,
      licenceShare: catalog.licenceShare.join(' '),
      licenceNeeded: catalog.licenceShare.includes(`${offering}:${form.tier ?? 'premium'}`),
      reviseOf,
      revised,
      copyOf: QUOTE_NUMBER.test(form.copyOf ?? '') ? form.copyOf : null,
      errors,
      ...extra,
    }, status);
  }

  /**
   * The picker's choice among existing customers: asked for with 查找客户, and shown again while one is chosen (a
   * copy starts with its quote's customer chosen). A search of the store, never a list of every customer.
   */
  async function customerMatches(form: QuoteForm) {
    const typed = (form.customerName ?? '').trim();
    if (!typed || (form.action !== 'findCustomer' && !form.customerId)) return null;
    const { items, total } = await deps.contracts.pageCustomers({ search: typed, sort: 'name', offset: 0, limit: PICKER_MATCHES });
    return {
      typed,
      total,
      more: total > items.length,
      exact: items.some((c) => c.name === typed),
      items: items.map((c) => ({ id: c.id, name: c.name, chosen: String(c.id) === form.customerId })),
      newChosen: !form.customerId,
    };
  }

  /** Mistakes a person can fix go back to the form, each beside its field and in the summary; anything else is the error page's. */
  function refusalOf(err: unknown, form: QuoteForm, lang: 'zh' | 'en') {
    const refusal = formRefusal(err);
    const { summary, problems, byField } = quoteFormProblems(refusal, lang, form);
    // The refusal's own sentence, when it says more than the problems listed under it.
    const formError = summary && problems.some((p) => p.message !== summary) ? summary : null;
    return { problems, errors: byField, formError, status: refusal.status };
  }

  /** The decision a refused form is shown again with: what was typed, and each problem beside its field. */
  interface DecisionForm {
    values?: { note?: string; reason?: string };
    problems?: PageProblem[];
    errors?: Record<string, string>;
  }

  async function showQuote(req: Request, res: Response, quote: Quote, extra: Record<string, unknown> = {}, status = 200, decision: DecisionForm = {}) {
    const principal = principalOf(req);
    const lang = req.lang ?? 'zh';
    const canApprove = can(principal.role, 'quote.approve');
    // No dead ends: the buttons only for a manager who may decide; on their own quote, why not instead.
    const offer = decisionOffer(quote, { name: principal.name, mayApprove: canApprove });
    const limit = offer === 'decide' ? await quotes.salesLimit(quote.policy.version) : null;
    const context = pageContext(req, 'quotes', {
      quote: quoteForPage(quote, lang),
      seller: quotes.sellerOf(quote),
      toolbar: {
        canApprove,
        canWrite: can(principal.role, 'quote.write'),
        pdfUnavailable: !deps.pdf.available(),
        decision: offer === 'decide' ? { values: decision.values ?? {}, problems: decision.problems ?? [], errors: decision.errors ?? {} } : null,
        ownQuote: offer === 'own_quote',
        ask: limit === null ? null : { discount: formatBasisPoints(quote.discountBasisPoints), limit: formatBasisPoints(limit) },
        ...extra,
      },
    });
    res.status(status).type('html').send(views.renderDocument('quote', context));
  }

  /** The quote a copy or a revision starts from, as the form's fields. */
  async function formFrom(number: string, reviseOf: boolean): Promise<QuoteForm> {
    const form = formOfDraft(draftOfQuote(await quotes.get(number)));
    return reviseOf ? { ...form, reviseOf: number } : { ...form, copyOf: number };
  }

  return [
    route({ method: 'get', path: '/quotes/new', permission: 'quote.write', kind: 'page', query: NewQuery, summary: 'The quote form: new, a copy of a quote (?copy=) or its revision (?revise=)', handler: async (req, res) => {
      const query = req.query as z.infer<typeof NewQuery>;
      const from = [query.revise, query.copy].find((n) => n && QUOTE_NUMBER.test(n));
      const form = from ? await formFrom(from, from === query.revise) : { offering: query.offering === 'cloud' ? 'cloud' : 'on_premise' };
      await showForm(req, res, form);
    } }),
    route({ method: 'post', path: '/quotes/preview', permission: 'quote.write', kind: 'page', body: FormBody, summary: 'The form again with its lines and totals, computed without storing; a switch of offering keeps every field', handler: async (req, res) => {
      const form = settleOffering(req.body as QuoteForm, { hold: true });
      // 切换部署 without the page's script, or 查找客户: the form again as typed, nothing computed yet.
      if (form.action === 'switch' || form.action === 'findCustomer') return showForm(req, res, form);
      try {
        const { document, status } = await quotes.preview(draftFromForm(form));
        await showForm(req, res, form, { preview: documentForPage(document, req.lang ?? 'zh'), previewStatus: status });
      } catch (err) {
        const refusal = refusalOf(err, form, req.lang ?? 'zh');
        await showForm(req, res, form, refusal, refusal.status);
      }
    } }),
    route({ method: 'post', path: '/quotes', permission: 'quote.write', kind: 'page', body: FormBody, summary: 'Make the quote from the form (a revision when the form revises one)', handler: async (req, res) => {
      const form = settleOffering(req.body as QuoteForm, { hold: false });
      try {
        const draft = draftFromForm(form);
        const reviseOf = QUOTE_NUMBER.test(form.reviseOf ?? '') ? form.reviseOf! : null;
        const quote = reviseOf ? await quotes.revise(reviseOf, draft, actor(req)) : await quotes.create(draft, actor(req));
        res.redirect(303, `/quotes/${quote.number}`);
      } catch (err) {
        const refusal = refusalOf(err, form, req.lang ?? 'zh');
        // Shown again as the form shows a cloud quote: on-premise-only services it was sent with are held, not lost.
        await showForm(req, res, settleOffering(form, { hold: true }), refusal, refusal.status);
      }
    } }),
    route({ method: 'get', path: '/quotes/:number.pdf', permission: 'quote.read', kind: 'page', summary: 'The quote as an A4 PDF (headless Chromium), page numbers in the footer; watermarked unless issued', handler: async (req, res) => {
      const quote = await quotes.get(quoteNumber(req));
      const lang = req.lang ?? 'zh';
      const html = views.renderDocument('quote', pageContext(req, 'quotes', { quote: quoteForPage(quote, lang), seller: quotes.sellerOf(quote), toolbar: null }));
      // A quote not issued must not pass for one: its file says so in its name as well as on every page.
      const filename = quote.status === 'issued' ? `${quote.number}.pdf` : `${quote.number}-${quote.status === 'rejected' ? 'REJECTED' : 'PENDING-APPROVAL'}-not-issued.pdf`;
      try {
        const bytes = await deps.pdf.render(html, { pageFooter: translate('pageOf', lang, { page: '{page}', pages: '{pages}' }) });
        res.set('Cache-Control', 'no-store');
        sendAttachment(res, bytes, filename, 'application/pdf');
      } catch (err) {
        if (!(err instanceof PdfUnavailableError)) throw err;
        req.log.warn({ chromium: err.executablePath, reason: err.reason, err: err.message, next: 'the quote page says so and offers the browser print; not retried by the server' }, 'quote PDF not rendered');
        const why = {
          missing: { zh: '服务器未安装 Chromium,无法生成 PDF;请使用浏览器打印。', en: 'Chromium is not installed on the server, so no PDF can be made; print from the browser instead.' },
          busy: { zh: '正在生成的 PDF 过多,请稍后再试,或使用浏览器打印。', en: 'Too many PDFs are being made right now; try again shortly, or print from the browser.' },
          failed: { zh: 'Chromium 未能生成 PDF,请稍后再试,或使用浏览器打印。', en: 'Chromium could not make the PDF; try again, or print from the browser.' },
        }[err.reason][lang];
        await showQuote(req, res, quote, { error: why }, 503);
      }
    } }),
    route({ method: 'get', path: '/quotes/:number', permission: 'quote.read', kind: 'page', summary: 'The quote document (print CSS for A4)', handler: async (req, res) => {
      await showQuote(req, res, await quotes.get(quoteNumber(req)));
    } }),
    ...(['approve', 'reject'] as const).map((decision) =>
      route({ method: 'post', path: `/quotes/:number/${decision}`, permission: 'quote.approve', kind: 'page', summary: decision === 'approve' ? 'Approve a quote pending approval, with an optional note (audited)' : 'Reject a quote pending approval with a reason (required; audited)', handler: async (req, res) => {
        const number = quoteNumber(req);
        const fields = formOf(req.body);
        const values = { note: textField(fields.note) ?? '', reason: textField(fields.reason) ?? '' };
        try {
          // The API's bodies, checked by their schemas; the reason's requirement is the service's, as for the API.
          if (decision === 'approve') {
            const { note } = asApiBody(DecisionBody, { note: values.note || undefined });
            await quotes.approve(number, actor(req), note ?? null);
          } else {
            const { reason } = asApiBody(RejectBody, { reason: values.reason || undefined });
            await quotes.reject(number, actor(req), reason ?? null);
          }
        } catch (err) {
          const refusal = toHttpError(err);
          if (!refusal || (refusal.status !== 409 && refusal.status !== 400 && refusal.status !== 403)) throw err;
          const lang = req.lang ?? 'zh';
          if (refusal.code === 'VALIDATION_FAILED') {
            // A field to fix: the problem beside it and in the summary above the forms, what was typed kept.
            const { problems, byField } = pageProblems(refusal, lang, DECISION_FIELDS);
            return showQuote(req, res, await quotes.get(number), {}, refusal.status, { values, problems, errors: byField });
          }
          return showQuote(req, res, await quotes.get(number), { error: refusalText(refusal, lang) }, refusal.status);
        }
        res.redirect(303, `/quotes/${number}`);
      } }),
    ),
  ];
}
