// The yearly and monthly reports as .xlsx for managers who work in Excel: one table per sheet, a frozen bold
// header, numbers as numbers. Times are real dates holding the Shanghai wall clock, since Excel has no zones.
import { SHANGHAI_OFFSET_MS } from '../calendar/shanghai-time.ts';
import { writeDataWorkbook, type DataColumn, type DataSheet, type DataValue } from '../workbook/data-workbook-writer.ts';
import type { MonthlyReport } from './kinds/monthly/monthly-report.ts';
import type { YearlyReport } from './kinds/yearly/yearly-report.ts';
import type { BreachLine, ComplianceFigures } from './report-types.ts';
import { adviceHeading, basisPointsFraction, formatInstant, NOT_AVAILABLE, offeringName, tierName } from './report-format.ts';
import { reportText, type ReportLang } from './report-i18n.ts';

type Value = DataValue;
type Column = DataColumn;

const TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const PERCENT_FORMAT = '0.00%';

export async function writeReportWorkbook(report: YearlyReport | MonthlyReport, lang: ReportLang = 'zh'): Promise<Buffer> {
  const sheets = report.kind === 'yearly' ? yearlySheets(report, lang) : monthlySheets(report, lang);
  // The report's cut-off rather than now: the same report gives the same workbook whenever it is downloaded.
  return writeDataWorkbook(sheets, new Date(report.cutoff));
}

/** An instant as a Date whose UTC fields are the Shanghai wall clock, which Excel then shows as written. */
export function shanghaiWallClock(iso: string): Date {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
}

const round2 = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : Math.round(n * 100) / 100);
const orDash = (v: number | null): Value => (v === null ? NOT_AVAILABLE : v);

function yearlySheets(report: YearlyReport, lang: ReportLang): DataSheet[] {
  const t = (key: string) => reportText(key, lang);
  const { contract, totals } = report;
  const summary: Array<[string, Value, string?]> = [
    [t('customer'), contract.customerName],
    [t('contract'), `#${contract.id}`],
    [t('offering'), offeringName(contract.offering, lang)],
    [t('tier'), tierName(contract.tier, lang)],
    [t('periodStart'), report.period.start],
    [t('periodEnd'), report.period.end],
    [t('policyVersion'), report.policyVersion],
    [t('cutoff') + t('beijingTime'), shanghaiWallClock(report.cutoff), TIME_FORMAT],
    ...((report.revision ?? 1) > 1 ? [[t('revision'), report.revision!] as [string, Value]] : []),
    ...(report.provisional ? [[t('note'), reportText('provisionalLine', lang, { time: formatInstant(report.cutoff) })] as [string, Value]] : []),
    ...figureRows(totals, lang),
  ];
  for (const q of report.quotas) {
    const unlimited = t('unlimited');
    summary.push([`${q.name} · ${t('used')}`, q.used], [`${q.name} · ${t('allowed')}`, q.allowed ?? unlimited], [`${q.name} · ${t('remaining')}`, q.remaining ?? unlimited]);
    if (q.personDaysEach !== null) summary.push([`${q.name} · ${t('personDaysEach')}`, q.personDaysEach]);
  }
  if (totals.requests === 0) summary.push([t('note'), t('zeroRequestsYear')]);
  const { advice } = report;
  const sheets = { expert: 'sheetAdviceExpert', system: 'sheetAdviceSystem', draft: 'sheetAdviceDraft', suggestions: 'sheetAdviceSuggestions' } as const;
  const reviewer = advice.heading === 'expert' && advice.reviewer ? [[null, t('reviewer'), null, `${advice.reviewer.name} (${formatInstant(advice.reviewer.at)})`] as Value[]] : [];
  return [
    keyValueSheet(t('sheetSummary'), [t('item'), t('value')], summary),
    {
      name: t('sheetByService'),
      columns: [{ header: t('service'), width: 24 }, { header: t('serviceCode'), width: 18 }, ...figureColumns(lang)],
      rows: [...report.byService.map((s) => [s.name, s.service, ...figureValues(s)]), [t('total'), null, ...figureValues(totals)]],
      boldLastRow: true,
    },
    { name: t('sheetBreaches'), columns: breachColumns(lang, false), rows: report.breaches.map((b) => breachValues(b, lang, false)) },
    {
      name: t('sheetMonths'),
      columns: [
        { header: t('month'), width: 10 },
        { header: t('requests'), width: 10 },
        { header: t('met'), width: 10 },
        { header: t('breached'), width: 10 },
        { header: t('open'), width: 10 },
        { header: t('withoutWindow'), width: 12 },
      ],
      rows: report.months.map((m) => [m.month, m.requests, m.met, m.breached, m.open, m.withoutWindow]),
    },
    {
      name: t(sheets[advice.heading] ?? 'sheetAdviceSuggestions'),
      columns: [{ header: '#', width: 5 }, { header: t('adviceCode'), width: 24 }, { header: t('service'), width: 18 }, { header: adviceHeading(advice, lang), width: 80 }],
      rows: [...(advice.lines.length > 0 ? advice.lines.map((l, i) => [i + 1, l.code, l.service, l[lang]]) : [[null, null, null, t('noAdvice')]]), ...reviewer],
    },
    keyValueSheet(t('sheetFacts'), [t('fact'), t('value')], Object.entries(report.facts)),
  ];
}

