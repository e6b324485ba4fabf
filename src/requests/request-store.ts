// Service requests as the use cases see them; the knex implementation is in request-repository.ts (intake, the
// queue) and request-work-repository.ts (every change after intake, with its history).
import type { NewAuditEntry } from '../audit/audit-log.ts';
import type { ResponseWindow } from '../catalog/catalog.ts';
import type { DeadlineProofView } from '../entitlement/deadline.ts';
import type { PageOf, PageRequest } from '../shared/paging.ts';
import type { Priority, RequestState } from './request-lifecycle.ts';

/** A request as intake recorded it, and where its work stands; nothing intake recorded changes when a policy or calendar does. */
export interface StoredRequest {
  id: number;
  contractId: number;
  customerId: number;
  customerName: string;
  service: string;
  summary: string;
  /** UTC ISO-8601. */
  openedAt: string;
  policy: { id: number; version: number };
  responseWindow: ResponseWindow | null;
  /** Working milliseconds in the window, on `calendar`. */
  windowMs: number | null;
  calendar: string | null;
  /** UTC ISO-8601; null for a service without a response window. */
  respondBy: string | null;
  /** UTC ISO-8601: from here on less than 25% of the window is left (a cheap filter; status is exact). */
  atRiskFrom: string | null;
  proof: DeadlineProofView | null;
  /** The 解决时限 that applied at intake; null when the policy set none (the resolution is then not judged). */
  resolutionWindow: ResponseWindow | null;
  /** Working milliseconds in the resolution target, on `calendar`. */
  resolutionMs: number | null;
  /**
   * UTC ISO-8601: by when to resolve. Intake sets it as if the request never waits; it moves later by the working
   * time of each wait for the customer, and of the time it stood resolved before a reopen.
   */
  resolveBy: string | null;
  /**
   * UTC ISO-8601: from here on less than a quarter of the resolution target is left (resolution-clock.ts); it
   * moves with resolve-by. Null without a target, and on requests stored before migration 027.
   */
  resolveAtRiskFrom: string | null;
  /** The response: the first reply, or one recorded with POST …/respond. */
  respondedAt: string | null;
  respondedBy: string | null;
  createdBy: string;
  createdAt: string;
  idempotencyKey: string | null;
  state: RequestState;
  priority: Priority;
  /** The support user working on it. */
  assignee: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** While the request waits for the customer: since when. The resolution clock stands still meanwhile. */
  pausedSince: string | null;
  /** Wall-clock milliseconds of the pauses that have ended. */
  pausedMs: number;
  updatedAt: string | null;
}

export type NewRequest = Omit<
  StoredRequest,
  'id' | 'customerId' | 'customerName' | 'respondedAt' | 'respondedBy' | 'state' | 'assignee' | 'resolvedAt' | 'resolvedBy' | 'resolution' | 'closedAt' | 'closedBy' | 'pausedSince' | 'pausedMs' | 'updatedAt'
>;

/** The queue's filters on the resolution against its target. */
export const RESOLUTION_FILTERS = ['breached', 'at_risk'] as const;
export type ResolutionFilter = (typeof RESOLUTION_FILTERS)[number];

/** Which rows a listing wants, by what the database can tell from the stored instants alone. */
/** overdue: still unanswered past its deadline (breached counts the late answers too). */
export type StoredState = 'unanswered' | 'at_risk' | 'met' | 'breached' | 'overdue';

export type RequestSort = 'deadline' | 'priority';

export interface RequestFilter {
  /** The response against its window. */
  response?: StoredState;
  states?: readonly RequestState[];
  contractId?: number;
  customerId?: number;
  priority?: Priority;
  /** A username; '' for requests nobody is assigned. */
  assignee?: string;
  service?: string;
  /** Matched against the summary and the customer's name, as typed (% and _ included). */
  search?: string;
  /** UTC ISO-8601: only requests whose response deadline is at or after it (e.g. "breached this week"). */
  respondByFrom?: string;
  /**
   * The resolution against its target: breached (open past resolve-by, or resolved late); at_risk (new or in
   * progress, past its at-risk point and not yet past resolve-by).
   */
  resolution?: ResolutionFilter;
  /** UTC ISO-8601: "in time" and "breached" are judged against it. */
  now: string;
}

