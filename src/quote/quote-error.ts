// Why a quote was refused or an action on it was, in Chinese and English.
export type QuoteErrorCode = 'QUOTE_REFUSED' | 'ON_PREMISE_ONLY' | 'QUOTE_NOT_FOUND' | 'NOT_PENDING' | 'NO_PRICE_LIST' | 'NO_ACTIVE_POLICY' | 'VALIDATION_FAILED';

export class QuoteError extends Error {
  constructor(
    readonly code: QuoteErrorCode,
    readonly messageZh: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'QuoteError';
  }
}
