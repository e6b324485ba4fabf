// Withdrawing a scheduled activation before it takes effect (issue 16). History is never rewritten: the activation's
// row stays, marked withdrawn (who, when), the version lists as 已撤回 until it is scheduled again, and the
// withdrawal is audited in its own transaction. Every instance's policy cache reads the activation list again within
// its refresh interval and then no longer sees it, as it picks up a new activation; a record decided meanwhile under
// the withdrawn version is refused by holdDecidedVersion (decided-version-repository.ts) and decided again.
import { formatShanghai } from '../calendar/instants.ts';
import { PolicyError } from './policy-error.ts';
import type { PolicyStore, WithdrawnActivationRecord } from './policy-store.ts';

/**
 * Withdraws a version's scheduled activations. Refused once one has taken effect (compared with the instant read
 * under the lock that writers of records take, never with a date still to come), and when none is scheduled.
 */
export function withdrawalOf(store: PolicyStore, clock: () => Date) {
  return async function withdraw(version: number, actor: string, address: string | null = null): Promise<WithdrawnActivationRecord[]> {
    const record = await store.getVersion(version);
    if (!record) throw new PolicyError('VERSION_NOT_FOUND', `策略版本 ${version} 不存在。`, `Policy version ${version} does not exist.`);
    const outcome = await store.withdrawScheduled(record.id, actor, () => clock().toISOString(), (withdrawn) => ({
      actor,
      action: 'policy.withdraw',
      target: `policy:${version}`,
      details: { effectiveFrom: withdrawn.map((w) => w.effectiveFrom), activatedBy: withdrawn.map((w) => w.activatedBy) },
      address,
    }));
    if (outcome.status === 'withdrawn') return outcome.withdrawn;
    if (outcome.status === 'in_effect') {
      const since = formatShanghai(outcome.activation.effectiveFrom);
      throw new PolicyError(
        'ALREADY_IN_EFFECT',
        `版本 ${version} 已于 ${since}(北京时间)生效,不能再撤回;请启用另一版本来取代它。`,
        `Version ${version} took effect at ${since} (Asia/Shanghai) and can no longer be withdrawn; activate another version to replace it.`,
        { effectiveFrom: outcome.activation.effectiveFrom },
      );
    }
    throw new PolicyError('NOT_SCHEDULED', `版本 ${version} 没有待生效的启用,无需撤回。`, `Version ${version} has no scheduled activation to withdraw.`);
  };
}

/**
 * A withdrawn activation keeps its row, and with it its place (version × instant) in the unique key: scheduling the
 * version again for the same instant takes effect a millisecond later per withdrawal, which no page or date shows.
 */
export async function laterThanWithdrawals(store: PolicyStore, versionId: number, from: Date): Promise<Date> {
  const taken = new Set((await store.listWithdrawals()).filter((w) => w.policyVersionId === versionId).map((w) => Date.parse(w.effectiveFrom)));
  let t = from.getTime();
  while (taken.has(t)) t += 1;
  return new Date(t);
}
