// The shape every use case's refusal shares: a stable code for programs, and the message in Chinese and
// English for people. The HTTP layer maps codes to statuses (src/http/http-error.ts); nothing else differs.
export class DomainError<Code extends string = string, Details = unknown> extends Error {
  constructor(
    readonly code: Code,
    readonly messageZh: string,
    message: string,
    readonly details: Details | null = null,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
