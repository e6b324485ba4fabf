// Why a quote was refused or an action on it was, in Chinese and English.
import { DomainError } from '../shared/domain-error.ts';

export type QuoteErrorCode =
  | 'QUOTE_REFUSED'
  | 'ON_PREMISE_ONLY'
  | 'QUOTE_NOT_FOUND'
  | 'NOT_PENDING'
  | 'NO_PRICE_LIST'
  /** No policy version is active to price with. Clients see NO_ACTIVE_POLICY (422); see src/http/refusal-status.ts. */
  | 'QUOTE_NO_ACTIVE_POLICY'
  | 'VALIDATION_FAILED'
  | 'OWN_QUOTE'
  | 'QUOTE_EXPIRED';

export class QuoteError extends DomainError<QuoteErrorCode> {}
