// The managers' monthly report: response-time compliance per offering × tier, the worst breaches and the requests
// at risk at its cut-off. Rows are read page by page; only tallies and the worst cases are kept.
import { OFFERINGS, TIERS, type Offering, type Tier } from '../../../catalog/catalog-codes.ts';
import { addDays } from '../../../calendar/shanghai-time.ts';
import { judge, Tally } from '../../compliance.ts';
import type { RequestWithContract } from '../../report-data-store.ts';
import { dayStartIso } from '../../report-slot.ts';
import type { BreachLine, ComplianceFigures, GroupFigures, OpenRequestLine } from '../../report-types.ts';
import { requestsAtRisk, REQUEST_PAGE, type ManagerReportDeps } from '../../requests-at-risk.ts';

const WORST = 10;

export interface MonthlyReport {
  kind: 'monthly';
  /** YYYY-MM (Shanghai). */
  month: string;
  /** The instant every figure is computed at: the monthly slot on the 1st of the next month (08:00 Shanghai by default). */
  cutoff: string;
  /** A look at a month still running: its figures are as of `cutoff` and will change. */
  provisional?: boolean;
  /** Every offering × tier, those without requests included, in catalog order. */
  groups: GroupFigures[];
  totals: ComplianceFigures;
  /** The worst breaches of the month, the latest first, at most 10. */
  worst: BreachLine[];
  /** Requests still unanswered and at risk at the cut-off (any month). */
  atRisk: OpenRequestLine[];
}

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month before the Shanghai date `date`, as YYYY-MM: what the run on the 1st reports. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The month's report with every figure as of `cutoff` (the monthly slot on the 1st of the next month): hours late
 * of what was still unanswered then, and the requests at risk then. `provisional` marks a month not over yet.
 */
export async function buildMonthlyReport(deps: ManagerReportDeps, month: string, cutoff: Date, provisional = false): Promise<MonthlyReport> {
  const from = dayStartIso(`${month}-01`);
  const to = dayStartIso(`${nextMonth(month)}-01`);
  const policy = await deps.lookups.policyOn(addDays(`${nextMonth(month)}-01`, -1));
  const groups = new Map<string, Tally>(OFFERINGS.flatMap((o) => TIERS.map((t) => [`${o}|${t}`, new Tally()] as const)));
  const total = new Tally();
  let worst: BreachLine[] = [];
  const cutoffMs = cutoff.getTime();

  for (let afterId = 0; ; ) {
    const page = await deps.store.requestsOpened({ from, to, afterId, limit: REQUEST_PAGE });
    for (const r of page) {
      const j = judge(r, await deps.lookups.calendar(r.policyVersion, r.calendar), cutoffMs);
      total.add(j);
      groups.get(`${r.offering}|${r.tier}`)?.add(j);
      if (j.verdict === 'breached') {
        worst.push({ ...breachOf(j.request, r, deps.lookups.serviceName(policy, r.offering, r.service)), hoursLate: j.hoursLate });
        if (worst.length > WORST * 4) worst = worstOf(worst);
      }
    }
    if (page.length < REQUEST_PAGE) break;
    afterId = page[page.length - 1]!.id;
  }

  return {
    kind: 'monthly',
    month,
    cutoff: cutoff.toISOString(),
    ...(provisional ? { provisional: true } : {}),
    groups: OFFERINGS.flatMap((offering: Offering) => TIERS.map((tier: Tier) => ({ offering, tier, ...groups.get(`${offering}|${tier}`)!.figures() }))),
    totals: total.figures(),
    worst: worstOf(worst),
    atRisk: await requestsAtRisk(deps, cutoff),
  };
}

/** The most hours late first; among equals, the earliest. */
function worstOf(lines: BreachLine[]): BreachLine[] {
  return [...lines].sort((a, b) => b.hoursLate - a.hoursLate || a.openedAt.localeCompare(b.openedAt)).slice(0, WORST);
}

/** `judged` is the request as it stood at the cut-off (its response dropped when recorded later). */
function breachOf(judged: { respondedAt: string | null }, r: RequestWithContract, serviceName: string): Omit<BreachLine, 'hoursLate'> {
  return {
    requestId: r.id,
    customerName: r.customerName,
    offering: r.offering,
    tier: r.tier,
    service: r.service,
    serviceName,
    openedAt: r.openedAt,
    respondBy: r.respondBy!,
    respondedAt: judged.respondedAt,
  };
}
