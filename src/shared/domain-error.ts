// The shape every use case's refusal shares: a stable code for programs, and the message in Chinese and
// English for people. The HTTP layer maps codes to statuses in one table (src/http/refusal-status.ts); a refusal
// that a retry may cure says after how many seconds, and that is all that differs between refusals.
//
// Errors that are not refusals stay plain Errors: a programming error, a configuration refused at start
// (ConfigError), a calendar definition that cannot be built (CalendarDefinitionError), a signal one layer throws
// for the next to turn into its own words (InvalidInstantError, GridLimitError).
export interface DomainErrorOptions {
  /** Seconds after which a retry may succeed (sent as `Retry-After`); null when a retry as made cannot. */
  retryAfterSeconds?: number | null;
  /** What failed underneath, for the log; never shown to people. */
  cause?: unknown;
}

export class DomainError<Code extends string = string, Details = unknown> extends Error {
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly code: Code,
    readonly messageZh: string,
    message: string,
    readonly details: Details | null = null,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}
