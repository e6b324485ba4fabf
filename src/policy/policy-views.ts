// How a stored version looks to people: its status and the date it is (or was, or will be) in force.
import type { PolicyActivationRecord, PolicyVersionRecord, WithdrawnActivationRecord } from './policy-store.ts';

export type PolicyStatus = 'draft' | 'scheduled' | 'active' | 'superseded' | 'withdrawn';

export interface PolicyVersionView extends Omit<PolicyVersionRecord, 'summaryJson'> {
  status: PolicyStatus;
  /** Active: since when. Scheduled: from when. Superseded: the last time it took effect. Withdrawn: the date it was to take effect. Draft: null. */
  effectiveFrom: string | null;
  activations: PolicyActivationRecord[];
  /** Its scheduled activations that a person withdrew before they took effect, latest withdrawal first. */
  withdrawals: WithdrawnActivationRecord[];
}

/**
 * `all` is every activation in force at some time, newest effective date first; `current` the one in force at `now`;
 * `withdrawals` every activation a person withdrew. A version whose only activations were withdrawn is 已撤回:
 * history says it was scheduled once, and it can be scheduled again.
 */
export function viewOf(record: PolicyVersionRecord, all: PolicyActivationRecord[], current: PolicyActivationRecord | null, now: string, withdrawals: WithdrawnActivationRecord[] = []): PolicyVersionView {
  const mine = all.filter((a) => a.policyVersionId === record.id);
  const withdrawn = withdrawals.filter((w) => w.policyVersionId === record.id);
  const { summaryJson: _summary, ...rest } = record;
  const base = { ...rest, activations: mine, withdrawals: withdrawn };
  const upcoming = mine.filter((a) => a.effectiveFrom > now);
  const past = mine.filter((a) => a.effectiveFrom <= now);
  if (current?.policyVersionId === record.id) return { ...base, status: 'active', effectiveFrom: current.effectiveFrom };
  if (upcoming.length > 0) return { ...base, status: 'scheduled', effectiveFrom: upcoming.at(-1)!.effectiveFrom };
  if (past.length > 0) return { ...base, status: 'superseded', effectiveFrom: past[0]!.effectiveFrom };
  if (withdrawn.length > 0) return { ...base, status: 'withdrawn', effectiveFrom: withdrawn[0]!.effectiveFrom };
  return { ...base, status: 'draft', effectiveFrom: null };
}
