// Why a report could not be shown, run or issued again, in Chinese and English.
import { DomainError } from '../shared/domain-error.ts';

export type ReportErrorCode =
  | 'VALIDATION_FAILED'
  | 'CONTRACT_NOT_FOUND'
  | 'NOT_A_YEAR_END'
  | 'TIER_WITHOUT_REPORT'
  | 'RUN_NOT_FOUND'
  /** A correction of a report that never went out. */
  | 'NOT_ISSUED'
  /** A correction of a 尊享 report still in the experts' review queue. */
  | 'REVIEW_PENDING'
  /** The revision asked for exists already (a second click, another manager). */
  | 'REISSUE_CONFLICT'
  | 'NO_RECIPIENTS'
  /** An outbox message that does not exist. */
  | 'MESSAGE_NOT_FOUND'
  /** A resend of a message that went out (it must not go twice), never failed, or is being sent right now. */
  | 'MESSAGE_SENT'
  | 'MESSAGE_NOT_FAILED'
  | 'MESSAGE_SENDING';

export class ReportError extends DomainError<ReportErrorCode> {}
