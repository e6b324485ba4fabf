// Report values as the report builders would produce them: a busy 尊享 year, a 优选 year without requests,
// a month of two offerings, and one at-risk request. Names carry markup and Handlebars syntax on purpose.
import type { AtRiskAlert } from '../../src/report/kinds/at-risk/at-risk-kind.ts';
import type { MonthlyReport } from '../../src/report/kinds/monthly/monthly-report.ts';
import type { YearlyReport } from '../../src/report/kinds/yearly/yearly-report.ts';
import type { BreachLine, ComplianceFigures, MonthBar, OpenRequestLine } from '../../src/report/report-types.ts';

/** Markup and a Handlebars expression in a customer's name: must be escaped in HTML and left alone in text. */
export const HOSTILE_CUSTOMER = '<script>alert("x")</script> & {{x}} 贸易公司';
export const HOSTILE_SUMMARY = '登录后白屏 <img src=x onerror=alert(1)> {{x}}';

/** 2026-12-01 09:00 in Shanghai: the reports' cut-off. */
export const CUTOFF = '2026-12-01T01:00:00.000Z';

export function figures(requests: number, met: number, breached: number, open = 0, withoutWindow = 0, medianHoursToRespond: number | null = null): ComplianceFigures {
  const judged = met + breached;
  return {
    requests,
    met,
    breached,
    open,
    withoutWindow,
    metBasisPoints: judged === 0 ? null : Math.round((met / judged) * 10000),
    medianHoursToRespond,
  };
}

/** Month bars the way the builder sizes them: whole percent of the busiest month. */
export function monthBars(counts: Array<[month: string, requests: number, breached: number]>): MonthBar[] {
  const busiest = Math.max(1, ...counts.map(([, requests]) => requests));
  return counts.map(([month, requests, breached]) => {
    const met = requests - breached;
    return {
      month,
      requests,
      met,
      breached,
      open: 0,
      withoutWindow: 0,
      metWidth: Math.round((met / busiest) * 100),
      breachedWidth: Math.round((breached / busiest) * 100),
      otherWidth: 0,
    };
  });
}

export function breachLine(overrides: Partial<BreachLine> = {}): BreachLine {
  return {
    requestId: 1042,
    customerName: '上海星河精密制造有限公司',
    offering: 'cloud',
    tier: 'premium',
    service: 'emergency_fault',
    serviceName: '紧急故障处理',
    openedAt: '2026-03-16T02:30:00.000Z', // 10:30 in Shanghai
    respondBy: '2026-03-16T05:30:00.000Z', // 13:30: two working hours, lunch excluded
    respondedAt: '2026-03-16T08:45:00.000Z', // 16:45
    hoursLate: 3.25,
    ...overrides,
  };
}

export function openRequest(overrides: Partial<OpenRequestLine> = {}): OpenRequestLine {
  return {
    requestId: 2077,
    contractId: 42,
    customerName: '杭州云帆物流股份有限公司',
    offering: 'on_premise',
    tier: 'preferred',
    service: 'issue_feedback',
    serviceName: '7*24问题反馈',
    summary: '月末结账时凭证无法过账',
    openedAt: '2026-11-27T09:00:00.000Z', // Friday 17:00
    respondBy: '2026-11-30T04:00:00.000Z', // Monday 12:00: one hour on Friday, three on Monday
    workingHoursLeft: 1.5,
    windowHours: 4,
    ...overrides,
  };
}

const YEAR_MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

/** 48 requests, 45 met, 3 breached (9375 bp); March is the busiest month (8, 2 of them late); February had none. */
export function yearlyReport(overrides: Partial<YearlyReport> = {}): YearlyReport {
  const perMonth: Record<string, [number, number]> = { '2026-02': [0, 0], '2026-03': [8, 2], '2026-11': [4, 1] };
  return {
    kind: 'yearly',
    contract: { id: 42, customerName: '上海星河精密制造有限公司', offering: 'cloud', tier: 'premium', startsOn: '2024-12-01', endsOn: '2027-11-30' },
    period: { start: '2025-12-01', end: '2026-11-30' },
    cutoff: CUTOFF,
    policyVersion: 3,
    entitlements: [
      { service: 'phone_support', name: '7*24电话支持', grant: '专属坐席' },
      { service: 'issue_feedback', name: '7*24问题反馈', grant: '0.5工作日响应' },
      { service: 'emergency_fault', name: '紧急故障处理', grant: '2工作小时响应' },
      { service: 'system_ops', name: '系统运维', grant: '7*12小时' },
      { service: 'code_diagnosis', name: '开发技术支持', grant: '代码诊断(限一年四次,2人天/次,非现场)' },
    ],
    quotas: [
      { service: 'code_diagnosis', name: '开发技术支持', allowed: 4, used: 3, remaining: 1, personDaysEach: 2 },
      { service: 'app_improvement', name: '应用提升支持', allowed: null, used: 2, remaining: null, personDaysEach: null },
    ],
    totals: figures(48, 45, 3, 0, 0, 2.75),
    byService: [
      { service: 'issue_feedback', name: '7*24问题反馈', ...figures(32, 31, 1, 0, 0, 3.25) },
      { service: 'emergency_fault', name: '紧急故障处理', ...figures(16, 14, 2, 0, 0, 1.5) },
    ],
    breaches: [
      breachLine(),
      breachLine({ requestId: 1043, openedAt: '2026-03-18T01:00:00.000Z', respondBy: '2026-03-18T03:00:00.000Z', respondedAt: '2026-03-18T03:30:00.000Z', hoursLate: 0.5 }),
      breachLine({
        requestId: 1187,
        service: 'issue_feedback',
        serviceName: '7*24问题反馈',
        openedAt: '2026-11-27T02:00:00.000Z',
        respondBy: '2026-11-27T07:00:00.000Z',
        respondedAt: null,
        hoursLate: 11,
      }),
    ],
    months: monthBars(YEAR_MONTHS.map((m) => [m, ...(perMonth[m] ?? [4, 0])] as [string, number, number])),
    advice: {
      heading: 'expert',
      lines: [
        { code: 'emergency_late', service: 'emergency_fault', zh: '紧急故障有 2 次超时,建议梳理值班安排。', en: 'Two emergency faults were answered late; review the on-call rota.' },
        { code: 'code_diagnosis_left', service: 'code_diagnosis', zh: '代码诊断尚余 1 次,建议在合同年度结束前使用。', en: 'One code diagnosis is left; use it before the contract year ends.' },
      ],
    },
    facts: { requests: 48, breached: 3, codeDiagnosisUsed: 3, busiestService: 'issue_feedback' },
    ...overrides,
  };
}

