// This month's response compliance beside last month's, per offering × tier, as the geometry of a horizontal bar
// chart the page draws in server-side SVG (no script, no image file): one row per offering × tier, two bars each
// (this month dark, last month light), the share met of what was judged. Rows with nothing judged in either month
// show no bar and say so; the same figures stand in a table beside the chart for screen readers and for print.
import { OFFERINGS, TIERS, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import type { MonthlyReport } from '../report/kinds/monthly/monthly-report.ts';

export interface ChartRow {
  offering: Offering;
  tier: Tier;
  /** Met in basis points (10000 = 100%); null when nothing was judged that month. */
  current: number | null;
  previous: number | null;
  /** Judged requests (met + breached) in each month. */
  currentJudged: number;
  previousJudged: number;
  /** Geometry in the chart's coordinates: the row's top, and the top of each bar. */
  y: number;
  currentY: number;
  previousY: number;
  currentWidth: number;
  previousWidth: number;
}

export interface ComplianceChart {
  month: string;
  previousMonth: string;
  /** The running month's figures are as of now and still move. */
  provisional: boolean;
  rows: ChartRow[];
  width: number;
  height: number;
  /** Where the bars start (after the row labels) and how wide 100% is. */
  barX: number;
  barSpan: number;
  rowHeight: number;
  /** Grid lines at 0, 50 and 100%. */
  ticks: { x: number; text: string }[];
}

const WIDTH = 640;
const BAR_X = 150;
const BAR_SPAN = 440;
const ROW = 40;
const TOP = 10;
const AXIS = 24;

const widthOf = (basisPoints: number | null) => (basisPoints === null ? 0 : Math.round((basisPoints / 10000) * BAR_SPAN * 10) / 10);

export function complianceChart(current: MonthlyReport, previous: MonthlyReport): ComplianceChart {
  const find = (report: MonthlyReport, offering: Offering, tier: Tier) => report.groups.find((g) => g.offering === offering && g.tier === tier);
  const rows = OFFERINGS.flatMap((offering) =>
    TIERS.map((tier) => ({ offering, tier, now: find(current, offering, tier), before: find(previous, offering, tier) })),
  ).map(({ offering, tier, now, before }, i): ChartRow => {
    const cur = now?.metBasisPoints ?? null;
    const prev = before?.metBasisPoints ?? null;
    return {
      offering,
      tier,
      current: cur,
      previous: prev,
      currentJudged: (now?.met ?? 0) + (now?.breached ?? 0),
      previousJudged: (before?.met ?? 0) + (before?.breached ?? 0),
      y: TOP + i * ROW,
      currentY: TOP + i * ROW + 4,
      previousY: TOP + i * ROW + 20,
      currentWidth: widthOf(cur),
      previousWidth: widthOf(prev),
    };
  });
  return {
    month: current.month,
    previousMonth: previous.month,
    provisional: current.provisional === true,
    rows,
    width: WIDTH,
    height: TOP + rows.length * ROW + AXIS,
    barX: BAR_X,
    barSpan: BAR_SPAN,
    rowHeight: ROW,
    ticks: [0, 50, 100].map((p) => ({ x: BAR_X + (p / 100) * BAR_SPAN, text: `${p}%` })),
  };
}
