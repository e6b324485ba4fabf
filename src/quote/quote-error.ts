// Why a quote was refused or an action on it was, in Chinese and English.
import { DomainError } from '../shared/domain-error.ts';

export type QuoteErrorCode = 'QUOTE_REFUSED' | 'ON_PREMISE_ONLY' | 'QUOTE_NOT_FOUND' | 'NOT_PENDING' | 'NO_PRICE_LIST' | 'NO_ACTIVE_POLICY' | 'VALIDATION_FAILED' | 'OWN_QUOTE' | 'QUOTE_EXPIRED';

export class QuoteError extends DomainError<QuoteErrorCode> {}
