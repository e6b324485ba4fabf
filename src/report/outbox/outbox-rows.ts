// An outbox row as stored and as read: the columns, their limits, and the message a row becomes. Shared by the
// outbox's repository and the review queue's, which writes the message a decision owes in its own transaction.
import { FAILING_AFTER_ATTEMPTS, isEmailAddress, OUTBOX_CHANNELS, type NewOutboxMessage, type OutboxChannel, type OutboxEntry, type OutboxMessage, type OutboxRecipients, type OutboxStatus } from './outbox-store.ts';

export interface OutboxRow {
  id: number;
  job: string;
  period_key: string;
  recipient: string;
  revision?: number | string;
  subject: string;
  html?: string;
  text?: string;
  report_json?: string | null;
  recipients_json: string;
  status: string;
  attempts: number;
  last_error: string | null;
  last_attempt_at: string | null;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  message_id: string | null;
  eml_file: string | null;
  created_at: string;
  channel?: string;
}

// Lists leave the bodies out: a yearly report's HTML is large and a page of rows needs none of it.
export const ENTRY_COLUMNS = ['id', 'job', 'period_key', 'recipient', 'revision', 'subject', 'recipients_json', 'status', 'attempts', 'last_error', 'last_attempt_at', 'next_attempt_at', 'claimed_by', 'claimed_until', 'sent_at', 'message_id', 'eml_file', 'created_at', 'channel'];

export const LIMITS = { job: 40, periodKey: 40, recipient: 200, subject: 500, error: 1000 } as const;

export function toEntry(r: OutboxRow): OutboxEntry {
  const status = r.status as OutboxStatus;
  const attempts = Number(r.attempts);
  return {
    id: Number(r.id),
    job: r.job,
    periodKey: r.period_key,
    recipient: r.recipient,
    revision: Number(r.revision ?? 1),
    subject: r.subject,
    recipients: JSON.parse(r.recipients_json) as OutboxRecipients,
    status,
    attempts,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at,
    nextAttemptAt: r.next_attempt_at,
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until,
    sentAt: r.sent_at,
    messageId: r.message_id,
    emlFile: r.eml_file,
    createdAt: r.created_at,
    channel: (r.channel ?? 'email') as OutboxChannel,
    failing: status === 'pending' && attempts >= FAILING_AFTER_ATTEMPTS,
  };
}

export function toMessage(r: OutboxRow): OutboxMessage {
  return { ...toEntry(r), html: r.html ?? '', text: r.text ?? '', reportJson: r.report_json ?? null };
}

/** Refuses what the columns cannot hold, so MySQL's strict mode and SQLite's lack of it end up the same. */
export function checkNewMessage(m: NewOutboxMessage): void {
  const problems: string[] = [];
  for (const [field, max] of [['job', LIMITS.job], ['periodKey', LIMITS.periodKey], ['recipient', LIMITS.recipient], ['subject', LIMITS.subject]] as const) {
    const value = m[field];
    if (value.trim() === '') problems.push(`${field} is empty`);
    if (value.length > max) problems.push(`${field} is longer than ${max} characters`);
  }
  const channel = m.channel ?? 'email';
  if (!OUTBOX_CHANNELS.includes(channel)) problems.push(`channel ${channel} is not one of ${OUTBOX_CHANNELS.join(', ')}`);
  // A group robot's message goes to its webhook: it has no addresses, and must not pretend to.
  if (channel === 'email' && m.recipients.to.length === 0) problems.push('there is no To address');
  if (channel !== 'email' && m.recipients.to.length + m.recipients.cc.length > 0) problems.push(`a ${channel} message has no e-mail addresses`);
  if (m.revision !== undefined && !(Number.isInteger(m.revision) && m.revision >= 1)) problems.push(`revision ${m.revision} is not a whole number from 1`);
  for (const address of [...m.recipients.to, ...m.recipients.cc]) {
    if (!isEmailAddress(address)) problems.push(`"${address}" is not an e-mail address`);
  }
  if (problems.length > 0) throw new Error(`Cannot enqueue ${m.job}/${m.periodKey}/${m.recipient}: ${problems.join('; ')}`);
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The unique key: a report goes out once per revision. */
export const OUTBOX_KEY_COLUMNS = ['job', 'period_key', 'recipient', 'revision'];

/** The row a new message becomes; also written by the review queue's decisions (report-review-repository.ts). */
export function newOutboxRow(m: NewOutboxMessage, at: string) {
  return {
    job: m.job,
    period_key: m.periodKey,
    recipient: m.recipient,
    revision: m.revision ?? 1,
    subject: m.subject,
    html: m.html,
    text: m.text,
    report_json: m.reportJson ?? null,
    recipients_json: JSON.stringify({ to: m.recipients.to, cc: m.recipients.cc }),
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    created_at: at,
    channel: m.channel ?? 'email',
  };
}

