// The holiday use cases' refusals; src/http/refusal-status.ts maps their codes to statuses.
import { DomainError } from '../shared/domain-error.ts';

export type HolidayErrorCode =
  /** The rows (typed or read from a notice) have errors: nothing was saved; details list them. */
  | 'HOLIDAY_ROWS_INVALID'
  /** Every row is already in the base version as it stands: a draft would change nothing. */
  | 'NO_HOLIDAY_CHANGES'
  /** No base version was named and none is active. */
  | 'NO_ACTIVE_POLICY'
  /** The notice could not be read without errors: details list them. */
  | 'NOTICE_UNREADABLE'
  /** The draft workbook did not pass the import's validation (details: its issues); nothing was saved. */
  | 'HOLIDAY_DRAFT_REJECTED';

export class HolidayError extends DomainError<HolidayErrorCode> {}
