// Why a report could not be shown or run, in Chinese and English.
import { DomainError } from '../shared/domain-error.ts';

export type ReportErrorCode = 'VALIDATION_FAILED' | 'CONTRACT_NOT_FOUND' | 'NOT_A_YEAR_END' | 'TIER_WITHOUT_REPORT' | 'RUN_NOT_FOUND';

export class ReportError extends DomainError<ReportErrorCode> {}
