// Why a service request was refused, in Chinese and English.
export type RequestErrorCode = 'VALIDATION_FAILED' | 'NOT_ENTITLED' | 'REQUEST_NOT_FOUND' | 'ALREADY_RESPONDED' | 'INVALID_TIME' | 'IDEMPOTENCY_KEY_REUSED';

export class RequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    readonly messageZh: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}
