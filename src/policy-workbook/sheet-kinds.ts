// The kinds of sheet a policy workbook may hold. The reader, the rules-document builder, the export and the diff
// loop over this one list and name no kind themselves, so adding a kind of sheet (the last one added: 测试用例, the
// workbook's own test cases) is one folder that exports its SheetKind (sheet-kind.ts) and one line here.
//
// The order is the document's: the rules are built kind by kind in it (entitlements, then special services, then
// calendar assignments), a sheet holding tables of several kinds is named for the first of them (a catalog sheet
// with a 价格 table is a catalog sheet), and a header row goes to the first kind that recognises it.
import { CALENDARS_KIND } from './calendars/calendars-kind.ts';
import { HOLIDAYS_KIND } from './holidays/holidays-kind.ts';
import { PRICES_KIND } from './prices/prices-kind.ts';
import { RESOLUTIONS_KIND } from './resolutions/resolutions-kind.ts';
import type { SheetKind } from './sheet-kind.ts';
import { SPECIALS_KIND } from './specials/specials-kind.ts';
import { TEST_CASES_KIND } from './test-cases/test-cases-kind.ts';
import { TIERS_KIND } from './tiers/tiers-kind.ts';

export const SHEET_KINDS: readonly SheetKind[] = [TIERS_KIND, SPECIALS_KIND, CALENDARS_KIND, HOLIDAYS_KIND, PRICES_KIND, RESOLUTIONS_KIND, TEST_CASES_KIND];
