// Service requests as the use cases see them; the knex implementation is in request-repository.ts.
import type { ResponseWindow } from '../catalog/catalog.ts';
import type { DeadlineProofView } from '../entitlement/deadline.ts';

/** A request as intake recorded it; nothing here changes when a policy or calendar does. */
export interface StoredRequest {
  id: number;
  contractId: number;
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
  respondedAt: string | null;
  respondedBy: string | null;
  createdBy: string;
  createdAt: string;
  idempotencyKey: string | null;
}

export type NewRequest = Omit<StoredRequest, 'id' | 'customerName' | 'respondedAt' | 'respondedBy'>;

/** Which rows a listing wants, by what the database can tell from the stored instants alone. */
export type StoredState = 'unanswered' | 'at_risk_candidate' | 'met' | 'breached';

export interface RequestQuery {
  state?: StoredState;
  contractId?: number;
  /** UTC ISO-8601: "in time" and "breached" are judged against it. */
  now: string;
  limit: number;
  offset: number;
}

export interface RequestStore {
  /** Stores a request, provided the version it was decided under is still in force at its arrival (PolicyChangedError otherwise). */
  create(request: NewRequest): Promise<StoredRequest>;
  get(id: number): Promise<StoredRequest | null>;
  findByKey(idempotencyKey: string): Promise<StoredRequest | null>;
  /** Sets the response once; false when the request already had one (or does not exist). */
  respond(id: number, respondedAt: string, respondedBy: string): Promise<boolean>;
  /** Earliest deadline first; requests without a deadline last. */
  list(query: RequestQuery): Promise<StoredRequest[]>;
}
