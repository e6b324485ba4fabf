// What the policy use cases need from storage; the knex implementation is in policy-repository.ts.
import type { NewAuditEntry } from '../audit/audit-log.ts';
import type { TouchedContract, TouchedScope } from './touched-contracts-repository.ts';

export interface PolicyVersionRecord {
  id: number;
  version: number;
  workbookSha256: string;
  filename: string;
  workbookSize: number;
  ruleCount: number;
  summaryJson: string;
  createdAt: string;
  createdBy: string;
}

export interface PolicyActivationRecord {
  id: number;
  policyVersionId: number;
  version: number;
  effectiveFrom: string;
  activatedAt: string;
  activatedBy: string;
}

export interface NewPolicyVersion {
  workbookSha256: string;
  filename: string;
  workbook: Buffer;
  rulesJson: string;
  summaryJson: string;
  ruleCount: number;
  createdAt: string;
  createdBy: string;
}

export interface NewActivation {
  effectiveFrom: string;
  activatedAt: string;
  activatedBy: string;
  /**
   * For an activation from "now": the id of the activation in force when it was asked for (0 for none).
   * Unique per version, so that parallel asks to activate a version now record it once. Null otherwise.
   */
  follows?: number | null;
}

/** A stored record that was decided under a policy version. */
export interface DecisionRecordRef {
  kind: 'service_request' | 'quota_use' | 'quote';
  id: number;
  /** How people name it: a request or use by its id, a quote by its number. */
  name: string;
  contractId: number | null;
  /** The instant it was decided at (ISO, UTC). */
  at: string;
  /** The version it was decided under; null for a quota use recorded before uses kept theirs. */
  version: number | null;
}

/** What a backdated activation would change, read under the lock that writers of records also take. */
export interface BackdateFacts {
  /** The version to take effect. */
  version: number;
  /** The activation in force just before the effective date (null: none, as when moving in). */
  before: PolicyActivationRecord | null;
  /** Other versions' activations effective from the date until now: they are withdrawn, never used. */
  replaced: PolicyActivationRecord[];
  /** The earliest record in the period the activation takes over that was decided under another version. */
  blocking: DecisionRecordRef | null;
}

/** An activation a person withdrew before it took effect: kept for history, never in force. */
export interface WithdrawnActivationRecord extends PolicyActivationRecord {
  withdrawnAt: string;
  withdrawnBy: string;
}

/** What withdrawing a version's scheduled activation found, read under the lock on every version row. */
export type WithdrawOutcome =
  | { status: 'withdrawn'; withdrawn: WithdrawnActivationRecord[] }
  /** Nothing scheduled, but an activation of it is already in force (or was): too late. */
  | { status: 'in_effect'; activation: PolicyActivationRecord }
  | { status: 'not_scheduled' };

/** Asked with what a backdated activation would change (see moving-in.ts); throws to refuse it. */
export type BackdateCheck = (facts: BackdateFacts) => void;

export interface PolicyStore {
  findBySha256(sha256: string): Promise<PolicyVersionRecord | null>;
  /**
   * Stores the version, its rules and its workbook — and its activation, when given — in one
   * transaction, numbering it after the last.
   */
  insertVersion(input: NewPolicyVersion, activation?: NewActivation, backdateCheck?: BackdateCheck): Promise<{ record: PolicyVersionRecord; activation: PolicyActivationRecord | null }>;
  /**
   * Moving in: an activation from a past instant, in one transaction that locks every version row for update (so no
   * record is written meanwhile), reads the facts, lets `check` refuse, adds the activation (or finds this version's
   * at that instant) and withdraws the other versions' activations from that instant until now.
   */
  addBackdatedActivation(
    policyVersionId: number,
    activation: NewActivation,
    check: BackdateCheck,
  ): Promise<{ activation: PolicyActivationRecord; created: boolean; withdrawn: PolicyActivationRecord[] }>;
  getVersion(version: number): Promise<PolicyVersionRecord | null>;
  listVersions(): Promise<PolicyVersionRecord[]>;
  getRulesJson(version: number): Promise<string | null>;
  getWorkbook(version: number): Promise<Buffer | null>;
  /**
   * Adds an activation, or finds the one that holds its place (same version and effective date, or same
   * version following the same activation): `created` says which. The unique keys decide, not a read.
   */
  addActivation(policyVersionId: number, activation: NewActivation): Promise<{ activation: PolicyActivationRecord; created: boolean }>;
  /** Every activation in force at some time (withdrawn ones left out), newest effective date first. */
  listActivations(): Promise<PolicyActivationRecord[]>;
  /** The activation in force at an instant: the latest effective_from not after it, the latest activation on a tie (withdrawn ones left out). */
  activationAt(instant: string): Promise<PolicyActivationRecord | null>;
  /**
   * Withdraws the version's activations that have not taken effect at `now()` — read after every version row is
   * locked, so a decision under the version cannot slip in between — and writes `audit` with them, in one transaction.
   */
  withdrawScheduled(policyVersionId: number, actor: string, now: () => string, audit: (withdrawn: WithdrawnActivationRecord[]) => NewAuditEntry): Promise<WithdrawOutcome>;
  /** One page of the contracts in force on `today` that a change touches, newest first (see touched-contracts-repository.ts). */
  touchedContracts(scope: TouchedScope, today: string, offset: number, limit: number): Promise<TouchedContract[]>;
  /** Every activation a person withdrew, latest withdrawal first (moving in's withdrawals are not listed). */
  listWithdrawals(): Promise<WithdrawnActivationRecord[]>;
  ping(): Promise<void>;
}
