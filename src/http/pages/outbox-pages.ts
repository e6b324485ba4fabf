// The outbox for admins and managers: what waits, what failed and why, what went out; each message readable in the
// browser (its text, and its HTML in a sandboxed frame that can run nothing and fetch nothing), a failed one sent
// again (audited), and, with no SMTP server, the .eml file by the message's id. No server path is ever shown.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { readEmlFile } from '../../report/outbox/mail-eml-writer.ts';
import { resendFailedMessage } from '../../report/outbox/outbox-resend.ts';
import type { OutboxMessage, OutboxStore } from '../../report/outbox/outbox-store.ts';
import { HttpError } from '../http-error.ts';
import { actorOf, idParam, sendAttachment } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { pagerOf, readListQuery } from './list-view.ts';
import { formRefusal, renderPage } from './page-context.ts';

const OUTBOX_STATES = ['pending', 'failing', 'sent'] as const;
const OutboxQuery = z.object({ state: z.enum(OUTBOX_STATES).optional(), page: z.string().max(12).optional(), sort: z.string().max(20).optional() });
/** Messages a page of the list shows, the newest first. */
const OUTBOX_PAGE = 50;
const MessageQuery = z.object({ resent: z.enum(['1']).optional() });
const ResendForm = z.object({ _csrf: z.string().max(200).optional() });

/**
 * The preview's own policy: nothing loads but the message's inline styles and data: images (no remote image can
 * tell a sender the message was opened), nothing runs, no form posts, and only our own pages may frame it. The
 * sandbox directive holds even when the preview is opened on its own, outside the page's sandboxed iframe.
 */
export const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox";

export interface OutboxPagesDeps {
  outbox: OutboxStore;
  outboxDir: string;
  /** How mail leaves: `smtp` or `eml`. Its target (a URL, a directory) stays in the log, off the pages. */
  mail: { kind: string };
  /** Renders a message stored as a report's JSON, as the delivery worker does when it sends it. */
  render: (reportJson: string) => { html: string; text: string };
  views: Views;
}

export function outboxPages(deps: OutboxPagesDeps): RouteSpec[] {
  async function messageOf(id: number): Promise<OutboxMessage> {
    const message = await deps.outbox.get(id);
    if (!message) throw new HttpError(404, 'MESSAGE_NOT_FOUND', `没有编号为 ${id} 的邮件`, `There is no message ${id}`);
    return message;
  }
  /** The bodies as sent (or as they will be): stored, or rendered from the report's figures. */
  function bodiesOf(message: OutboxMessage): { html: string; text: string } {
    return message.reportJson === null ? { html: message.html, text: message.text } : deps.render(message.reportJson);
  }
  const resendable = (m: OutboxMessage) => m.status === 'pending' && m.lastError !== null;

  async function showMessage(req: Request, res: Response, id: number, extra: Record<string, unknown> = {}, status = 200) {
    const message = await messageOf(id);
    const { html, text } = bodiesOf(message);
    const resent = (req.query as z.infer<typeof MessageQuery>).resent === '1';
    renderPage(deps.views, req, res, 'outbox-message', 'outboxMessage', { message, text, hasHtml: html.trim() !== '', resendable: resendable(message), resent, ...extra }, status);
  }

  return [
    route({ method: 'get', path: '/outbox', permission: 'report.read', kind: 'page', query: OutboxQuery, summary: 'Outgoing messages (e-mail, group robots): pending, failing (with the last error) and sent', handler: async (req, res) => {
      const { state } = req.query as z.infer<typeof OutboxQuery>;
      const list = readListQuery(req.query, { sorts: ['newest'] as const, defaultSort: 'newest', filters: ['state'] as const, pageSize: OUTBOX_PAGE });
      const [entries, counts] = await Promise.all([deps.outbox.list({ state, limit: list.pageSize, offset: list.offset }), deps.outbox.counts()]);
      // The tabs' counts are the list's totals: every row is pending (failing ones included) or sent.
      const total = state === undefined ? counts.pending + counts.sent : counts[state];
      renderPage(deps.views, req, res, 'outbox', 'outbox', { entries, counts, state: state ?? '', mail: { kind: deps.mail.kind }, pager: pagerOf('/outbox', list, total) });
    } }),
    route({ method: 'get', path: '/outbox/:id.eml', permission: 'report.read', kind: 'page', summary: 'One message as the .eml file it was written to', handler: async (req, res) => {
      const entry = await deps.outbox.get(idParam(req));
      const bytes = entry?.emlFile ? await readEmlFile(deps.outboxDir, entry.emlFile) : null;
      if (!entry || !bytes) throw new HttpError(404, 'NOT_FOUND', '没有这封邮件的 .eml 文件', 'There is no .eml file for this message');
      // Named by the message's id, not by the file under the outbox directory.
      sendAttachment(res, bytes, `outbox-${entry.id}.eml`, 'message/rfc822');
    } }),
    route({ method: 'get', path: '/outbox/:id', permission: 'report.read', kind: 'page', query: MessageQuery, summary: 'One message: recipients, state, its text, and its HTML previewed in a sandboxed frame', handler: async (req, res) => {
      await showMessage(req, res, idParam(req));
    } }),
    route({ method: 'get', path: '/outbox/:id/preview', permission: 'report.read', kind: 'page', summary: 'A message’s HTML as sent, under a policy that loads and runs nothing (framed by /outbox/:id)', handler: async (req, res) => {
      const { html } = bodiesOf(await messageOf(idParam(req)));
      res.set({ 'Content-Security-Policy': PREVIEW_CSP, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      res.type('html').send(html);
    } }),
    route({ method: 'post', path: '/outbox/:id/resend', permission: 'report.run', kind: 'page', body: ResendForm, summary: 'Send a failed message again now (audited as outbox.resend); a sent one never goes twice', handler: async (req, res) => {
      const id = idParam(req);
      try {
        await resendFailedMessage(deps.outbox, id, actorOf(req));
        res.redirect(303, `/outbox/${id}?resent=1`);
      } catch (err) {
        const refusal = formRefusal(err);
        if (refusal.status === 404) throw err;
        await showMessage(req, res, id, { resendError: refusal }, refusal.status);
      }
    } }),
    route({ method: 'post', path: '/api/outbox/:id/resend', permission: 'report.run', kind: 'api', summary: 'Send a failed message again now (audited as outbox.resend): 409 MESSAGE_SENT, MESSAGE_NOT_FAILED or MESSAGE_SENDING otherwise', handler: async (req, res) => {
      const id = idParam(req);
      await resendFailedMessage(deps.outbox, id, actorOf(req));
      res.json({ id, resent: true });
    } }),
  ];
}
