// Which compiled policy decides at an instant. Versions never change once stored, so each is compiled
// once; only the list of activations is re-read, at most every `refreshMs`, so that a version activated
// through another server instance is used here within seconds without a reload per request.
import { compilePolicy, type CompiledPolicy } from '../policy/compiled-policy.ts';
import type { PolicyActivationRecord } from '../policy/policy-store.ts';
import { PolicyError } from '../policy/policy-error.ts';
import type { PolicyService } from '../policy/policy-service.ts';

export interface PolicyCache {
  at(instant: Date): Promise<CompiledPolicy | null>;
  /** A version by number, activated or not (e.g. the one a stored deadline was computed with). */
  version(version: number): Promise<CompiledPolicy | null>;
  /** Forget the activation list, e.g. right after this instance activated a version. */
  invalidate(): void;
}

export function createPolicyCache(policies: PolicyService, options: { refreshMs?: number; clock?: () => number } = {}): PolicyCache {
  const refreshMs = options.refreshMs ?? 2000;
  const clock = options.clock ?? Date.now;
  let activations: { from: number; record: PolicyActivationRecord }[] = [];
  let loadedAt = -Infinity;
  let loading: Promise<void> | null = null;
  const compiled = new Map<number, Promise<CompiledPolicy>>();

  let loadedOnce = false;

  async function refresh(): Promise<void> {
    if (clock() - loadedAt < refreshMs) return;
    loading ??= policies
      .activations()
      .then(
        (list) => {
          // Compared as numbers: formatting every request's instant as ISO text would cost more than the decision.
          activations = list.map((record) => ({ from: Date.parse(record.effectiveFrom), record }));
          loadedAt = clock();
          loadedOnce = true;
        },
        (err: unknown) => {
          // The database is where activations change, so while it cannot be read the list last read is still
          // the truth: decisions go on from it (and from the versions already compiled) through an outage, and
          // the list is asked for again after refreshMs. Without a list there is nothing to decide from.
          if (!loadedOnce) throw err;
          loadedAt = clock();
        },
      )
      .finally(() => (loading = null));
    await loading;
  }

  function compiledVersion(ref: { id: number; version: number }): Promise<CompiledPolicy> {
    let found = compiled.get(ref.version);
    if (!found) {
      found = policies.getRules(ref.version).then((doc) => compilePolicy(ref, doc));
      found.catch(() => compiled.delete(ref.version));
      compiled.set(ref.version, found);
    }
    return found;
  }

  return {
    async at(instant) {
      if (clock() - loadedAt >= refreshMs) await refresh();
      const t = instant.getTime();
      // The list comes newest effective date first, the later activation first on a tie.
      const activation = activations.find((a) => a.from <= t);
      return activation ? compiledVersion({ id: activation.record.policyVersionId, version: activation.record.version }) : null;
    },
    async version(version) {
      if (compiled.has(version)) return compiled.get(version)!;
      // A missing version is an answer; a database failure is not, and must not be remembered as one.
      const record = await policies.getVersion(version).catch((err: unknown) => {
        if (err instanceof PolicyError && err.code === 'VERSION_NOT_FOUND') return null;
        throw err;
      });
      return record ? compiledVersion({ id: record.id, version: record.version }) : null;
    },
    invalidate() {
      loadedAt = -Infinity;
    },
  };
}
