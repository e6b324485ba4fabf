// What changes in the 解决时限 tables when one rules document replaces another, by offering × tier × service.
import type { Offering, Tier } from '../../catalog/catalog-codes.ts';
import type { ResponseWindow } from '../../catalog/catalog.ts';
import type { AnyRule } from '../rules-base.ts';
import { diffKeyed, same, type ChangeKind } from '../keyed-diff.ts';
import { isResolutionRule, type ResolutionParams } from './resolution-rules.ts';

export interface ResolutionTargetChange {
  kind: ChangeKind;
  offering: Offering | null;
  tier: Tier | null;
  service: string | null;
  /** The target before and after; null when no row stated one (resolutions are then not judged). */
  from: ResponseWindow | null;
  to: ResponseWindow | null;
}

const targetsOf = (doc: { rules: AnyRule[] } | null) =>
  new Map<string, ResolutionParams>((doc?.rules ?? []).flatMap((r) => (isResolutionRule(r) ? [[`${r.event.params.offering}|${r.event.params.tier}|${r.event.params.service}`, r.event.params] as const] : [])));

/** Sets nothing when no target changed, so a diff without them keeps its old shape. */
export function diffResolutions(before: { rules: AnyRule[] } | null, after: { rules: AnyRule[] }, into: { resolutionTargets?: ResolutionTargetChange[] }): void {
  const changes = diffKeyed(targetsOf(before), targetsOf(after), (kind, was, now) => {
    if (kind === 'changed' && same(was!.window, now!.window)) return null;
    const p = (now ?? was)!;
    return { kind, offering: p.offering, tier: p.tier, service: p.service, from: was?.window ?? null, to: now?.window ?? null };
  });
  if (changes.length > 0) into.resolutionTargets = changes;
}
