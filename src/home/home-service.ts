// The first page after sign-in (工作台): what each role needs to see first, each figure with the filtered list
// behind it. A use case over the other capabilities' services; it reads, never writes. The compliance chart's
// months are the monthly report's figures (as issued, or as of now for the month still running), kept for a few
// minutes: the figures of a running month move slowly, and a home page must not page through a month of requests
// on every visit.
import type { Role } from '../accounts/roles.ts';
import { shanghaiDate } from '../calendar/instants.ts';
import { addDays } from '../calendar/shanghai-time.ts';
import type { HolidayReadiness } from '../holidays/holiday-readiness.ts';
import type { JobRun } from '../jobs/job-run-store.ts';
import type { PolicyActivationRecord } from '../policy/policy-store.ts';
import type { ApprovalItem } from '../quote/quote-approvals.ts';
import type { QuoteListItem, QuoteSearch, QuoteStatus } from '../quote/quote-store.ts';
import type { MonthlyReport } from '../report/kinds/monthly/monthly-report.ts';
import { ACTIVE_STATES } from '../requests/request-lifecycle.ts';
import type { QueueFilter, ServiceRequestView } from '../requests/request-service.ts';
import type { PageOf } from '../shared/paging.ts';
import { complianceChart, type ComplianceChart } from './compliance-chart.ts';

/** What the home reads, as narrow as it needs: the composition root hands in the services themselves. */
export interface HomeDeps {
  requests: {
    page(filter: QueueFilter & { respondByFrom?: string }, page: { offset: number; limit: number; sort?: 'deadline' | 'priority' }): Promise<PageOf<ServiceRequestView>>;
  };
  quotes: {
    search(query: Omit<QuoteSearch, 'createdFrom' | 'createdBefore'> & { fromDate?: string; toDate?: string }): Promise<PageOf<QuoteListItem>>;
    waitingCount(): Promise<number>;
    approvalInbox(page: { offset: number; limit: number }): Promise<PageOf<ApprovalItem>>;
    recentlyRejected(createdBy: string, options?: { days?: number; limit?: number }): Promise<QuoteListItem[]>;
  };
  monthly(month: string): Promise<MonthlyReport>;
  outboxCounts(): Promise<{ pending: number; failing: number; sent: number }>;
  jobRuns: { list(query: { status?: 'running' | 'done' | 'failed'; limit: number; offset: number }): Promise<JobRun[]>; count(filter: { status?: 'running' | 'done' | 'failed' }): Promise<number> };
  activations(): Promise<PolicyActivationRecord[]>;
  holidayReadiness(): Promise<HolidayReadiness>;
  reviews: { list(query: { status?: 'pending' | 'approved' | 'released'; limit: number; offset: number }): Promise<{ id: number; overdue: boolean }[]> };
  clock?: () => Date;
}

const DEADLINES_SHOWN = 5;
const EXPIRING_DAYS = 7;
const CHART_TTL_MS = 5 * 60_000;
const QUOTE_STATUSES: readonly QuoteStatus[] = ['issued', 'pending_approval', 'rejected'];

export interface SupportHome {
  mine: number;
  team: number;
  atRisk: number;
  breached: number;
  /** Unanswered requests with the earliest deadlines still ahead. */
  next: ServiceRequestView[];
}

export interface SalesHome {
  byStatus: { status: QuoteStatus; count: number }[];
  expiring: QuoteListItem[];
  pending: QuoteListItem[];
  rejected: QuoteListItem[];
}

export interface ManagerHome {
  waiting: number;
  oldestWaiting: ApprovalItem[];
  chart: ComplianceChart;
  breachedThisWeek: number;
  /** Monday of this week (Shanghai): the breaches counted are those whose deadline fell since. */
  weekStart: string;
  outboxFailing: number;
}

export interface AdminHome {
  active: PolicyActivationRecord | null;
  scheduled: PolicyActivationRecord[];
  holidays: HolidayReadiness;
  outbox: { pending: number; failing: number; sent: number };
  failedRuns: number;
  lastRuns: JobRun[];
}

export interface ExpertHome {
  waiting: number;
  overdue: number;
}

export interface HomeView {
  role: Role;
  support?: SupportHome;
  sales?: SalesHome;
  manager?: ManagerHome;
  admin?: AdminHome;
  expert?: ExpertHome;
}

/** Which sections a role sees: an admin sees the managers' too, since admins approve and run reports. */
const SECTIONS: Record<Role, readonly (keyof Omit<HomeView, 'role'>)[]> = {
  support: ['support'],
  sales: ['sales'],
  manager: ['manager'],
  admin: ['admin', 'manager'],
  expert: ['expert'],
};

/** Monday (Shanghai) of the week holding `date`. */
export function weekStartOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

const shanghaiMidnightIso = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

