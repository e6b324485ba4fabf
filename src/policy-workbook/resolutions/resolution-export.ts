// The 解决时限 tables written back in the layout the importer reads.
import { TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { Catalog, ResolutionTarget } from '../../catalog/catalog.ts';
import { tablesBySheet } from '../exported-tables.ts';
import { ANY, OFFERING_COLUMN_HEADERS, serviceText } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';

export const RESOLUTION_TABLE = { title: '解决时限', header: ['部署', '服务产品', '服务项目', '解决时限'], widths: [20, 24, 36, 16] };

const targetText = (t: ResolutionTarget) => `${t.window.amount}个${t.window.unit === 'working_day' ? '工作日' : '工作小时'}`;

export function resolutionTables(catalog: Catalog): ExportedTable[] {
  return tablesBySheet(catalog.resolutionTargets, RESOLUTION_TABLE, (list) =>
    list.map((t) => [t.offering ? OFFERING_COLUMN_HEADERS[t.offering][0]! : ANY, t.tier ? TIER_NAMES[t.tier].zh : ANY, t.service ? serviceText(t.service) : ANY, targetText(t)]),
  );
}
