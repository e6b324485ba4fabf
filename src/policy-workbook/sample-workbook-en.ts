// The English sample policy workbook: the Chinese sample's catalog (sample-workbook.ts) typed as an international
// office keeps it — sheets "Public Cloud" and "On Premise", headers "Service item | Basic | Preferred | Premium |
// Code", cells "Yes", "Dedicated agent", "Response within 0.5 working day", "7x12", quotas and numbered lists in
// English, one special-services table with a Yes/No column per offering — with prices, calendars, holidays and test
// cases in English too. It decides exactly as the Chinese sample does (test/policy-workbook/sample-workbook-en.test.ts).
import { chinaHolidayData, STANDARD_CALENDAR_NAME } from '../calendar/china-holidays.ts';
import { writeWorkbook, type NoteSheet, type WorkbookTable } from '../workbook/workbook-writer.ts';
import { ASSIGNMENT_SPEC, CALENDAR_SHEETS, CALENDAR_SPEC } from './calendars/calendar-export.ts';
import type { WorkbookLang } from './column-words.ts';
import { layoutIn, type TableSpec } from './export-words.ts';
import { HOLIDAY_KIND_TEXT, HOLIDAY_SHEETS, HOLIDAY_SPEC } from './holidays/holiday-export.ts';
import { PRICE_HEADINGS, PRICE_SETTINGS_SPEC, PRICE_SHEETS, SERVICE_PRICE_SPEC, TIER_PRICE_SPEC } from './prices/price-export.ts';
import { specialTableHeader } from './specials/special-export.ts';
import { CASE_SHEETS, CASE_SPEC } from './test-cases/case-export.ts';
import { tierTableHeader, TIER_TABLE_WIDTHS } from './tiers/tier-export.ts';

const EN: WorkbookLang = 'en';
type Row = [item: string, basic: string, preferred: string, premium: string, code: string];

const EN_CLOUD_SHEET = 'Public Cloud';
const EN_ON_PREM_SHEET = 'On Premise';
const SPECIAL_SHEET = 'Special services';

const APP_PREFERRED = '1. Product update and upgrade guidance\n2. Audit split and data carry-forward tools';
const APP_PREMIUM = '1. Product update and upgrade guidance\n2. Service tools';
const CS_PREMIUM = '1. A named customer success manager\n2. One service report a year with HQ expert advice\n3. Tailored online training courses';
const DIAG_PREFERRED = 'Code diagnosis (2 per year, 2 person-days each, remote)';
const DIAG_PREMIUM = 'Code diagnosis (4 per year, 2 person-days each, remote)';

const SHARED_HEAD: Row[] = [
  ['7x24 phone support', 'Yes', 'Yes', 'Dedicated agent', 'phone_support'],
  ['7x24 issue reporting', 'Response within 2 working days', 'Response within 1 working day', 'Response within 0.5 working day', 'issue_feedback'],
  ['7x8 online chat', 'No', 'Yes', 'Dedicated agent', 'online_im'],
];
const SHARED_TAIL: Row[] = [
  ['Development support', 'No', DIAG_PREFERRED, DIAG_PREMIUM, 'code_diagnosis'],
  ['Application improvement', 'No', APP_PREFERRED, APP_PREMIUM, 'app_improvement'],
  ['Customer success', 'No', 'One service report a year', CS_PREMIUM, 'customer_success'],
];
const EMERGENCY: Row = ['Emergency faults', 'Response within 1 working day', 'Response within 4 working hours', 'Response within 2 working hours', 'emergency_fault'];
const COMMUNITY: Row = ['Kingdee Cloud Community (learning and skills)', 'Yes', 'Yes', 'Yes', 'community'];

const CLOUD_TIERS: Row[] = [
  ['7x24 self-service operations', 'Yes', 'Yes', 'Yes', 'self_service_ops'],
  ...SHARED_HEAD,
  ['System operations', '5x8', '7x8', '7x12', 'system_ops'],
  EMERGENCY,
  COMMUNITY,
  ...SHARED_TAIL,
];

const ON_PREM_TIERS: Row[] = [...SHARED_HEAD, EMERGENCY, COMMUNITY, ['Update packages and upgrade licence', 'Yes', 'Yes', 'Yes', 'update_license'], ...SHARED_TAIL];

