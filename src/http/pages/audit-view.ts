// An audit entry as people read it: the action by name, the target as a link to what it names (with the
// customer's name where one query per page finds it), the address as typed by a person (127.0.0.1, not
// ::ffff:127.0.0.1), and the details as one short line instead of JSON. The page and its xlsx export share it.
import { parseTarget, type TargetRef } from '../../audit/audit-target.ts';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.ts';
import type { TargetNames } from '../../audit/audit-repository.ts';
import { formatShanghai } from '../../calendar/instants.ts';
import { OFFERING_NAMES, TIER_NAMES, serviceName } from '../../catalog/catalog-names.ts';
import { isOffering, isTier } from '../../catalog/catalog-codes.ts';
import { formatBasisPoints, formatYuan } from '../../quote/money.ts';
import type { Lang } from '../i18n.ts';
import { LABELS } from '../labels.ts';
import { AUDIT_ACTION_WORDS, AUDIT_DETAIL_WORDS, AUDIT_WORDS, TARGET_KIND_WORDS } from '../words/audit-words.ts';

export interface AuditRowView {
  id: number;
  at: string;
  actor: string;
  via: string | null;
  action: string;
  actionName: string;
  target: { text: string; href: string | null } | null;
  address: string | null;
  details: string | null;
}

export function actionName(action: string, lang: Lang): string {
  return AUDIT_ACTION_WORDS[action]?.[lang] ?? action;
}

/** 127.0.0.1 for ::ffff:127.0.0.1 (IPv4 seen through an IPv6 socket), 本机 for the loopback addresses. */
export function normaliseAddress(address: string | null, lang: Lang): string | null {
  if (!address) return null;
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  if (plain === '::1' || plain === '127.0.0.1') return `${AUDIT_WORDS.auditLocalhost[lang]} (${plain})`;
  return plain;
}

type Names = Record<string, { zh: string; en: string }>;

/** Codes the details hold, by name: the sign-in refusals and what an override went beyond have no label elsewhere. */
const DETAIL_CODES: Names = {
  invalid: { zh: '用户名或密码错误', en: 'wrong username or password' },
  rate_limited: { zh: '尝试过多,被限制', en: 'too many tries, held back' },
  address: { zh: '地址', en: 'address' },
  account: { zh: '账号', en: 'account' },
  per_use: { zh: '每次人天', en: 'person-days per use' },
  onsite: { zh: '非现场', en: 'off-site only' },
  count: { zh: '年度次数', en: 'uses a year' },
  person_days: { zh: '购买人天', en: 'person-days bought' },
};

/** The label list a field's codes come from; `from` and `to` take the one of what the action changes. */
function codeNamesOf(key: string, action: string): Names | null {
  const field = key === 'from' || key === 'to' ? ({ 'user.role': 'role', 'request.state': 'state', 'request.priority': 'priority' } as Record<string, string>)[action] : key;
  if (field === 'role') return LABELS.role;
  if (field === 'state') return LABELS.requestState;
  if (field === 'priority') return LABELS.priority;
  if (field === 'status') return LABELS.quoteStatus;
  if (field === 'kind') return LABELS.commentKind;
  // A reason is typed text everywhere but in a refused sign-in, where it is one of two codes.
  if (((field === 'reason' || field === 'by') && action === 'auth.sign_in_failed') || field === 'exceeded') return DETAIL_CODES;
  return null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_LINE = 300;

function valueText(key: string, value: unknown, lang: Lang, action = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
  if (typeof value === 'number') {
    if (key === 'totalFen') return formatYuan(value, { symbol: true });
    if (key === 'discountBasisPoints') return formatBasisPoints(value);
    // customerId, contractId, reviewId, outboxId, usage: record numbers, as the pages write them.
    if (/Id$/.test(key) || key === 'usage') return `#${value}`;
    return String(value);
  }
  if (typeof value === 'string') {
    if (key === 'service') return serviceName(value, lang);
    if (key === 'offering' && isOffering(value)) return OFFERING_NAMES[value].short[lang];
    if (key === 'tier' && isTier(value)) return TIER_NAMES[value][lang];
    if (ISO_INSTANT.test(value)) return formatShanghai(value);
    const named = codeNamesOf(key, action)?.[value];
    return named ? named[lang] : value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => valueText(key, v, lang, action)).join('、');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A contact, a purchased service, an activation withdrawn: their telling fields, not their shape.
    if (typeof o.name === 'string') return o.email ? `${o.name} <${String(o.email)}>` : o.name;
    if (typeof o.service === 'string') return `${serviceName(o.service, lang)}${o.personDays ? ` ${String(o.personDays)}${lang === 'zh' ? ' 人天' : ' person-days'}` : ''}`;
    return fieldsText(o, lang, action);
  }
  return String(value);
}

const label = (key: string, lang: Lang) => AUDIT_DETAIL_WORDS[key]?.[lang] ?? key;

function fieldsText(details: Record<string, unknown>, lang: Lang, action: string): string {
  const sep = lang === 'zh' ? ':' : ': ';
  return Object.entries(details)
    .map(([k, v]) => `${label(k, lang)}${sep}${valueText(k, v, lang, action)}`)
    .join(lang === 'zh' ? ';' : '; ');
}

