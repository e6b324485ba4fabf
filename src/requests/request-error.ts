// Why a service request was refused, in Chinese and English.
import { DomainError } from '../shared/domain-error.ts';

export type RequestErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_ENTITLED'
  | 'REQUEST_NOT_FOUND'
  | 'ALREADY_RESPONDED'
  | 'INVALID_TIME'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_TRANSITION'
  | 'REQUEST_CHANGED'
  | 'NO_CONTACT_ADDRESS'
  | 'NOT_A_SUPPORT_USER';

export class RequestError extends DomainError<RequestErrorCode> {}
