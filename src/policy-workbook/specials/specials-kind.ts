// The special-services tables as a sheet kind: 专项服务产品 | 主要服务内容说明 [| 公有云 | 私有云] [| 代码], each for
// the offering its sheet or title names, or for every offering its ✓ columns mark. In the rules document one
// `special_service` rule per service says which offerings may sell it.
import { findColumn } from '../../workbook/grid-columns.ts';
import { catalogTableOf, dropDuplicates, type ListedService } from '../catalog-tables.ts';
import { isServicePriceHeader } from '../prices/price-service-parser.ts';
import { CODE_WORDS, isKnownServiceName } from '../service-names.ts';
import { DESCRIPTION_WORDS, OFFERING_COLUMN_WORDS, SPECIAL_NAME_HEADERS, SPECIAL_NAME_WORDS } from '../shared-columns.ts';
import type { RulesView, SheetKind } from '../sheet-kind.ts';
import { checkSpecialServices } from './special-checks.ts';
import { diffSpecialServices, type SpecialServiceChange } from './special-diff.ts';
import { specialTables } from './special-export.ts';
import { specialServiceRules, specialServicesFromRules } from './special-rules.ts';
import { isSpecialHeader, parseSpecialTable } from './special-table-parser.ts';

export const SPECIALS_KIND: SheetKind = {
  name: 'specials',
  tables: { special_services: { zh: '专项服务', en: 'Special services' } },
  sheetRole: 'catalog',
  summaryList: 'tables',
  hiddenTables: { zh: '目录表', en: 'catalog table' },

  vocabulary: { columns: { name: SPECIAL_NAME_WORDS, description: DESCRIPTION_WORDS, ...OFFERING_COLUMN_WORDS, code: CODE_WORDS } },
  orientations: ['rows'],

  // 专项服务产品 with a price (计价单位, or 单价 without this table's own columns) heads the 价格 sheet's table instead.
  tableAt: (row) => (isSpecialHeader(row) && !isServicePriceHeader(row) ? 'special_services' : null),
  namesItem: (text) => isKnownServiceName(text, 'special_services'),
  nameColumn: (header) => findColumn(header, SPECIAL_NAME_HEADERS),

  startReading() {
    const seen = new Map<string, ListedService>();
    return {
      read(table, catalog) {
        const entry = catalogTableOf('special_services', table, catalog);
        const parsed = parseSpecialTable(table.sheet, entry.offering, table.header, table.rows);
        const issues = [...parsed.issues];
        catalog.specialServices.push(...dropDuplicates(parsed.entries, seen, issues));
        // A row listed under both offerings is still one row.
        return { issues, summary: { kind: entry.kind, offering: entry.offering, headerCell: entry.headerCell, rows: new Set(parsed.entries.map((e) => e.source.cell)).size } };
      },
      finish: checkSpecialServices,
    };
  },

  build(catalog, into, src) {
    into.rules.push(...specialServiceRules(catalog, src));
  },
  fromRules(doc, into) {
    into.specialServices = specialServicesFromRules(doc.rules);
  },
  export: specialTables,
  diff(before: RulesView | null, after: RulesView, into: { specialServices?: SpecialServiceChange[] }) {
    into.specialServices = diffSpecialServices(before, after);
  },
};
