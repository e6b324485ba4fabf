// The report e-mail outbox for admins and managers: what waits, what failed and why, what went out; and, with
// no SMTP server, the .eml files themselves.
import { z } from 'zod';
import { readEmlFile } from '../../report/outbox/mail-eml-writer.ts';
import type { OutboxStore } from '../../report/outbox/outbox-store.ts';
import { HttpError } from '../http-error.ts';
import { idParam, sendAttachment } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { renderPage } from './page-context.ts';

const OutboxQuery = z.object({ state: z.enum(['pending', 'failing', 'sent']).optional() });

export function outboxPages(deps: { outbox: OutboxStore; outboxDir: string; mail: { kind: string; target: string }; views: Views }): RouteSpec[] {
  return [
    route({ method: 'get', path: '/outbox', permission: 'report.read', kind: 'page', query: OutboxQuery, summary: 'Report e-mails: pending, failing (with the last error) and sent', handler: async (req, res) => {
      const { state } = req.query as z.infer<typeof OutboxQuery>;
      const [entries, counts] = await Promise.all([deps.outbox.list({ state, limit: 200, offset: 0 }), deps.outbox.counts()]);
      renderPage(deps.views, req, res, 'outbox', 'outbox', { entries, counts, state: state ?? '', mail: deps.mail });
    } }),
    route({ method: 'get', path: '/outbox/:id.eml', permission: 'report.read', kind: 'page', summary: 'One message as the .eml file it was written to', handler: async (req, res) => {
      const entry = await deps.outbox.get(idParam(req));
      const bytes = entry?.emlFile ? await readEmlFile(deps.outboxDir, entry.emlFile) : null;
      if (!entry || !bytes) throw new HttpError(404, 'NOT_FOUND', '没有这封邮件的 .eml 文件', 'There is no .eml file for this message');
      sendAttachment(res, bytes, entry.emlFile!, 'message/rfc822');
    } }),
  ];
}
