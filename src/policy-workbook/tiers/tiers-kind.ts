// The tier tables as a sheet kind: 服务项目 | 基础服务 | 优选服务 | 尊享服务 [| 代码], any number of them on any
// sheet, each for the offering its sheet name or title names. Each row is an item, each cell what a tier grants;
// in the rules document one `entitlement` rule per offering × tier × item.
import { findColumn } from '../../workbook/grid-columns.ts';
import { catalogTableOf, dropDuplicates, type ListedService } from '../catalog-tables.ts';
import { CODE_WORDS, isKnownServiceName } from '../service-names.ts';
import { SCOPE_TIER_WORDS, TIER_NAME_HEADERS, TIER_NAME_WORDS, TIER_WORDS } from '../shared-columns.ts';
import type { SheetKind, RulesView } from '../sheet-kind.ts';
import { checkTiers } from './tier-checks.ts';
import { diffEntitlements, type EntitlementChange } from './tier-diff.ts';
import { tierTables } from './tier-export.ts';
import { entitlementRules, tierServicesFromRules } from './tier-rules.ts';
import { isTierHeader, parseTierTable } from './tier-table-parser.ts';

export const TIERS_KIND: SheetKind = {
  name: 'tiers',
  tables: { tiers: { zh: '服务产品目录', en: 'Tier table' } },
  sheetRole: 'catalog',
  summaryList: 'tables',
  hiddenTables: { zh: '目录表', en: 'catalog table' },

  vocabulary: {
    columns: { name: TIER_NAME_WORDS, ...TIER_WORDS, code: CODE_WORDS },
    corner: { words: SCOPE_TIER_WORDS, nameColumn: 'name' },
  },
  // One row per item, or one row per tier (服务产品 | 7*24电话支持 | …) when there are more items than tiers.
  orientations: ['rows', 'columns'],

  tableAt: (row) => (isTierHeader(row) ? 'tiers' : null),
  namesItem: (text) => isKnownServiceName(text, 'tiers'),
  nameColumn: (header) => findColumn(header, TIER_NAME_HEADERS),

  startReading() {
    const seen = new Map<string, ListedService>();
    // Rows found in tier tables, imported or not: none at all means the workbook grants nothing.
    let tierRows = 0;
    return {
      read(table, catalog) {
        const entry = catalogTableOf('tiers', table, catalog);
        tierRows += table.rows.length;
        const parsed = parseTierTable(table.sheet, entry.offering, table.header, table.rows);
        const issues = [...parsed.issues];
        catalog.tierServices.push(...dropDuplicates(parsed.entries, seen, issues));
        // A row listed under both offerings is still one row.
        return { issues, summary: { kind: entry.kind, offering: entry.offering, headerCell: entry.headerCell, rows: new Set(parsed.entries.map((e) => e.source.cell)).size } };
      },
      finish: (catalog) => checkTiers(catalog, tierRows),
    };
  },

  build(catalog, into, src) {
    into.rules.push(...entitlementRules(catalog, src));
  },
  fromRules(doc, into) {
    into.tierServices = tierServicesFromRules(doc.rules);
  },
  export: tierTables,
  diff(before: RulesView | null, after: RulesView, into: { entitlements?: EntitlementChange[] }) {
    into.entitlements = diffEntitlements(before, after);
  },
};
