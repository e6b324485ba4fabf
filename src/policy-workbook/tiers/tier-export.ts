// The tier tables written back in the standard layout (服务项目 | 基础服务 | 优选服务 | 尊享服务 | 代码, or
// Service item | Basic | Preferred | Premium | Code): each cell says what re-imports to the same grant, as typed, and
// a value every tier shares is one merged cell.
import { TIERS, type ServiceKind } from '../../catalog/catalog-codes.ts';
import type { Catalog, TierGrant } from '../../catalog/catalog.ts';
import { rowOf } from '../../workbook/xlsx-refs.ts';
import { entriesOf, titleOf } from '../catalog-tables.ts';
import { parseTierCell } from '../cell-vocabulary.ts';
import { normalizeCellText } from '../../workbook/cell-text.ts';
import { headerIn, type WorkbookLang } from '../column-words.ts';
import { CODE_WORDS } from '../service-names.ts';
import { TIER_NAME_WORDS, TIER_WORDS } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';

/** The header of a tier table in a language. */
export const tierTableHeader = (lang: WorkbookLang): string[] => [headerIn(TIER_NAME_WORDS, lang), ...TIERS.map((t) => headerIn(TIER_WORDS[t], lang)), headerIn(CODE_WORDS, lang)];
export const TIER_TABLE_HEADER = tierTableHeader('zh');
/** What a tier table is titled when its workbook gave it no title. */
export const TIER_TABLE_TITLE = { zh: '服务产品目录', en: 'Service catalog' };
export const TIER_TABLE_WIDTHS = [30, 34, 34, 34, 20];

/** The deliverables a cell's text reads as, or null when it does not read at all. */
function deliverablesOf(text: string, kind: ServiceKind): string[] | null {
  const parsed = parseTierCell(text, kind);
  if (!parsed.ok) return null;
  const { meaning } = parsed;
  return meaning.kind === 'deliverables' ? meaning.items : meaning.kind === 'quota' ? [meaning.item] : [];
}

/**
 * `text` lost the cell's line breaks, which may have been what separated its items ("• a⏎• b"):
 * put a line break back after each item but the last.
 */
function brokenAtItems(grant: TierGrant): string {
  let out = '';
  let from = 0;
  grant.deliverables.forEach((item, i) => {
    const at = grant.text.indexOf(item, from);
    if (at < 0 || i === grant.deliverables.length - 1) return;
    out += `${grant.text.slice(from, at + item.length)}\n`;
    from = at + item.length;
  });
  return out + grant.text.slice(from);
}

/**
 * What to write in a tier cell so that re-importing it gives the same grant: the same normalised
 * text and the same deliverables. Numbered deliverables go one per line, as a person would type them.
 */
function cellText(grant: TierGrant, kind: ServiceKind): string {
  const candidates = [grant.text, brokenAtItems(grant)];
  if (grant.deliverables.length > 1 && !grant.quota) {
    // Numbered as it was typed, 1、 in Chinese or 1. in English: whichever reads back to the same text.
    for (const mark of ['. ', '、']) candidates.unshift(grant.deliverables.map((d, i) => `${i + 1}${mark}${d}`).join('\n'));
  }
  const wanted = JSON.stringify(grant.deliverables);
  return (
    candidates.find((c) => normalizeCellText(c) === grant.text && JSON.stringify(deliverablesOf(c, kind)) === wanted) ?? grant.text
  );
}
export function tierTables(catalog: Catalog, lang: WorkbookLang = 'zh'): ExportedTable[] {
  return catalog.tables
    .filter((table) => table.kind === 'tiers')
    .map((table) => {
      const entries = entriesOf(catalog, table, catalog.tierServices);
      return {
        sheet: table.sheet,
        row: rowOf(table.headerCell),
        table: {
          sheet: table.sheet,
          title: titleOf(table, TIER_TABLE_TITLE, lang),
          header: tierTableHeader(lang),
          rows: entries.map((e) => [e.label, ...TIERS.map((t) => cellText(e.grants[t], e.kind)), e.service]),
          mergeWhenEqual: [2, 1 + TIERS.length],
          widths: TIER_TABLE_WIDTHS,
        },
      };
    });
}
