// How two versions of a keyed list differ, the same way for every sheet kind: entries by key, in the order of the
// new version, removals after everything it still has. What counts as a change is each kind's to say.

export type ChangeKind = 'added' | 'removed' | 'changed';

/** Keyed maps in document order; removals are listed after everything `after` still has. */
export function diffKeyed<T, C>(before: Map<string, T>, after: Map<string, T>, change: (kind: ChangeKind, was: T | undefined, now: T | undefined) => C | null): C[] {
  const out: C[] = [];
  for (const [key, now] of after) {
    const was = before.get(key);
    const c = was === undefined ? change('added', undefined, now) : change('changed', was, now);
    if (c) out.push(c);
  }
  for (const [key, was] of before) {
    if (after.has(key)) continue;
    const c = change('removed', was, undefined);
    if (c) out.push(c);
  }
  return out;
}

/** Two values the same as JSON: what a diff compares, so that only a change of value counts. */
export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
