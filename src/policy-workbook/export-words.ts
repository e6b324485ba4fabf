// The words an export itself authors, in the language asked for: what a scope cell says for an offering, a tier,
// a service or "any", and the titles and sheet names it falls back on when the workbook typed none. Everything
// here reads back to the same meaning in either language; what people typed (labels, cell texts, their titles and
// sheet names) is never translated, since the rules quote it.
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import { SERVICE_NAMES, type Names } from '../catalog/catalog-names.ts';
import { headerIn, type ColumnWords, type WorkbookLang } from './column-words.ts';
import { ANY, OFFERING_COLUMN_WORDS, TIER_WORDS, serviceText } from './shared-columns.ts';

/** 公有云 / Public Cloud, 私有云 / On Premise: an offering column's first word, which a scope cell reads too. */
export const offeringIn = (offering: Offering, lang: WorkbookLang): string => headerIn(OFFERING_COLUMN_WORDS[offering], lang);

/** 基础服务 / Basic. */
export const tierIn = (tier: Tier, lang: WorkbookLang): string => headerIn(TIER_WORDS[tier], lang);

/** 全部 / All: no restriction in a scope column. */
export const anyIn = (lang: WorkbookLang): string => (lang === 'en' ? 'All' : ANY);

/** docs/domain.md's name for a known service in the language (catalog-codes.ts lists both), else its code. */
export function serviceIn(service: string, lang: WorkbookLang): string {
  return lang === 'en' ? (SERVICE_NAMES[service]?.en ?? service) : serviceText(service);
}

/** A window or target in English words the Chinese reader reads too: 0.5 working day, 2 working days, 4 working hours. */
export function englishWindow(window: { amount: number; unit: 'working_day' | 'working_hour' }): string {
  const unit = window.unit === 'working_day' ? 'working day' : 'working hour';
  return `${window.amount} ${unit}${window.amount > 1 ? 's' : ''}`;
}

/** A table an export writes: its title and its columns' words in every language. */
export interface TableSpec {
  title: Names;
  columns: readonly ColumnWords[];
  widths: number[];
}

/** The table as written in a language: the title, and each column headed with its first word there. */
export function layoutIn(spec: TableSpec, lang: WorkbookLang): { title: string; header: string[]; widths: number[] } {
  return { title: spec.title[lang], header: spec.columns.map((words) => headerIn(words, lang)), widths: spec.widths };
}