export interface RequestQuery extends RequestFilter, PageRequest {
  /** deadline (default): earliest deadline first, none last; priority: P1 first, then by deadline. */
  sort?: RequestSort;
}

export type RequestAction = 'opened' | 'assigned' | 'priority' | 'state' | 'note' | 'reply' | 'responded' | 'resolved' | 'closed' | 'reopened';

export interface RequestEvent {
  id: number;
  at: string;
  actor: string;
  action: RequestAction;
  details: Record<string, unknown> | null;
}

export type CommentKind = 'note' | 'reply';

export interface RequestComment {
  id: number;
  kind: CommentKind;
  body: string;
  author: string;
  createdAt: string;
  /** The reply's e-mail in the outbox. */
  outboxId: number | null;
}

export interface RequestPause {
  startedAt: string;
  /** Null while the request still waits. */
  endedAt: string | null;
}

/** A reply's e-mail, as the outbox takes it. */
export interface ReplyMail {
  requestId: number;
  /** The comment it carries: with the request, the outbox's key, so the e-mail is enqueued once. */
  commentId: number;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

/**
 * One change to a request, written in one transaction with its history entry and audit entry — or not at all:
 * the row is updated only while it still has `expect` (what the use case read), else nothing is written and
 * apply answers false.
 */
export interface RequestChange {
  at: string;
  actor: string;
  expect: { state: RequestState; updatedAt: string | null };
  /** Columns to set (camelCase names of StoredRequest). */
  set: Partial<Pick<StoredRequest, 'state' | 'priority' | 'assignee' | 'respondedAt' | 'respondedBy' | 'resolvedAt' | 'resolvedBy' | 'resolution' | 'closedAt' | 'closedBy' | 'pausedSince' | 'pausedMs' | 'resolveBy' | 'resolveAtRiskFrom'>>;
  events: { action: RequestAction; details: Record<string, unknown> | null }[];
  audit: NewAuditEntry[];
  /** Opens a pause row (waiting for the customer) or closes the open one. */
  pause?: 'start' | 'end';
  /** A note or a reply; a reply with its e-mail, and the response when the request has none yet. */
  comment?: { kind: CommentKind; body: string; clientKey: string | null; mail: ((commentId: number) => Omit<ReplyMail, 'commentId'>) | null; respond: boolean };
}

export interface RequestStore {
  /** Stores a request with its first history entry, provided the version it was decided under is still in force at its arrival (PolicyChangedError otherwise). */
  create(request: NewRequest & { state: RequestState }, audit: NewAuditEntry): Promise<StoredRequest>;
  get(id: number): Promise<StoredRequest | null>;
  findByKey(idempotencyKey: string): Promise<StoredRequest | null>;
  /** Sets the response once, with its history entry; false when the request already had one (or does not exist). */
  respond(id: number, respondedAt: string, respondedBy: string, audit: NewAuditEntry): Promise<boolean>;
  /** One page, filtered, sorted and counted in SQL. */
  list(query: RequestQuery): Promise<PageOf<StoredRequest>>;
  /** How many requests of the filter (its states aside) are in each state. */
  countByState(filter: RequestFilter): Promise<Record<RequestState, number>>;
  /** False when the request no longer has `change.expect`; the comment's id when one was added. */
  apply(id: number, change: RequestChange): Promise<{ applied: boolean; commentId: number | null }>;
  /** The comment a client key stored, if any: a resubmitted form finds its reply instead of sending it twice. */
  commentByKey(clientKey: string): Promise<{ requestId: number; comment: RequestComment } | null>;
  history(id: number): Promise<RequestEvent[]>;
  comments(id: number): Promise<RequestComment[]>;
  pauses(id: number): Promise<RequestPause[]>;
  /** Distinct assignees, for the queue's filter. */
  assignees(): Promise<string[]>;
  /** The customers that have requests, by name (at most `limit`), for the queue's filter. */
  customers(limit: number): Promise<{ id: number; name: string }[]>;
}
