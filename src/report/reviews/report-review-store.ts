// The review queue of 尊享 yearly reports, as the domain sees it; the knex implementation is in
// report-review-repository.ts. A draft is stored once per contract year (a unique key), and each decision —
// an expert's approval, or the release of a draft nobody reviewed in time — is one conditional UPDATE of a
// pending row that also records the message and audit entry it owes: of two instances, or an expert and the
// release, exactly one decides. The message is then queued under the outbox's unique key and the audit entry
// written by whoever records the outbox row on the review first; a decision whose message a crash left unqueued
// is queued by the next sweep (unqueued + queue). No lock is held across statements, so instances never wait on
// each other (with SQLite, a wait would stall the whole process).
import type { NewAuditEntry } from '../../audit/audit-log.ts';
import type { NewOutboxMessage, OutboxRecipients } from '../outbox/outbox-store.ts';
import type { AdviceLine } from '../report-types.ts';

export type ReviewStatus = 'pending' | 'approved' | 'released';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['pending', 'approved', 'released'];

export interface NewReviewDraft {
  contractId: number;
  /** The contract year's last day: the period key of its report. */
  periodEnd: string;
  subject: string;
  /** The drafted YearlyReport as JSON: figures fixed at `cutoff`, the rules' lines as proposed advice. */
  reportJson: string;
  recipients: OutboxRecipients;
  cutoff: string;
  /** When the draft goes out unreviewed, as 系统建议: N working days after the cut-off on 标准工作日. */
  dueAt: string;
}

/** A review without its report, for lists. */
export interface ReviewEntry {
  id: number;
  contractId: number;
  periodEnd: string;
  subject: string;
  recipients: OutboxRecipients;
  status: ReviewStatus;
  cutoff: string;
  dueAt: string;
  createdAt: string;
  decidedAt: string | null;
  reviewer: string | null;
  /** The lines as sent, once decided. */
  advice: AdviceLine[] | null;
  outboxId: number | null;
}

export interface Review extends ReviewEntry {
  reportJson: string;
}

export interface ReviewCounts {
  pending: number;
  /** Pending and past their due instant: about to be released unreviewed. */
  overdue: number;
  approved: number;
  /** Sent unreviewed, as 系统建议. */
  released: number;
}

/** What a decision writes besides the review: the report's outbox row (revision 1) and the audit entry. */
export interface Decision {
  status: Exclude<ReviewStatus, 'pending'>;
  at: string;
  reviewer: string | null;
  advice: AdviceLine[];
  message: NewOutboxMessage;
  audit: NewAuditEntry;
}

export interface ReviewStore {
  /**
   * Stores the drafts whose contract year has none yet (the unique key decides, also between instances);
   * returns, per draft, whether this call stored it.
   */
  draftMany(drafts: NewReviewDraft[], now: Date): Promise<boolean[]>;
  /** Which of these contract years have a review already (a dry run says what a real run would skip). */
  existing(keys: { contractId: number; periodEnd: string }[]): Promise<Set<string>>;
  get(id: number): Promise<Review | null>;
  byYear(contractId: number, periodEnd: string): Promise<Review | null>;
  /** Pending first (the soonest due first), then the decided, newest first. */
  list(query: { status?: ReviewStatus; limit: number; offset: number }): Promise<ReviewEntry[]>;
  counts(now: Date): Promise<ReviewCounts>;
  /** Released unreviewed (系统建议), newest first: what the managers' page shows. */
  recentlyReleased(limit: number): Promise<ReviewEntry[]>;
  /** Ids of pending reviews due at `now`, the longest overdue first. */
  overdue(now: Date, limit: number): Promise<number[]>;
  /**
   * Decides a pending review: one conditional UPDATE (still pending; for a release, also due by `at`) that records
   * the message and audit entry it owes; then queues them (see queue). Null when the review was no longer pending
   * (someone, or another instance, decided first): nothing is written then.
   */
  decide(id: number, decision: Decision): Promise<Review | null>;
  /** Decided reviews whose message is not in the outbox yet (a crash between deciding and queueing), oldest first. */
  unqueued(limit: number): Promise<number[]>;
  /**
   * Puts a decided review's message in the outbox (its unique key keeps it once) and records the row on the review;
   * whoever records it first writes the audit entry. Safe to repeat, from any instance.
   */
  queue(id: number): Promise<void>;
}

/** How existing() names a contract year. */
export const reviewKey = (contractId: number, periodEnd: string) => `${contractId}\u0000${periodEnd}`;
