// What the policy use cases need from storage; the knex implementation is in policy-repository.ts.

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

export interface PolicyStore {
  findBySha256(sha256: string): Promise<PolicyVersionRecord | null>;
  /**
   * Stores the version, its rules and its workbook — and its activation, when given — in one
   * transaction, numbering it after the last.
   */
  insertVersion(input: NewPolicyVersion, activation?: NewActivation): Promise<{ record: PolicyVersionRecord; activation: PolicyActivationRecord | null }>;
  getVersion(version: number): Promise<PolicyVersionRecord | null>;
  listVersions(): Promise<PolicyVersionRecord[]>;
  getRulesJson(version: number): Promise<string | null>;
  getWorkbook(version: number): Promise<Buffer | null>;
  /**
   * Adds an activation, or finds the one that holds its place (same version and effective date, or same
   * version following the same activation): `created` says which. The unique keys decide, not a read.
   */
  addActivation(policyVersionId: number, activation: NewActivation): Promise<{ activation: PolicyActivationRecord; created: boolean }>;
  listActivations(): Promise<PolicyActivationRecord[]>;
  /** The activation in force at an instant: the latest effective_from not after it, the latest activation on a tie. */
  activationAt(instant: string): Promise<PolicyActivationRecord | null>;
  ping(): Promise<void>;
}
