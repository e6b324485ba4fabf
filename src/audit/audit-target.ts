// What an audit entry's target names. Targets were written by each area in its own way over time: most as
// `kind:id` (policy:2, contract:3, request:12, token:4, and a contract year as contract:3:2026-10-31), quotes by
// their bare number and users by their bare name. The kind is read here once, from the target and the action,
// and stored beside the entry (audit_log.target_kind), so the log can be filtered by it with an index.

export const TARGET_KINDS = ['policy', 'contract', 'customer', 'quote', 'request', 'user', 'token', 'outbox', 'file'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Kinds written as `kind:id`. */
const PREFIXED: readonly TargetKind[] = ['policy', 'contract', 'customer', 'request', 'token', 'outbox', 'quote', 'user'];

/** Actions whose bare target is of one kind: quotes by number, users by name, an import by its file name. */
const BARE_BY_AREA: Record<string, TargetKind> = { quote: 'quote', user: 'user', auth: 'user', contract: 'file' };

export function isTargetKind(value: string): value is TargetKind {
  return (TARGET_KINDS as readonly string[]).includes(value);
}

/** The kind of thing `target` names, or null when it names nothing the log knows (or there is none). */
export function targetKindOf(action: string, target: string | null): TargetKind | null {
  if (!target) return null;
  const prefix = /^([a-z]+):/.exec(target)?.[1];
  if (prefix && (PREFIXED as readonly string[]).includes(prefix)) return prefix as TargetKind;
  return BARE_BY_AREA[action.split('.')[0] ?? ''] ?? null;
}

export interface TargetRef {
  kind: TargetKind | null;
  /** The id within its kind: a number, a quote number, a user name, a file name; the whole target when unknown. */
  id: string;
  /** A contract year's report (contract:3:2026-10-31): its last day. */
  yearEnd: string | null;
}

export function parseTarget(action: string, target: string): TargetRef {
  const kind = targetKindOf(action, target);
  const prefixed = kind !== null && target.startsWith(`${kind}:`);
  const rest = prefixed ? target.slice(kind.length + 1) : target;
  const year = kind === 'contract' ? /^(\d+):(\d{4}-\d{2}-\d{2})$/.exec(rest) : null;
  return { kind, id: year ? year[1]! : rest, yearEnd: year ? year[2]! : null };
}

/**
 * What the target filter matches for one typed target: itself, and for a contract its contract years too
 * (contract:3 finds contract:3:2026-10-31, a report re-issued or reviewed). Typed as the list shows it.
 */
export function targetFilterOf(target: string): { exact: string; childrenPrefix: string | null } {
  const trimmed = target.trim();
  return { exact: trimmed, childrenPrefix: /^contract:\d+$/.test(trimmed) ? `${trimmed}:` : null };
}
