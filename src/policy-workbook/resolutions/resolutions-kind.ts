// 解决时限 tables as a sheet kind: how long requests may take to resolve, per offering × tier × service, recognised
// by their header wherever they stand and checked once the workbook is read (services may stand on other sheets).
// Optional: without one, resolutions are recorded but not judged.
import type { SheetKind } from '../sheet-kind.ts';
import { checkResolutionTargets } from './resolution-checks.ts';
import { diffResolutions } from './resolution-diff.ts';
import { resolutionTables } from './resolution-export.ts';
import { buildResolutions, resolutionsFromRules } from './resolution-rules.ts';
import { SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, TIER_NAME_WORDS } from '../shared-columns.ts';
import { RESOLUTION_WORDS, isResolutionHeader, parseResolutionTable, type PendingTarget } from './resolution-table-parser.ts';

export const RESOLUTIONS_KIND: SheetKind = {
  name: 'resolutions',
  tables: { resolution_targets: { zh: '解决时限', en: 'Resolution targets' } },
  sheetRole: 'resolutions',
  summaryList: 'calendarTables',
  hiddenTables: { zh: '解决时限表', en: 'resolution-target table' },

  vocabulary: { columns: { offering: SCOPE_OFFERING_WORDS, tier: SCOPE_TIER_WORDS, service: TIER_NAME_WORDS, target: RESOLUTION_WORDS } },
  orientations: ['rows'],

  tableAt: (row) => (isResolutionHeader(row) ? 'resolution_targets' : null),

  startReading() {
    const pending: PendingTarget[] = [];
    return {
      read({ sheet, header, rows, kind }) {
        const parsed = parseResolutionTable(sheet, header, rows);
        pending.push(...parsed.entries);
        return { issues: parsed.issues, summary: { kind, headerCell: header.cells[0]!.address, rows: parsed.entries.length } };
      },
      finish(catalog) {
        if (pending.length === 0) return [];
        const checked = checkResolutionTargets(pending, catalog);
        catalog.resolutionTargets = checked.targets;
        return checked.issues;
      },
    };
  },

  build: buildResolutions,
  fromRules: resolutionsFromRules,
  export: resolutionTables,
  diff: diffResolutions,
};
