// The policy module's refusals: a version that does not exist, an activation that would rewrite decisions already
// made, and a store that refused to save a version. Kept apart from the service so callers (the HTTP layer, the CLI,
// the entitlement cache) can name them without importing the service.
import { DomainError } from '../shared/domain-error.ts';

/**
 * `details` of a refused backdated activation: what stands in its way (the version in force before, or the
 * record decided); of TEST_CASES_FAILED, the failing cases with what they expected and what was decided.
 */
export class PolicyError extends DomainError<'VERSION_NOT_FOUND' | 'EFFECTIVE_DATE_IN_PAST' | 'ALREADY_IN_EFFECT' | 'NOT_SCHEDULED' | 'TEST_CASES_FAILED'> {}

/** The database refused to store a version; the cause stays in the log, the message is for people. */
export class PolicyStorageError extends DomainError<'STORAGE_FAILED'> {
  constructor(cause: unknown) {
    super('STORAGE_FAILED', '保存策略版本失败,数据库拒绝了写入;未保存任何内容。', 'Storing the policy version failed: the database refused the write; nothing was stored.', null, { cause });
  }
}
