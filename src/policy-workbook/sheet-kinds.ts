// The kinds of sheet a policy workbook may hold. The reader, the rules-document builder, the export and the diff
// loop over this one list and name no kind themselves, so adding a kind of sheet (the next one: a sheet of test
// cases) is one folder that exports its SheetKind (sheet-kind.ts) and one line here.
//
// The order is the document's: the rules are built kind by kind in it (entitlements, then special services, then
// calendar assignments), a sheet holding tables of several kinds is named for the first of them (a catalog sheet
// with a 价格 table is a catalog sheet), and a header row goes to the first kind that recognises it.
import { CALENDARS } from './calendars/calendars-kind.ts';
import { HOLIDAYS } from './holidays/holidays-kind.ts';
import { PRICES } from './prices/prices-kind.ts';
import type { SheetKind } from './sheet-kind.ts';
import { SPECIALS_SHEET } from './specials/specials-kind.ts';
import { TIERS_SHEET } from './tiers/tiers-kind.ts';

export const SHEET_KINDS: readonly SheetKind[] = [TIERS_SHEET, SPECIALS_SHEET, CALENDARS, HOLIDAYS, PRICES];