export function createHomeService(deps: HomeDeps) {
  const clock = deps.clock ?? (() => new Date());
  const charts = new Map<string, { at: number; report: MonthlyReport }>();

  async function monthFigures(month: string): Promise<MonthlyReport> {
    const kept = charts.get(month);
    if (kept && clock().getTime() - kept.at < CHART_TTL_MS) return kept.report;
    const report = await deps.monthly(month);
    charts.set(month, { at: clock().getTime(), report });
    return report;
  }

  const total = async (filter: QueueFilter & { respondByFrom?: string }) => (await deps.requests.page(filter, { offset: 0, limit: 1 })).total;

  async function support(me: string): Promise<SupportHome> {
    const now = clock().getTime();
    const [mine, team, atRisk, breached, upcoming] = await Promise.all([
      total({ states: ACTIVE_STATES, assignee: me }),
      total({ states: ACTIVE_STATES }),
      total({ states: ACTIVE_STATES, status: 'at_risk' }),
      total({ states: ACTIVE_STATES, status: 'overdue' }),
      // Unanswered, earliest deadline first; the breached ones lead the list, so read a few more and skip them.
      deps.requests.page({ states: ACTIVE_STATES, status: 'open' }, { offset: 0, limit: DEADLINES_SHOWN * 4 }),
    ]);
    const next = upcoming.items.filter((r) => r.respondBy !== null && Date.parse(r.respondBy) > now && r.respondedAt === null).slice(0, DEADLINES_SHOWN);
    return { mine, team, atRisk, breached, next };
  }

  async function sales(me: string): Promise<SalesHome> {
    const today = shanghaiDate(clock());
    const counts = Promise.all(QUOTE_STATUSES.map(async (status) => ({ status, count: (await deps.quotes.search({ status, createdBy: me, sort: 'newest', offset: 0, limit: 1 })).total })));
    // An issued quote is valid for a month, so those expiring within a week were issued in the last month or so.
    const recent = deps.quotes.search({ status: 'issued', createdBy: me, sort: 'oldest', fromDate: addDays(today, -62), offset: 0, limit: 500 });
    const pending = deps.quotes.search({ status: 'pending_approval', createdBy: me, sort: 'oldest', offset: 0, limit: 5 });
    const [byStatus, issued, waiting, rejected] = await Promise.all([counts, recent, pending, deps.quotes.recentlyRejected(me, { limit: 5 })]);
    const horizon = addDays(today, EXPIRING_DAYS);
    const expiring = issued.items.filter((q) => q.validUntil >= today && q.validUntil <= horizon).sort((a, b) => a.validUntil.localeCompare(b.validUntil));
    return { byStatus, expiring, pending: waiting.items, rejected };
  }

  async function manager(): Promise<ManagerHome> {
    const today = shanghaiDate(clock());
    const month = today.slice(0, 7);
    const lastMonth = shanghaiDate(new Date(Date.parse(`${month}-01T00:00:00+08:00`) - 86_400_000)).slice(0, 7);
    const weekStart = weekStartOf(today);
    const [waiting, inbox, current, previous, breachedThisWeek, outbox] = await Promise.all([
      deps.quotes.waitingCount(),
      deps.quotes.approvalInbox({ offset: 0, limit: 5 }),
      monthFigures(month),
      monthFigures(lastMonth),
      total({ status: 'breached', respondByFrom: shanghaiMidnightIso(weekStart) }),
      deps.outboxCounts(),
    ]);
    return { waiting, oldestWaiting: inbox.items, chart: complianceChart(current, previous), breachedThisWeek, weekStart, outboxFailing: outbox.failing };
  }

  async function admin(): Promise<AdminHome> {
    const now = clock().getTime();
    const [activations, holidays, outbox, failedRuns, lastRuns] = await Promise.all([
      deps.activations(),
      deps.holidayReadiness(),
      deps.outboxCounts(),
      deps.jobRuns.count({ status: 'failed' }),
      deps.jobRuns.list({ limit: 5, offset: 0 }),
    ]);
    // Newest effective date first (policy-store's order): the first not in the future is in force.
    const active = activations.find((a) => Date.parse(a.effectiveFrom) <= now) ?? null;
    const scheduled = activations.filter((a) => Date.parse(a.effectiveFrom) > now).reverse();
    return { active, scheduled, holidays, outbox, failedRuns, lastRuns };
  }

  async function expert(): Promise<ExpertHome> {
    const pending = await deps.reviews.list({ status: 'pending', limit: 1000, offset: 0 });
    return { waiting: pending.length, overdue: pending.filter((r) => r.overdue).length };
  }

  return {
    /** The home of a signed-in person: their role's sections, read in parallel. */
    async forUser(user: { name: string; role: Role }): Promise<HomeView> {
      const view: HomeView = { role: user.role };
      const wanted = SECTIONS[user.role];
      await Promise.all([
        wanted.includes('support') && support(user.name).then((s) => (view.support = s)),
        wanted.includes('sales') && sales(user.name).then((s) => (view.sales = s)),
        wanted.includes('manager') && manager().then((s) => (view.manager = s)),
        wanted.includes('admin') && admin().then((s) => (view.admin = s)),
        wanted.includes('expert') && expert().then((s) => (view.expert = s)),
      ]);
      return view;
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
