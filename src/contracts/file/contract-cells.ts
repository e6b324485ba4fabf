// The spellings people type into a contract file's cells (部署, 服务产品, dates, e-mail) and what each
// one means. Pure text handling, so the contract reader can report a bad cell with the form it expected.
import { TIERS, type Offering, type Tier } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../../catalog/catalog-names.ts';
import { parseEmailAddress } from '../../shared/email-address.ts';
import { matchKey, normalizeCellText } from '../../workbook/cell-text.ts';

const OFFERING_SPELLINGS: Record<Offering, readonly string[]> = {
  cloud: ['公有云', '云', 'SaaS', 'cloud', 'public cloud', '金蝶云星空', OFFERING_NAMES.cloud.product.zh, OFFERING_NAMES.cloud.product.en],
  on_premise: ['私有云', 'On Premise', 'On Premises', 'On-Premise', '本地部署', 'on_premise', OFFERING_NAMES.on_premise.product.zh, OFFERING_NAMES.on_premise.product.en],
};

const OFFERING_BY_KEY = new Map<string, Offering>(
  (Object.entries(OFFERING_SPELLINGS) as [Offering, readonly string[]][]).flatMap(([offering, names]) => names.map((n) => [matchKey(n), offering] as const)),
);

// "金蝶云星空(私有云)" and "金蝶云星空 SaaS" name the product and then the offering.
const PRODUCT_PREFIX = /^金蝶云星空\(?(.+?)\)?$/u;

export function parseOffering(text: string): Offering | null {
  const key = matchKey(text);
  const direct = OFFERING_BY_KEY.get(key);
  if (direct) return direct;
  const inner = PRODUCT_PREFIX.exec(key)?.[1];
  return inner === undefined ? null : (OFFERING_BY_KEY.get(inner) ?? null);
}

const TIER_BY_KEY = new Map<string, Tier>(
  TIERS.flatMap((tier) => [TIER_NAMES[tier].zh, TIER_NAMES[tier].short, TIER_NAMES[tier].en, tier].map((n) => [matchKey(n), tier] as const)),
);

export function parseTier(text: string): Tier | null {
  return TIER_BY_KEY.get(matchKey(text)) ?? null;
}

// An optional time of day, as Excel's CSV export writes a date-time cell ("2026/1/1 0:00"); it is dropped.
const TIME = '(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?';
const SEPARATED = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TIME}$`, 'u');
const CHINESE = new RegExp(`^(\\d{4})年(\\d{1,2})月(\\d{1,2})[日号]?${TIME}$`, 'u');
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/u;
// A date cell formatted as General (or a number exported as text) shows Excel's day count: 46023 is 2026-01-01.
// Five digits cover 1927-2173; a shorter number is a typo, not a date in 1900.
const SERIAL = /^(\d{5})(?:\.\d+)?$/u;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2026-02-30 over into March; a real calendar date survives the round trip.
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` for a real calendar date in any accepted spelling, else null. */
export function parseContractDate(text: string): string | null {
  const norm = normalizeCellText(text);
  const separated = SEPARATED.exec(norm);
  if (separated) return isoDate(Number(separated[1]), Number(separated[3]), Number(separated[4]));
  const chinese = CHINESE.exec(norm) ?? COMPACT.exec(norm);
  if (chinese) return isoDate(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]));
  const serial = SERIAL.exec(norm);
  if (serial) return new Date(EXCEL_EPOCH_MS + Number(serial[1]) * DAY_MS).toISOString().slice(0, 10);
  return null;
}

/**
 * The address as typed (full-width forms made plain, a `mailto:` dropped), or null when it is not exactly one
 * plain address: the rule the API and the pages apply (src/shared/email-address.ts).
 */
export function parseEmail(text: string): string | null {
  return parseEmailAddress(normalizeCellText(text).replace(/^mailto:/iu, ''));
}

// Invisible characters pasted from web pages and phones; names keep their own punctuation otherwise
// (a company's full-width （集团） is part of its registered name).
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;

/** A name as typed, with invisible characters dropped and runs of spaces and line breaks made one space. */
export function cleanName(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}
