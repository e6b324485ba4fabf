// How a stored version looks to people: its status and the date it is (or was, or will be) in force.
import type { PolicyActivationRecord, PolicyVersionRecord } from './policy-store.ts';

export type PolicyStatus = 'draft' | 'scheduled' | 'active' | 'superseded';

export interface PolicyVersionView extends Omit<PolicyVersionRecord, 'summaryJson'> {
  status: PolicyStatus;
  /** Active: since when. Scheduled: from when. Superseded: the last time it took effect. Draft: null. */
  effectiveFrom: string | null;
  activations: PolicyActivationRecord[];
}

/** `all` is every activation, newest effective date first; `current` the one in force at `now`. */
export function viewOf(record: PolicyVersionRecord, all: PolicyActivationRecord[], current: PolicyActivationRecord | null, now: string): PolicyVersionView {
  const mine = all.filter((a) => a.policyVersionId === record.id);
  const { summaryJson: _summary, ...rest } = record;
  const upcoming = mine.filter((a) => a.effectiveFrom > now);
  const past = mine.filter((a) => a.effectiveFrom <= now);
  if (current?.policyVersionId === record.id) return { ...rest, status: 'active', effectiveFrom: current.effectiveFrom, activations: mine };
  if (upcoming.length > 0) return { ...rest, status: 'scheduled', effectiveFrom: upcoming.at(-1)!.effectiveFrom, activations: mine };
  if (past.length > 0) return { ...rest, status: 'superseded', effectiveFrom: past[0]!.effectiveFrom, activations: mine };
  return { ...rest, status: 'draft', effectiveFrom: null, activations: mine };
}
