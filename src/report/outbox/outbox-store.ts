// The outbox as the delivery worker and the pages see it; the knex implementation is in outbox-repository.ts.
// A message is enqueued once per (job, period, recipient, revision) and then retried until it is delivered:
// nothing here ever gives up on a message, a row that keeps failing is only shown as failing. Revision 1 is a
// report as first issued; a correction (更正版) is a new row with the next revision.
import type { NewAuditEntry } from '../../audit/audit-log.ts';

export type OutboxStatus = 'pending' | 'sent';

/**
 * How a message leaves: e-mail (SMTP or an .eml file), or a group robot's webhook (企业微信, 钉钉). Every channel
 * goes through the same rows, leases and backoff; only the transport differs (outbox-delivery.ts).
 */
export const OUTBOX_CHANNELS = ['email', 'wecom', 'dingtalk'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** What a page filters on: "failing" is the subset of pending rows that have failed FAILING_AFTER_ATTEMPTS times. */
export type OutboxState = OutboxStatus | 'failing';

/** After this many failed attempts a pending row is surfaced as failing (it is still retried, at the cap). */
export const FAILING_AFTER_ATTEMPTS = 5;

export interface OutboxRecipients {
  to: string[];
  cc: string[];
}

export interface NewOutboxMessage {
  /** The job that owes the message, e.g. `yearly`, `monthly`, `at-risk`. */
  job: string;
  /** The period the message covers, e.g. `2026-11-27`, `2026-10`, or a request number for a one-off alert. */
  periodKey: string;
  /** Who the message is for as the job names it (`contract:42`, `managers`, `robot:wecom`); the addresses are in `recipients`. */
  recipient: string;
  /** Default e-mail. A robot's message has no addresses; its `text` is the markdown it posts. */
  channel?: OutboxChannel;
  /** 1 (the default) as first issued; 2, 3, … for corrections. */
  revision?: number;
  subject: string;
  html: string;
  text: string;
  /**
   * A report's figures as JSON, rendered by the delivery worker when it sends the message; `html` and `text`
   * are then empty. Keeps the job's writes and memory small.
   */
  reportJson?: string | null;
  recipients: OutboxRecipients;
}

/** A row without its bodies, for lists. */
export interface OutboxEntry {
  id: number;
  job: string;
  periodKey: string;
  recipient: string;
  revision: number;
  channel: OutboxChannel;
  subject: string;
  recipients: OutboxRecipients;
  status: OutboxStatus;
  /** Send attempts so far, counted when an attempt starts, so an attempt cut short by a crash counts too. */
  attempts: number;
  /** The last failure's message (no stack); kept after a later success as a record of what happened. */
  lastError: string | null;
  lastAttemptAt: string | null;
  /** When the row is next due; for a sent row, meaningless. */
  nextAttemptAt: string;
  claimedBy: string | null;
  claimedUntil: string | null;
  sentAt: string | null;
  messageId: string | null;
  /** The .eml file's name under the outbox directory when there was no SMTP server. */
  emlFile: string | null;
  createdAt: string;
  /** Pending and failed at least FAILING_AFTER_ATTEMPTS times. */
  failing: boolean;
}

export interface OutboxMessage extends OutboxEntry {
  html: string;
  text: string;
  /** Set when the bodies are rendered at sending (see NewOutboxMessage.reportJson). */
  reportJson: string | null;
}

export interface OutboxCounts {
  /** Every row not yet sent, failing ones included. */
  pending: number;
  /** Pending rows that have failed at least FAILING_AFTER_ATTEMPTS times. */
  failing: number;
  sent: number;
}

export interface DueRow {
  id: number;
  attempts: number;
}

/** What a resend found: done, no such row, sent already, never failed, or a worker is sending it right now. */
export type ResendResult = 'resent' | 'not-found' | 'sent' | 'not-failed' | 'sending';

/** The newest issue of a report: what a later look shows, and what a correction follows. */
export interface IssuedReport {
  id: number;
  revision: number;
  reportJson: string | null;
  createdAt: string;
}

export interface OutboxStore {
  /** Stores the message unless its (job, period, recipient, revision) is already there; either way returns the stored row. */
  enqueue(message: NewOutboxMessage, now: Date): Promise<{ message: OutboxMessage; created: boolean }>;
  /**
   * Several messages in one transaction (a report run's batch): each stored unless its key is already there.
   * Returns, per message, whether this call stored it.
   */
  enqueueMany(messages: NewOutboxMessage[], now: Date): Promise<boolean[]>;
  /** Which of these keys of one job are stored already, in any revision (a dry run says what a real run would skip). */
  existingKeys(job: string, keys: { periodKey: string; recipient: string }[]): Promise<Set<string>>;
  /** The highest revision stored for the key, or null when the report was never queued. */
  latestIssue(job: string, periodKey: string, recipient: string): Promise<IssuedReport | null>;
  /**
   * Stores a correction (`message.revision` > 1) and its audit entry in one transaction. Null when that revision
   * is stored already (a second click, another manager): nothing is written then.
   */
  enqueueRevision(message: NewOutboxMessage & { revision: number }, audit: NewAuditEntry, now: Date): Promise<OutboxMessage | null>;
  /** Pending rows due at `now` whose lease is free or expired, the longest-waiting first. */
  due(now: Date, limit: number): Promise<DueRow[]>;
  /**
   * Takes the lease on one due row: a conditional UPDATE that matches only when the row is still pending, due,
   * unleased (or its lease expired) and still at `seen.attempts`, so of several workers exactly one wins.
   * The winner's attempt is counted and the next attempt scheduled up front, so a crash mid-send still backs off.
   */
  claim(seen: DueRow, claim: { token: string; now: Date; leaseUntil: Date; retryAt: Date }): Promise<OutboxMessage | null>;
  /** Records delivery. Done even if the lease was lost meanwhile: the message went out, so it must not go again. */
  markSent(id: number, sent: { at: Date; messageId: string; emlFile: string | null }): Promise<void>;
  /** Records a failure and frees the lease, if the lease is still this claim's; false when it was not. */
  markFailed(id: number, token: string, failure: { error: string }): Promise<boolean>;
  get(id: number): Promise<OutboxMessage | null>;
  /**
   * Makes a failed message due now, with its audit entry, in one transaction: one conditional UPDATE that matches
   * only a row still pending, that has failed (a last error), and that no worker holds (its lease free or run out),
   * so a message in the middle of a send is never handed to a second worker and a sent one never goes again.
   */
  resend(id: number, audit: NewAuditEntry, now: Date): Promise<ResendResult>;
  /** Newest first. */
  list(query: { state?: OutboxState; job?: string; limit: number; offset: number }): Promise<OutboxEntry[]>;
  counts(): Promise<OutboxCounts>;
}

/**
 * The addresses the outbox accepts: one plain address each, the rule contacts are stored by. Jobs check contacts
 * with it, so that a stored address that breaks it (from before the rule, see `entitle doctor`) is reported and
 * skipped, never sent to as a list or a display name, and one bad address never stops a batch.
 */
export { isEmailAddress } from '../../shared/email-address.ts';

/** How existingKeys names a key. */
export const outboxKey = (periodKey: string, recipient: string) => `${periodKey}\u0000${recipient}`;

const MINUTE = 60_000;
/** The longest wait between two attempts: an SMTP outage of a day costs at most an hour after it ends. */
export const MAX_RETRY_DELAY_MS = 60 * MINUTE;

/** The wait after the given attempt fails: 1 min (or `firstMs`), 2, 4, … doubling up to the one-hour cap, then the cap for ever. */
export function retryDelayMs(attempt: number, firstMs: number = MINUTE): number {
  if (attempt < 1) return 0;
  // 2^12 already passes the cap from a first wait of a second; stopping the exponent there keeps the number small.
  return Math.min(firstMs * 2 ** Math.min(attempt - 1, 12), MAX_RETRY_DELAY_MS);
}
