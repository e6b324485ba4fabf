// The versioned artefact: a catalog turned into json-rules-engine rules, with where each came from. Each sheet kind
// builds its part (SHEET_KINDS, in order: entitlements, special services, calendar assignments, then the sections
// beside the rules) and reads it back; the types here name the whole document as it is stored.
import { emptyCatalog, type Catalog, type CatalogTable } from '../catalog/catalog.ts';
import type { CellRef } from '../catalog/cell-ref.ts';
import type { CalendarRule, CalendarsSection } from './calendars/calendar-rules.ts';
import type { PricesSection } from './prices/price-rules.ts';
import type { ResolutionRule } from './resolutions/resolution-rules.ts';
import type { RuleSource } from './rules-base.ts';
import { SHEET_KINDS } from './sheet-kinds.ts';
import type { SpecialServiceRule } from './specials/special-rules.ts';
import type { TestCaseRecord } from './test-cases/case-rules.ts';
import type { EntitlementRule } from './tiers/tier-rules.ts';


export const RULES_FORMAT = 'entitle.rules/v1';

export type PolicyRule = EntitlementRule | SpecialServiceRule | CalendarRule | ResolutionRule;

export interface RulesDocument {
  format: typeof RULES_FORMAT;
  workbookSha256: string;
  tables: CatalogTable[];
  rules: PolicyRule[];
  /** Absent when the workbook has no 服务时间 or 节假日 table (and in documents stored before they existed). */
  calendars?: CalendarsSection;
  /** The 价格 sheet; absent when the workbook has none (and in documents stored before it existed). */
  prices?: PricesSection;
  /** The 测试用例 sheet: what the workbook must decide; absent when it has none (and in documents stored before it existed). */
  testCases?: TestCaseRecord[];
}

/** The rules of every kind in a stable order, then the sections each kind keeps beside them. */
export function buildRulesDocument(catalog: Catalog, workbookSha256: string): RulesDocument {
  const src = (ref: CellRef): RuleSource => ({ sheet: ref.sheet, cell: ref.cell, workbookSha256 });
  const doc: RulesDocument = { format: RULES_FORMAT, workbookSha256, tables: catalog.tables, rules: [] };
  for (const kind of SHEET_KINDS) kind.build(catalog, doc, src);
  return doc;
}

/** The catalog a rules document was built from, for export back to a workbook. */
export function catalogFromRules(doc: RulesDocument): Catalog {
  const catalog = { ...emptyCatalog(), tables: doc.tables };
  for (const kind of SHEET_KINDS) kind.fromRules(doc, catalog);
  return catalog;
}