/** A 优选 on-premise year in which nothing was asked: nothing judged, so no met %. */
export function zeroRequestYear(overrides: Partial<YearlyReport> = {}): YearlyReport {
  return yearlyReport({
    contract: { id: 77, customerName: '苏州安泰医疗器械有限公司', offering: 'on_premise', tier: 'preferred', startsOn: '2025-07-01', endsOn: '2026-06-30' },
    period: { start: '2025-07-01', end: '2026-06-30' },
    entitlements: [
      { service: 'issue_feedback', name: '7*24问题反馈', grant: '1工作日响应' },
      { service: 'code_diagnosis', name: '开发技术支持', grant: '代码诊断(限一年两次,2人天/次,非现场)' },
    ],
    quotas: [{ service: 'code_diagnosis', name: '开发技术支持', allowed: 2, used: 0, remaining: 2, personDaysEach: 2 }],
    totals: figures(0, 0, 0),
    byService: [],
    breaches: [],
    months: monthBars(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((m) => [m, 0, 0])),
    advice: { heading: 'suggestions', lines: [] },
    facts: { requests: 0 },
    ...overrides,
  });
}

export function monthlyReport(overrides: Partial<MonthlyReport> = {}): MonthlyReport {
  return {
    kind: 'monthly',
    month: '2026-11',
    cutoff: CUTOFF,
    groups: [
      { offering: 'cloud', tier: 'basic', ...figures(20, 17, 2, 1, 0, 6) },
      { offering: 'cloud', tier: 'preferred', ...figures(12, 12, 0, 0, 0, 3.5) },
      { offering: 'cloud', tier: 'premium', ...figures(8, 7, 1, 0, 0, 1.25) },
      { offering: 'on_premise', tier: 'basic', ...figures(0, 0, 0) },
      { offering: 'on_premise', tier: 'preferred', ...figures(6, 5, 0, 1, 0, 4) },
      { offering: 'on_premise', tier: 'premium', ...figures(0, 0, 0) },
    ],
    totals: figures(46, 41, 3, 2, 0, 3.75),
    worst: [
      breachLine({
        requestId: 3001,
        customerName: '宁波海曙五金制品厂',
        tier: 'basic',
        service: 'issue_feedback',
        serviceName: '7*24问题反馈',
        openedAt: '2026-11-24T01:00:00.000Z', // Tuesday 09:00, two working days
        respondBy: '2026-11-25T10:00:00.000Z', // Wednesday 18:00
        respondedAt: null,
        hoursLate: 24,
      }),
      breachLine({ requestId: 2990, openedAt: '2026-11-19T06:00:00.000Z', respondBy: '2026-11-19T08:00:00.000Z', respondedAt: '2026-11-19T09:15:00.000Z', hoursLate: 1.25 }),
    ],
    // Monday 16:00 → Tuesday 11:00; two working hours left at 09:00 on Tuesday.
    atRisk: [openRequest({ requestId: 3010, openedAt: '2026-11-30T08:00:00.000Z', respondBy: '2026-12-01T03:00:00.000Z', workingHoursLeft: 2 })],
    ...overrides,
  };
}

export function emptyMonthlyReport(): MonthlyReport {
  const base = monthlyReport();
  return { ...base, month: '2026-02', groups: base.groups.map((g) => ({ ...g, ...figures(0, 0, 0) })), totals: figures(0, 0, 0), worst: [], atRisk: [] };
}

export function atRiskAlert(overrides: Partial<OpenRequestLine> = {}): AtRiskAlert {
  // Monday 10:30: an hour and a half before the deadline.
  return { kind: 'at-risk', cutoff: '2026-11-30T02:30:00.000Z', request: openRequest(overrides) };
}
