// Why a service request was refused, in Chinese and English.
import { DomainError } from '../shared/domain-error.ts';

export type RequestErrorCode = 'VALIDATION_FAILED' | 'NOT_ENTITLED' | 'REQUEST_NOT_FOUND' | 'ALREADY_RESPONDED' | 'INVALID_TIME' | 'IDEMPOTENCY_KEY_REUSED';

export class RequestError extends DomainError<RequestErrorCode> {}
