// Who did what and when: every write, by whom, through which token and from where. The actions are named here,
// one union every area adds to (and src/http/words/audit-words.ts names in words); the storage is
// audit-repository.ts.
import type { PageOf } from '../shared/paging.ts';
import { createAuditRepository, insertAuditRow, type AuditSearch, type NewStoredAuditEntry, type StoredAuditEntry, type TargetNames } from './audit-repository.ts';

export type AuditAction =
  | 'policy.upload'
  | 'policy.upload_rejected'
  | 'policy.activate'
  | 'policy.holidays'
  | 'policy.withdraw'
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.sign_out'
  | 'user.create'
  | 'user.password'
  | 'user.disable'
  | 'user.enable'
  | 'user.unlock'
  | 'user.role'
  | 'user.reset_password'
  | 'token.create'
  | 'token.revoke'
  | 'usage.override'
  | 'contract.import'
  | 'contract.create'
  | 'contract.update'
  | 'usage.record'
  | 'quote.create'
  | 'quote.revise'
  | 'quote.approve'
  | 'quote.reject'
  | 'customer.create'
  | 'customer.update'
  | 'report.reissue'
  | 'outbox.resend'
  | 'report.review_approve'
  | 'report.review_release'
  | 'request.open'
  | 'request.assign'
  | 'request.priority'
  | 'request.note'
  | 'request.reply'
  | 'request.respond'
  | 'request.state'
  | 'request.resolve'
  | 'request.close'
  | 'request.reopen';

export type AuditEntry = StoredAuditEntry<AuditAction>;

/** `via` defaults to the request's (see audit-context.ts). */
export type NewAuditEntry = NewStoredAuditEntry<AuditAction>;

export type AuditQuery = AuditSearch<AuditAction>;

export interface AuditLog {
  record(entry: NewAuditEntry): Promise<void>;
  list(options?: { limit?: number; before?: number; action?: AuditAction }): Promise<AuditEntry[]>;
  /** One page of the entries the filters match, newest first, and how many match in all. */
  search(query: AuditQuery): Promise<PageOf<AuditEntry>>;
  actors(): Promise<string[]>;
  targetNames(refs: { customers: number[]; contracts: number[]; requests: number[]; quotes: string[]; users: string[] }): Promise<TargetNames>;
}

type Database = Parameters<typeof createAuditRepository>[0];
type Writer = Parameters<typeof insertAuditRow>[0];

/** One entry written with `q`: a repository passes its transaction, so that a change and its entry are stored together or not at all. */
export function insertAuditEntry(q: Writer, entry: NewAuditEntry, at: string): Promise<void> {
  return insertAuditRow(q, entry, at);
}

export function createAuditLog(db: Database, clock: () => Date = () => new Date()): AuditLog {
  return createAuditRepository<AuditAction>(db, clock);
}