/** Special service | Description | Public Cloud | On Premise | Code: docs/domain.md's layout, one row per service. */
const SPECIALS: [name: string, description: string, cloud: 'Yes' | 'No', onPremise: 'Yes' | 'No', code: string][] = [
  ['Upgrade and migration', 'Assessment, testing, rollout and problem handling for a product upgrade or migration.', 'Yes', 'Yes', 'upgrade_migration'],
  [
    'Business re-configuration',
    'Ways to change business settings that history or linked data keep from being changed in the system, such as re-initialising, or changing the dimensions of an account or the stock attributes of an item already in use.',
    'Yes',
    'Yes',
    'business_adjustment',
  ],
  ['Data repair', 'Repair of data damaged by causes other than the product, such as a database corrupted by a power cut or write-backs gone wrong.', 'Yes', 'Yes', 'data_repair'],
  ['Data optimisation', 'Splitting, merging, synchronising, cleaning or carrying forward a data centre by organisation, business area, period or object.', 'Yes', 'Yes', 'data_optimization'],
  ['Development support by the branch', 'Diagnosis of earlier customisation designs and code: BOS platform, integration and plug-in development.', 'Yes', 'Yes', 'dev_support_project'],
  ['Performance tuning', 'A full diagnosis and tuning of the Cloud Galaxy environment, for on-premise customers.', 'No', 'Yes', 'performance_tuning'],
  ['Database migration', 'Moving a data centre between SQL Server and Oracle, for on-premise customers.', 'No', 'Yes', 'db_migration'],
  ['Clustering and high availability', 'Design and rollout of high availability, load balancing and cluster deployment (not of the database), for on-premise customers.', 'No', 'Yes', 'cluster_ha'],
  ['On-site support', 'An engineer at the customer site for diagnosis, fixes, guidance and questions.', 'Yes', 'Yes', 'onsite_support'],
];

const tierTable = (sheet: string, title: string, rows: Row[]): WorkbookTable => ({
  sheet,
  title,
  header: tierTableHeader(EN),
  rows: rows.map((r) => [...r]),
  mergeWhenEqual: [2, 4],
  widths: TIER_TABLE_WIDTHS,
});

const table = (sheet: string, spec: TableSpec, rows: string[][], title = spec.title.en): WorkbookTable => ({ sheet, ...layoutIn(spec, EN), title, rows });

/** Sample prices, as the Chinese sample has them: fixed fees on cloud, a share of the licence on premise. */
function priceTables(): WorkbookTable[] {
  const sheet = PRICE_SHEETS.en;
  return [
    {
      ...table(sheet, TIER_PRICE_SPEC, [
        ['Public Cloud', 'Basic', 'Fixed annual fee', '¥18,000'],
        ['Public Cloud', 'Preferred', 'Fixed annual fee', '¥38,000'],
        ['Public Cloud', 'Premium', 'Fixed annual fee', '¥88,000'],
        ['On Premise', 'Basic', 'Share of licence fee', '12%'],
        ['On Premise', 'Preferred', 'Share of licence fee', '18%'],
        ['On Premise', 'Premium', 'Share of licence fee', '25%'],
      ]),
      heading: PRICE_HEADINGS.sample.en,
    },
    table(sheet, SERVICE_PRICE_SPEC, [
      ['Upgrade and migration', 'All', 'Per item', '¥20,000', ''],
      ['Business re-configuration', 'All', 'Per person-day', '¥2,500', ''],
      ['Data repair', 'All', 'Per person-day', '¥3,000', ''],
      ['Data optimisation', 'All', 'Per person-day', '¥3,000', ''],
      ['Development support by the branch', 'All', 'Per person-day', '¥2,800', ''],
      ['Performance tuning', 'On Premise', 'Per person-day', '¥3,500', ''],
      ['Database migration', 'On Premise', 'Per person-day', '¥4,000', ''],
      ['Clustering and high availability', 'On Premise', 'Per person-day', '¥4,000', ''],
      ['On-site support', 'All', 'Per person-day', '¥2,500', '¥800'],
    ]),
    table(sheet, PRICE_SETTINGS_SPEC, [
      ['VAT rate', '6%'],
      ['Sales discount limit', '10%'],
      ['Maximum discount', '30%'],
    ]),
  ];
}

const SAMPLE_YEAR = '2026';
/** The holidays' English names; the dates come from the shipped data, as in the Chinese sample. */
const HOLIDAY_NAMES: Record<string, string> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明节: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  中秋节: 'Mid-Autumn Festival',
  国庆节: 'National Day',
};
const MAKE_UP = '调休上班';
const englishHoliday = (name: string) =>
  name.endsWith(MAKE_UP) ? `${HOLIDAY_NAMES[name.slice(0, -MAKE_UP.length)] ?? name} make-up working day` : (HOLIDAY_NAMES[name] ?? name);

