// The e-mail a reply becomes: to the customer's contacts (the customer-success managers copied; addressed
// when the customer has no contact with an address), in Chinese, the request named by its number, its service
// by name and its summary. Addresses that break the contact rule are left out, never sent to as they stand
// (see src/shared/email-address.ts and `entitle doctor`).
import { serviceName } from '../catalog/catalog-names.ts';
import type { Contact } from '../contracts/contract-store.ts';
import { isEmailAddress } from '../shared/email-address.ts';
import type { ReplyMail } from './request-store.ts';

export function replyRecipients(contacts: readonly Contact[]): { to: string[]; cc: string[] } {
  const good = contacts.filter((c) => c.email !== null && isEmailAddress(c.email));
  const unique = (list: string[]) => [...new Set(list)];
  const to = unique(good.filter((c) => c.role === 'contact').map((c) => c.email!));
  const cc = unique(good.filter((c) => c.role === 'csm').map((c) => c.email!)).filter((a) => !to.includes(a));
  return to.length ? { to, cc } : { to: cc, cc: [] };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** One line of text for a subject: line breaks there would be headers of their own. */
const oneLine = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function replyMail(request: { id: number; service: string; summary: string; customerName: string }, body: string, author: string, recipients: { to: string[]; cc: string[] }): Omit<ReplyMail, 'commentId'> {
  const service = serviceName(request.service, 'zh');
  const subject = `[服务请求 #${request.id}] ${service}:${oneLine(request.summary, 60)}`;
  const text = [`${request.customerName}:`, '', body, '', '—', `服务请求 #${request.id} · ${service}`, `问题描述:${request.summary}`, `回复人:${author}`, '如需补充信息,请直接回复本邮件。'].join('\n');
  const html = [
    `<p>${escapeHtml(request.customerName)}:</p>`,
    `<div style="white-space:pre-wrap">${escapeHtml(body)}</div>`,
    '<hr>',
    `<p>服务请求 #${request.id} · ${escapeHtml(service)}<br>问题描述:${escapeHtml(request.summary)}<br>回复人:${escapeHtml(author)}</p>`,
    '<p>如需补充信息,请直接回复本邮件。</p>',
  ].join('\n');
  return { requestId: request.id, to: recipients.to, cc: recipients.cc, subject, text, html };
}
