// The 节假日 rows written back as a table (日期 | 类型 | 名称), in the layout the importer reads; the sample workbook
// and the holiday pages use the same sheet name and layout.
import type { Catalog, HolidayEntry } from '../../catalog/catalog.ts';
import { tablesBySheet } from '../exported-tables.ts';
import type { ExportedTable } from '../sheet-kind.ts';

export const HOLIDAY_SHEET = '节假日';
export const HOLIDAY_TABLE = { title: '法定节假日与调休上班', header: ['日期', '类型', '名称'], widths: [16, 10, 24] };

const holidayRow = (h: HolidayEntry) => [h.date, h.kind === 'off' ? '休' : '班', h.name];

export function holidayTables(catalog: Catalog): ExportedTable[] {
  return tablesBySheet(catalog.holidays, HOLIDAY_TABLE, (list) => list.map(holidayRow));
}