function holidayRows(): string[][] {
  const china = chinaHolidayData();
  const inYear = (date: string) => date.startsWith(`${SAMPLE_YEAR}-`);
  const off = Object.entries(china.holidays).filter(([date]) => inYear(date)).map(([date, name]) => [date, HOLIDAY_KIND_TEXT.en.off, englishHoliday(name)]);
  const work = Object.entries(china.makeUpDays).filter(([date]) => inYear(date)).map(([date, day]) => [date, HOLIDAY_KIND_TEXT.en.work, englishHoliday(day.name)]);
  return [...off, ...work].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** The calendar's cells as an English office types them (calendar-cells.ts reads them). */
const EN_CALENDAR_CELLS = { weekdays: 'Monday to Friday', hours: '9am-12pm, 1pm-6pm', observes: 'Yes' };

function calendarTables(): WorkbookTable[] {
  const sheet = CALENDAR_SHEETS.en;
  // The calendar's name is what the rules quote; the English sample keeps docs/domain.md's, so both samples share it.
  return [
    table(sheet, CALENDAR_SPEC, [[STANDARD_CALENDAR_NAME, EN_CALENDAR_CELLS.weekdays, EN_CALENDAR_CELLS.hours, EN_CALENDAR_CELLS.observes]]),
    table(sheet, ASSIGNMENT_SPEC, [
      ['Public Cloud', 'All', 'All', STANDARD_CALENDAR_NAME],
      ['On Premise', 'All', 'All', STANDARD_CALENDAR_NAME],
    ]),
    table(HOLIDAY_SHEETS.en, HOLIDAY_SPEC, holidayRows(), `${HOLIDAY_SPEC.title.en}, ${SAMPLE_YEAR}`),
  ];
}

/** The Chinese sample's cases, in English. */
function caseTable(): WorkbookTable {
  // Offering Tier Service item Time Used Purchased | Expected: entitled reason channel response window respond by remaining
  const rows: string[][] = [
    ['Public Cloud', 'Basic', 'Emergency faults', '2026-03-10 10:00', '', '', '✓', '', '', 'Response within 1 working day', '2026-03-11 10:00', ''],
    ['Public Cloud', 'Premium', 'Emergency faults', '2026-03-13 17:00', '', '', '✓', '', '', 'Response within 2 working hours', '2026-03-16 10:00', ''],
    ['Public Cloud', 'Premium', 'Phone support', '2026-03-02 10:00', '', '', '✓', '', 'Dedicated agent', '', '', ''],
    ['Public Cloud', 'Basic', 'Online chat', '2026-03-02 10:00', '', '', '✗', 'Not in tier', '', '', '', ''],
    ['On Premise', 'Basic', 'Issue reporting', '2026-09-30 16:00', '', '', '✓', '', '', 'Response within 2 working days', '2026-10-09 16:00', ''],
    ['On Premise', 'Basic', 'System operations', '2026-03-02 10:00', '', '', '✗', 'Not offered', '', '', '', ''],
    ['Public Cloud', 'Premium', 'Performance tuning', '2026-03-02 10:00', '', '✓', '✗', 'On premise only', '', '', '', ''],
    ['On Premise', 'Preferred', 'Performance tuning', '2026-03-02 10:00', '', '✓', '✓', '', '', '', '', ''],
    ['On Premise', 'Preferred', 'Data repair', '2026-03-02 10:00', '', '', '✗', 'Not purchased', '', '', '', ''],
    ['Public Cloud', 'Preferred', 'Development support', '2026-03-02 10:00', '1', '', '✓', '', '', '', '', '1'],
    ['On Premise', 'Premium', 'Development support', '2026-03-02 10:00', '4', '', '✗', 'Quota used up', '', '', '', '0'],
  ];
  return table(CASE_SHEETS.en, CASE_SPEC, rows);
}

const NOTES: NoteSheet = {
  sheet: 'Read me',
  lines: [
    'Kingdee Cloud Galaxy service catalog (sample policy workbook, English)',
    'entitle imports this workbook as entitlement rules. Each catalog sheet has a "Service item" header with Basic / Preferred / Premium columns; the special-services table has a "Special service" header and a Yes/No column per offering.',
    'The offering comes from the sheet name or the title: "On Premise", "Private Cloud" or "on-premises" mean on premise, anything else public cloud.',
    'Cells: Yes / ✓ means included; No, blank or "-" means not included; "Dedicated agent" a dedicated agent; windows such as "Response within 1 working day" or "Response within 4 working hours"; coverage such as "5x8" or "7x12"; quotas such as "Code diagnosis (2 per year, 2 person-days each, remote)"; deliverables numbered "1. …".',
    'The Code column gives each service its code; a new service needs one.',
    'The Calendars, Holidays, Prices and Test cases sheets work as in the Chinese sample (docs/workbook-vocabulary.md lists the words).',
    'This sheet (Read me) is not imported.',
  ],
};

export function englishSampleWorkbookTables(): WorkbookTable[] {
  return [
    tierTable(EN_CLOUD_SHEET, '1. Kingdee Cloud Galaxy service catalog (Basic, Preferred, Premium)', CLOUD_TIERS),
    tierTable(EN_ON_PREM_SHEET, '1. Kingdee Cloud Galaxy (On Premise) service catalog (Basic, Preferred, Premium)', ON_PREM_TIERS),
    {
      sheet: SPECIAL_SHEET,
      title: '2. Special services by offering',
      header: specialTableHeader(EN, true),
      rows: SPECIALS.map((r) => [...r]),
      widths: [30, 80, 12, 12, 22],
    },
    ...priceTables(),
    ...calendarTables(),
    caseTable(),
  ];
}

export function writeEnglishSampleWorkbook(): Promise<Buffer> {
  return writeWorkbook(englishSampleWorkbookTables(), [NOTES]);
}
