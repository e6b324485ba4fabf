// How report figures read, shared by the e-mails and the workbook so both show the same numbers.
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../catalog/catalog-names.ts';
import { formatShanghai } from '../calendar/instants.ts';
import { reportText, type ReportLang } from './report-i18n.ts';
import type { AdviceHeading } from './report-types.ts';

export const NOT_AVAILABLE = '—';

/** `2026-11-28 10:30`, Asia/Shanghai, from a UTC ISO instant. */
export function formatInstant(iso: string | null | undefined): string {
  return iso ? formatShanghai(iso) : NOT_AVAILABLE;
}

/** Working hours with at most two decimals and no trailing zeros: 1.5, 4, 0.25. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return NOT_AVAILABLE;
  const rounded = Math.round(hours * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** 9375 → `93.75%`; null (nothing judged yet) → `—`, never 0% or 100%. */
export function formatBasisPointsPercent(bp: number | null | undefined): string {
  if (bp === null || bp === undefined || !Number.isFinite(bp)) return NOT_AVAILABLE;
  return `${formatHours(bp / 100)}%`;
}

/** Basis points as the fraction Excel formats with 0.00%. */
export function basisPointsFraction(bp: number | null): number | null {
  return bp === null || !Number.isFinite(bp) ? null : bp / 10000;
}

export function offeringName(offering: Offering, lang: ReportLang): string {
  return OFFERING_NAMES[offering]?.product[lang] ?? offering;
}

export function tierName(tier: Tier, lang: ReportLang): string {
  return TIER_NAMES[tier]?.[lang] ?? tier;
}

/** Bars of a month: met, breached, other, and the empty rest of the track, each in whole percent. */
export interface BarCell {
  kind: 'met' | 'breached' | 'other' | 'rest';
  width: number;
}

/** Cells of width 0 are left out (a 0% cell still shows in some clients); an all-zero month is an empty track. */
export function barCells(bar: { metWidth: number; breachedWidth: number; otherWidth: number }): BarCell[] {
  const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(Number.isFinite(n) ? n : 0)));
  const cells: BarCell[] = [];
  let used = 0;
  for (const [kind, width] of [['met', bar.metWidth], ['breached', bar.breachedWidth], ['other', bar.otherWidth]] as const) {
    const w = Math.min(clamp(width), 100 - used);
    if (w > 0) cells.push({ kind, width: w });
    used += w;
  }
  if (used < 100) cells.push({ kind: 'rest', width: 100 - used });
  return cells;
}

/** The same bar in 20 characters of plain text: = met, x breached, - other, . empty; a non-zero part keeps one mark. */
export function textBar(cells: BarCell[]): string {
  const marks: Record<BarCell['kind'], string> = { met: '=', breached: 'x', other: '-', rest: '.' };
  const parts = cells.filter((c) => c.kind !== 'rest').map((c) => ({ mark: marks[c.kind], n: Math.max(1, Math.round(c.width / 5)) }));
  for (let total = parts.reduce((s, p) => s + p.n, 0); total > 20; total--) {
    parts.reduce((a, b) => (b.n > a.n ? b : a)).n--;
  }
  return parts.map((p) => p.mark.repeat(p.n)).join('').padEnd(20, '.');
}

const ADVICE_HEADINGS: Record<AdviceHeading, string> = { expert: 'adviceExpert', system: 'adviceSystem', draft: 'adviceDraft', suggestions: 'adviceSuggestions' };

/** The heading of a report's advice, in words: 总部专家建议 only for lines an expert approved. */
export function adviceHeading(advice: { heading: AdviceHeading }, lang: ReportLang): string {
  return reportText(ADVICE_HEADINGS[advice.heading] ?? 'adviceSuggestions', lang);
}
