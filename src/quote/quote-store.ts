// Stored quotes as the use cases see them; the knex implementation is in quote-repository.ts.
import type { Offering, Tier } from '../catalog/catalog-codes.ts';

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

export interface QuoteStore {
  /** Stores a new quote (revisionOf: the base number it revises) and gives it the next number. */
  create<D>(quote: NewQuote<D>, options: { year: number; revisionOf?: string }): Promise<StoredQuote<D>>;
  get<D>(number: string): Promise<StoredQuote<D> | null>;
  /** Records a manager's decision on a pending quote; false when it is no longer pending. */
  decide(number: string, decision: { status: 'issued' | 'rejected'; by: string; at: string; note: string | null }): Promise<boolean>;
  list<D>(query: { customerId?: number; status?: QuoteStatus; limit: number; offset: number }): Promise<StoredQuote<D>[]>;
  /** Every revision of a quote, the original first. */
  revisions<D>(baseNumber: string): Promise<StoredQuote<D>[]>;
}