/** The details as one line: "名称:甲 → 乙" for a change, "服务:代码诊断;人天:2 …" otherwise; cut at 300 characters. */
export function detailsLine(details: Record<string, unknown> | null, lang: Lang, action = ''): string | null {
  if (!details || Object.keys(details).length === 0) return null;
  const { before, after, ...rest } = details as { before?: unknown; after?: unknown } & Record<string, unknown>;
  const parts: string[] = [];
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    const sep = lang === 'zh' ? ':' : ': ';
    for (const key of Object.keys(after)) {
      parts.push(`${label(key, lang)}${sep}${valueText(key, (before as Record<string, unknown>)[key], lang, action)} → ${valueText(key, (after as Record<string, unknown>)[key], lang, action)}`);
    }
  } else if (after && typeof after === 'object') {
    parts.push(fieldsText(after as Record<string, unknown>, lang, action));
  }
  if (Object.keys(rest).length) parts.push(fieldsText(rest, lang, action));
  const line = parts.join(lang === 'zh' ? ';' : '; ');
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** The ids of a page's targets, for one name lookup per kind. */
export function targetRefsOf(entries: AuditEntry[]) {
  const refs = { customers: [] as number[], contracts: [] as number[], requests: [] as number[], quotes: [] as string[], users: [] as string[] };
  for (const e of entries) {
    if (!e.target) continue;
    const t = parseTarget(e.action, e.target);
    if (t.kind === 'customer') refs.customers.push(Number(t.id));
    if (t.kind === 'contract') refs.contracts.push(Number(t.id));
    if (t.kind === 'request') refs.requests.push(Number(t.id));
    if (t.kind === 'quote') refs.quotes.push(t.id);
    if (t.kind === 'user') refs.users.push(t.id);
  }
  return refs;
}

const NUMBERED_PAGES = { policy: '/policies/', customer: '/customers/', request: '/requests/', outbox: '/outbox/' } as const;

/** Links the viewer may follow: a user's admin page is for those who manage users (a manager reads the log, not users). */
export interface LinkOptions {
  userPages: boolean;
}

function hrefOf(t: TargetRef, names: TargetNames, links: LinkOptions): string | null {
  const id = encodeURIComponent(t.id);
  switch (t.kind) {
    case 'policy':
    case 'customer':
    case 'request':
    case 'outbox':
      return /^\d+$/.test(t.id) ? `${NUMBERED_PAGES[t.kind]}${id}` : null;
    case 'contract':
      if (!/^\d+$/.test(t.id)) return null;
      return t.yearEnd ? `/reports/yearly/${id}/${t.yearEnd}` : `/contracts/${id}`;
    case 'quote':
      return `/quotes/${id}`;
    case 'user': {
      // By id, as the admin pages address users; an unknown name (kept as "(未知用户) #1a2b3c4d") or a deleted user has none.
      const userId = names.users.get(t.id);
      return links.userPages && userId ? `/admin/users/${userId}` : null;
    }
    default:
      return null;
  }
}

function nameOf(t: TargetRef, names: TargetNames): string | null {
  if (t.kind === 'customer') return names.customers.get(Number(t.id)) ?? null;
  if (t.kind === 'contract') return names.contracts.get(Number(t.id)) ?? null;
  if (t.kind === 'request') return names.requests.get(Number(t.id)) ?? null;
  if (t.kind === 'quote') return names.quotes.get(t.id) ?? null;
  return null;
}

/** "合同 #3 · 甲公司", "合同 #3 · 2026-10-31 年度报告", "报价单 Q2026-0001 · 甲公司", "用户 alice". */
function targetText(t: TargetRef, name: string | null, lang: Lang): string {
  const kind = t.kind ? TARGET_KIND_WORDS[t.kind][lang] : null;
  const numbered = t.kind && ['policy', 'contract', 'customer', 'request', 'token', 'outbox'].includes(t.kind) && /^\d+$/.test(t.id);
  let text = kind ? `${kind} ${numbered ? '#' : ''}${t.id}` : t.id;
  if (t.yearEnd) text += ` · ${t.yearEnd} ${lang === 'zh' ? '年度报告' : 'yearly report'}`;
  if (name) text += ` · ${name}`;
  return text;
}

export function rowView(entry: AuditEntry, names: TargetNames, lang: Lang, links: LinkOptions = { userPages: false }): AuditRowView {
  const t = entry.target ? parseTarget(entry.action, entry.target) : null;
  return {
    id: entry.id,
    at: entry.at,
    actor: entry.actor === 'system' ? AUDIT_WORDS.auditSystem[lang] : entry.actor,
    via: entry.via,
    action: entry.action,
    actionName: actionName(entry.action, lang),
    target: t ? { text: targetText(t, nameOf(t, names), lang), href: hrefOf(t, names, links) } : null,
    address: normaliseAddress(entry.address, lang),
    details: detailsLine(entry.details, lang, entry.action),
  };
}

/** The page's rows with their targets' names, looked up once for the page. */
export async function rowViews(audit: AuditLog, entries: AuditEntry[], lang: Lang, links: LinkOptions = { userPages: false }): Promise<AuditRowView[]> {
  const names = await audit.targetNames(targetRefsOf(entries));
  return entries.map((e) => rowView(e, names, lang, links));
}