function monthlySheets(report: MonthlyReport, lang: ReportLang): DataSheet[] {
  const t = (key: string) => reportText(key, lang);
  const bj = t('beijingTime');
  return [
    {
      name: t('sheetSummary'),
      columns: [{ header: t('item'), width: 30 }, { header: t('value'), width: 40 }],
      rows: [[t('month'), report.month], [t('cutoff') + t('beijingTime'), shanghaiWallClock(report.cutoff)], ...(report.provisional ? [[t('note'), reportText('provisionalLine', lang, { time: formatInstant(report.cutoff) })]] : [])],
      cellFormats: [{ row: 3, col: 2, numFmt: TIME_FORMAT }],
    },
    {
      name: t('sheetGroups'),
      columns: [{ header: t('offering'), width: 26 }, { header: t('tier'), width: 12 }, ...figureColumns(lang)],
      rows: [
        ...report.groups.map((g) => [offeringName(g.offering, lang), tierName(g.tier, lang), ...figureValues(g)]),
        [`${t('total')} ${report.month}`, null, ...figureValues(report.totals)],
      ],
      boldLastRow: true,
    },
    { name: t('sheetWorst'), columns: breachColumns(lang, true), rows: report.worst.map((b) => breachValues(b, lang, true)) },
    {
      name: t('sheetAtRisk'),
      columns: [
        { header: t('requestNo'), width: 10 },
        { header: t('contract'), width: 10 },
        { header: t('customer'), width: 28 },
        { header: t('offering'), width: 24 },
        { header: t('tier'), width: 12 },
        { header: t('service'), width: 18 },
        { header: t('summary'), width: 40 },
        { header: t('openedAt') + bj, width: 18, numFmt: TIME_FORMAT },
        { header: t('respondBy') + bj, width: 18, numFmt: TIME_FORMAT },
        { header: t('workingHoursLeft'), width: 14 },
        { header: t('windowHours'), width: 14 },
      ],
      rows: report.atRisk.map((r) => [
        r.requestId,
        r.contractId,
        r.customerName,
        offeringName(r.offering, lang),
        tierName(r.tier, lang),
        r.serviceName,
        r.summary,
        shanghaiWallClock(r.openedAt),
        shanghaiWallClock(r.respondBy),
        round2(r.workingHoursLeft),
        round2(r.windowHours),
      ]),
    },
  ];
}

function figureColumns(lang: ReportLang): Column[] {
  const t = (key: string) => reportText(key, lang);
  return [
    { header: t('requests'), width: 10 },
    { header: t('met'), width: 10 },
    { header: t('breached'), width: 10 },
    { header: t('open'), width: 10 },
    { header: t('withoutWindow'), width: 12 },
    { header: t('metPercent'), width: 10, numFmt: PERCENT_FORMAT },
    { header: t('medianHours'), width: 22 },
  ];
}

function figureValues(f: ComplianceFigures): Value[] {
  return [f.requests, f.met, f.breached, f.open, f.withoutWindow, orDash(basisPointsFraction(f.metBasisPoints)), orDash(round2(f.medianHoursToRespond))];
}

function figureRows(f: ComplianceFigures, lang: ReportLang): Array<[string, Value, string?]> {
  const t = (key: string) => reportText(key, lang);
  return [
    [t('requests'), f.requests],
    [t('met'), f.met],
    [t('breached'), f.breached],
    [t('open'), f.open],
    [t('withoutWindow'), f.withoutWindow],
    [t('metPercent'), orDash(basisPointsFraction(f.metBasisPoints)), PERCENT_FORMAT],
    [t('medianHours'), orDash(round2(f.medianHoursToRespond))],
  ];
}

function breachColumns(lang: ReportLang, withCustomer: boolean): Column[] {
  const t = (key: string) => reportText(key, lang);
  const bj = t('beijingTime');
  return [
    { header: t('requestNo'), width: 10 },
    ...(withCustomer ? [{ header: t('customer'), width: 28 }, { header: t('offering'), width: 24 }, { header: t('tier'), width: 12 }] : []),
    { header: t('service'), width: 18 },
    { header: t('openedAt') + bj, width: 18, numFmt: TIME_FORMAT },
    { header: t('respondBy') + bj, width: 18, numFmt: TIME_FORMAT },
    { header: t('respondedAt') + bj, width: 18, numFmt: TIME_FORMAT },
    { header: t('hoursLate'), width: 16 },
  ];
}

function breachValues(b: BreachLine, lang: ReportLang, withCustomer: boolean): Value[] {
  return [
    b.requestId,
    ...(withCustomer ? [b.customerName, offeringName(b.offering, lang), tierName(b.tier, lang)] : []),
    b.serviceName,
    shanghaiWallClock(b.openedAt),
    shanghaiWallClock(b.respondBy),
    b.respondedAt ? shanghaiWallClock(b.respondedAt) : reportText('unanswered', lang),
    round2(b.hoursLate),
  ];
}

function keyValueSheet(name: string, header: [string, string], rows: Array<[string, Value, string?]>): DataSheet {
  return {
    name,
    columns: [{ header: header[0], width: 30 }, { header: header[1], width: 40 }],
    rows: rows.map(([k, v]) => [k, v]),
    cellFormats: rows.map(([, , numFmt], i) => ({ row: i + 2, col: 2, ...(numFmt ? { numFmt } : {}), alignLeft: true })),
  };
}
