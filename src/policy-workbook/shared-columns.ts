// The column names and cell words that several sheet kinds share: the name columns of the catalog's tables, the
// columns and words that scope a row to an offering, a tier or any (部署 | 服务产品, 全部), and how a service is
// named back in a cell. Calendar assignments and prices are scoped as the catalog's tables name things, so they
// read the same words; here each is defined once, and no kind reads another kind's parser for them.
import { OFFERINGS, SPECIAL_SERVICES, TIER_SERVICES, TIERS, isOffering, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import { TIER_NAMES } from '../catalog/catalog-names.ts';
import { matchKey } from '../workbook/cell-text.ts';
import { matchesHeader } from '../workbook/grid-columns.ts';
import { columnWords, type ColumnWords } from './column-words.ts';
import { offeringHint } from './offering-hints.ts';

/** The item column of a tier table (服务项目); a calendar assignment names a service under it too. */
export const TIER_NAME_WORDS = columnWords(['服务项目'], ['Service item', 'Service items', 'Service', 'Item']);
export const TIER_NAME_HEADERS = TIER_NAME_WORDS.all;
export const SPECIAL_NAME_WORDS = columnWords(['专项服务产品'], ['Special service', 'Special services', 'Special service product']);
export const SPECIAL_NAME_HEADERS = SPECIAL_NAME_WORDS.all;
export const DESCRIPTION_WORDS = columnWords(
  ['主要服务内容说明', '服务内容说明', '服务内容', '说明', '描述'],
  ['Description', 'Main service content', 'Service description', 'What it covers'],
);
export const DESCRIPTION_HEADERS = DESCRIPTION_WORDS.all;

/** A tier's column in a tier table, and how a cell names the tier: its name, its short name, its English name. */
export const TIER_WORDS: Record<Tier, ColumnWords> = {
  basic: columnWords([TIER_NAMES.basic.zh, TIER_NAMES.basic.short], [TIER_NAMES.basic.en, 'Basic service', 'Basic tier']),
  preferred: columnWords([TIER_NAMES.preferred.zh, TIER_NAMES.preferred.short], [TIER_NAMES.preferred.en, 'Preferred service', 'Preferred tier']),
  premium: columnWords([TIER_NAMES.premium.zh, TIER_NAMES.premium.short], [TIER_NAMES.premium.en, 'Premium service', 'Premium tier']),
};

/** How a tier's column is headed in a tier table, and how a cell names the tier. */
export function tierHeaderNames(tier: Tier): readonly string[] {
  return TIER_WORDS[tier].all;
}

/** docs/domain.md's own layout states each service's availability per offering in columns of ✓ and blanks. */
export const OFFERING_COLUMN_WORDS: Record<Offering, ColumnWords> = {
  cloud: columnWords(['公有云', '公有云(SaaS)'], ['Public Cloud', 'SaaS', 'Public cloud (SaaS)', 'Cloud']),
  on_premise: columnWords(['私有云', '私有云(On Premise)', '本地部署'], ['On Premise', 'On-Premise', 'On premises', 'Private Cloud', 'on_premise']),
};
export const OFFERING_COLUMN_HEADERS: Record<Offering, readonly string[]> = {
  cloud: OFFERING_COLUMN_WORDS.cloud.all,
  on_premise: OFFERING_COLUMN_WORDS.on_premise.all,
};

/** The column that scopes a row to an offering (calendar assignments, tier and service prices). */
export const SCOPE_OFFERING_WORDS = columnWords(['部署', '部署形态', '部署方式'], ['Offering', 'Deployment']);
export const SCOPE_OFFERING_HEADERS = SCOPE_OFFERING_WORDS.all;
/** The column that scopes a row to a tier; the corner of a tier table turned on its side says it too. */
export const SCOPE_TIER_WORDS = columnWords(['服务产品', '服务等级'], ['Tier', 'Service tier', 'Service product', 'Service level']);
export const SCOPE_TIER_HEADERS = SCOPE_TIER_WORDS.all;

export function offeringOf(text: string): Offering | null {
  if (isOffering(text)) return text;
  return OFFERINGS.find((o) => matchesHeader(OFFERING_COLUMN_HEADERS[o], text)) ?? offeringHint(text);
}

export function tierOf(text: string): Tier | null {
  return TIERS.find((t) => matchesHeader(tierHeaderNames(t), text)) ?? null;
}

/** What a scope cell says for "any", and what an export writes there. */
export const ANY = '全部';

/** Whole-cell words meaning "no restriction" in a scope column. */
const ANY_WORDS = new Set(['', ANY, '所有', '任意', '不限', '*', 'all', 'any', 'every', '(all)']);

export function isAnyText(text: string): boolean {
  return ANY_WORDS.has(matchKey(text));
}

/** docs/domain.md's name when the service has one, else its code: either reads back to the same code. */
export function serviceText(service: string): string {
  return [...TIER_SERVICES, ...SPECIAL_SERVICES].find((d) => d.code === service)?.names[0] ?? service;
}
