// Stored quotes as the use cases see them; the knex implementation is in quote-repository.ts.
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { NewAuditEntry } from '../audit/audit-log.ts';
import type { PageOf, PageRequest } from '../shared/paging.ts';

export type QuoteStatus = 'issued' | 'pending_approval' | 'rejected';

export interface StoredQuote<Document = unknown> {
  id: number;
  number: string;
  baseNumber: string;
  revision: number;
  customerId: number;
  customerName: string;
  offering: Offering;
  tier: Tier;
  termYears: number;
  discountBasisPoints: number;
  status: QuoteStatus;
  policy: { id: number; version: number };
  totalFen: number;
  /** Everything the quote document shows, as computed when it was made; never recomputed. */
  document: Document;
  validUntil: string;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export type NewQuote<Document = unknown> = Omit<StoredQuote<Document>, 'id' | 'number' | 'baseNumber' | 'revision' | 'customerName' | 'decidedBy' | 'decidedAt' | 'decisionNote'>;

/** A row of the quotes list: the quote without its document. */
export type QuoteListItem = Omit<StoredQuote, 'document'>;

export const QUOTE_SORTS = ['newest', 'oldest', 'total_desc', 'total_asc', 'customer'] as const;
export type QuoteSort = (typeof QUOTE_SORTS)[number];

/** The quotes list's filters; every one is applied in SQL, as are the order and the page. */
export interface QuoteSearch extends PageRequest {
  status?: QuoteStatus;
  /** Part of the customer's name. */
  customer?: string;
  /** Made at or after this instant (UTC ISO), and before createdBefore. */
  createdFrom?: string;
  createdBefore?: string;
  /** The sales user who made it. */
  createdBy?: string;
  sort: QuoteSort;
}

export interface QuoteStore {
  /** Stores a new quote (revisionOf: the base number it revises) and gives it the next number. */
  create<D>(quote: NewQuote<D>, options: { year: number; revisionOf?: string; /** Written in the quote's transaction, its target the new number. */ audit?: NewAuditEntry }): Promise<StoredQuote<D>>;
  get<D>(number: string): Promise<StoredQuote<D> | null>;
  /**
   * Records a manager's decision on a pending quote and its audit entry, together or not at all; false (and
   * nothing written) when it is no longer pending.
   */
  decide(number: string, decision: { status: 'issued' | 'rejected'; by: string; at: string; note: string | null }, audit: NewAuditEntry): Promise<boolean>;
  /** How many quotes are in this status: one count over quotes_status_created_at_index. */
  countByStatus(status: QuoteStatus): Promise<number>;
  /** The user's quotes rejected at or after `since` (UTC ISO), the latest decision first (migration 021's index). */
  rejectedFor(createdBy: string, query: { since: string; limit: number }): Promise<QuoteListItem[]>;
  list<D>(query: { customerId?: number; status?: QuoteStatus; limit: number; offset: number }): Promise<StoredQuote<D>[]>;
  /** One page of the quotes the filters match, in the order asked for, and how many match in all. */
  search(query: QuoteSearch): Promise<PageOf<QuoteListItem>>;
  /** Everyone who has made a quote, for the list's filter. */
  authors(): Promise<string[]>;
  /** Every revision of a quote, the original first. */
  revisions<D>(baseNumber: string): Promise<StoredQuote<D>[]>;
}
