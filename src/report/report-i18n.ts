// The words of the report e-mails and workbooks: Chinese first, English on request. Kept apart from the pages'
// words (src/http/i18n.ts) because reports are sent by jobs and must not depend on the web layer; read through
// the same i18n helper (src/shared/i18n.ts: `{name}` placeholders, one rule for a missing key).
import { LANGS, translator, type Lang, type Words } from '../shared/i18n.ts';

export type ReportLang = Lang;
export const REPORT_LANGS: readonly ReportLang[] = LANGS;

export const REPORT_TEXT = {
  brand: { zh: '金蝶云星空', en: 'Kingdee Cloud Galaxy' },
  bandTitle: { zh: '服务报告', en: 'Service report' },
  cutoffLine: { zh: '数据截至 {time}(北京时间):此后的响应与使用不计入本报告。本邮件由系统自动生成,请勿直接回复。', en: 'Figures as of {time} (Beijing time): later responses and uses are not counted. This e-mail was generated automatically; please do not reply to it.' },
  provisionalLine: { zh: '期间尚未结束:数据截至 {time}(北京时间),仅供参考,正式报告以截止时间的数据为准。', en: 'The period is not over: figures as of {time} (Beijing time), for reference only; the report proper is fixed at its cut-off.' },
  cutoff: { zh: '数据截止时间', en: 'Figures as of' },
  revision: { zh: '版本', en: 'Revision' },
  correctedNote: { zh: '更正版(第 {revision} 版):本报告取代此前就同一合同年度发出的报告。', en: 'Corrected (revision {revision}): this report replaces the one sent earlier for the same contract year.' },
  periodLine: { zh: '报告期间:{period}', en: 'Period: {period}' },
  dateRange: { zh: '{start} 至 {end}', en: '{start} to {end}' },
  timesNote: { zh: '时间均为北京时间;工作小时按合同的工作日历计算。', en: 'Times are Beijing time; working hours follow the contract’s working calendar.' },

  // Subjects
  yearlySubject: { zh: '【金蝶云星空】{customer} 年度服务报告({start} 至 {end})', en: '[Kingdee Cloud Galaxy] {customer} yearly service report ({start} to {end})' },
  yearlySubjectCorrected: { zh: '【金蝶云星空】【更正版】{customer} 年度服务报告({start} 至 {end})第 {revision} 版', en: '[Kingdee Cloud Galaxy] [Corrected] {customer} yearly service report ({start} to {end}), revision {revision}' },
  monthlySubject: { zh: '【金蝶云星空】响应时效月报 {month}', en: '[Kingdee Cloud Galaxy] Response-time report {month}' },
  atRiskSubject: { zh: '【即将超时】#{id} {customer} · {service} · 应于 {respondBy} 前响应', en: '[Deadline at risk] #{id} {customer} · {service} · respond by {respondBy}' },

  // Yearly
  yearlyKind: { zh: '年度服务报告', en: 'Yearly service report' },
  yearlyTitle: { zh: '{customer} 年度服务报告', en: '{customer}: yearly service report' },
  contractYear: { zh: '合同年度', en: 'Contract year' },
  contract: { zh: '合同', en: 'Contract' },
  customer: { zh: '客户', en: 'Customer' },
  offering: { zh: '部署形态', en: 'Offering' },
  tier: { zh: '服务产品', en: 'Service tier' },
  policyVersion: { zh: '政策版本', en: 'Policy version' },
  entitlements: { zh: '服务权益', en: 'Entitlements' },
  grant: { zh: '权益内容', en: 'Grant' },
  noEntitlements: { zh: '该服务产品没有列出服务项目', en: 'The tier lists no services' },
  quotas: { zh: '次数额度', en: 'Quotas' },
  noQuotas: { zh: '该服务产品没有次数限制的服务', en: 'The tier has no services limited in number' },
  used: { zh: '已用', en: 'Used' },
  allowed: { zh: '额度', en: 'Allowed' },
  remaining: { zh: '剩余', en: 'Remaining' },
  personDaysEach: { zh: '每次人天', en: 'Person-days each' },
  unlimited: { zh: '不限', en: 'unlimited' },
  totals: { zh: '总体情况', en: 'Totals' },
  byService: { zh: '按服务项目', en: 'By service' },
  breaches: { zh: '超时明细', en: 'Missed deadlines' },
  noBreachesYear: { zh: '本合同年度没有超时的请求', en: 'No request missed its deadline in this contract year' },
  monthChart: { zh: '逐月情况', en: 'Month by month' },
  zeroRequestsYear: { zh: '本合同年度未提交服务请求', en: 'No service requests were made in this contract year' },
  adviceExpert: { zh: '总部专家建议', en: 'Expert advice from headquarters' },
  adviceSystem: { zh: '系统建议', en: 'System advice' },
  adviceDraft: { zh: '建议草稿(待总部专家审核)', en: 'Draft advice (awaiting a headquarters expert)' },
  adviceSuggestions: { zh: '服务建议', en: 'Suggestions' },
  reviewedBy: { zh: '审核专家:{name}({time})', en: 'Reviewed by {name} ({time})' },
  systemAdviceNote: { zh: '以上建议由系统根据本年度数据生成,未经总部专家审核。', en: 'This advice was generated from the year’s figures and has not been reviewed by a headquarters expert.' },
  noAdvice: { zh: '本年度无特别建议', en: 'No particular advice this year' },

  // Figures
  service: { zh: '服务项目', en: 'Service' },
  group: { zh: '部署形态 / 服务产品', en: 'Offering / tier' },
  requests: { zh: '请求数', en: 'Requests' },
  met: { zh: '按时响应', en: 'Met' },
  breached: { zh: '超时', en: 'Breached' },
  open: { zh: '未到期', en: 'Open' },
  withoutWindow: { zh: '无响应时限', en: 'No window' },
  other: { zh: '其他', en: 'Other' },
  metPercent: { zh: '按时率', en: 'Met %' },
  medianHours: { zh: '响应中位数(工作小时)', en: 'Median hours to respond' },
  total: { zh: '合计', en: 'Total' },
  month: { zh: '月份', en: 'Month' },
  legend: { zh: '绿色:按时响应;红色:超时;灰色:未到期或无响应时限。条长以请求最多的月份为满格。', en: 'Green: met; red: breached; grey: open or without a window. The busiest month fills the bar.' },
  textLegend: { zh: '= 按时响应  x 超时  - 未到期或无响应时限', en: '= met  x breached  - open or without a window' },
  monthCounts: { zh: '{requests} 个请求:按时 {met},超时 {breached},其他 {other}', en: '{requests} requests: {met} met, {breached} breached, {other} other' },
  figureLine: { zh: '请求 {requests},按时 {met},超时 {breached},未到期 {open},无时限 {withoutWindow},按时率 {percent},响应中位数 {median}', en: '{requests} requests, {met} met, {breached} breached, {open} open, {withoutWindow} without a window, met {percent}, median time to respond {median}' },
  workingHours: { zh: '{hours} 工作小时', en: '{hours} working hours' },

  // Requests
  requestNo: { zh: '请求', en: 'Request' },
  summary: { zh: '摘要', en: 'Summary' },
  openedAt: { zh: '提交时间', en: 'Opened' },
  respondBy: { zh: '响应时限', en: 'Respond by' },
  respondedAt: { zh: '响应时间', en: 'Responded' },
  unanswered: { zh: '未响应', en: 'unanswered' },
  hoursLate: { zh: '超时(工作小时)', en: 'Hours late (working)' },
  hoursLeft: { zh: '剩余/窗口(工作小时)', en: 'Left / window (working hours)' },
  hoursLeftOf: { zh: '{left} / {window}', en: '{left} / {window}' },
  breachLine: { zh: '#{id} {service},提交 {opened},时限 {deadline},响应 {responded},超时 {late} 工作小时', en: '#{id} {service}, opened {opened}, due {deadline}, responded {responded}, {late} working hours late' },
  openLine: { zh: '#{id} {customer} · {service},时限 {deadline},剩余 {left} / {window} 工作小时', en: '#{id} {customer} · {service}, due {deadline}, {left} of {window} working hours left' },

  // Monthly
  monthlyKind: { zh: '响应时效月报', en: 'Response-time report' },
  monthlyTitle: { zh: '{month} 响应时效月报', en: 'Response times, {month}' },
  byGroup: { zh: '按部署形态与服务产品', en: 'By offering and tier' },
  zeroRequestsMonth: { zh: '本月未收到服务请求', en: 'No service requests were made this month' },
  worst: { zh: '最严重的超时', en: 'Worst missed deadlines' },
  noWorst: { zh: '本月没有超时的请求', en: 'No request missed its deadline this month' },
  atRiskList: { zh: '即将超时的未响应请求', en: 'Unanswered requests at risk' },
  noAtRisk: { zh: '目前没有即将超时的请求', en: 'No request is at risk right now' },

  // At-risk alert
  atRiskKind: { zh: '即将超时提醒', en: 'Deadline at risk' },
  atRiskTitle: { zh: '请求 #{id} 即将超过响应时限', en: 'Request #{id} is about to miss its deadline' },
  hoursLeftSentence: { zh: '距响应时限仅剩 {left} 个工作小时(窗口 {window} 工作小时)', en: 'Only {left} working hours are left before the deadline (window: {window} working hours)' },
  deadlineReached: { zh: '已到响应时限(窗口 {window} 工作小时),请立即响应', en: 'The deadline has been reached (window: {window} working hours); respond now' },
  atRiskAction: { zh: '请尽快安排人员响应该请求。', en: 'Please have someone respond to this request now.' },

  // Workbook sheets
  sheetSummary: { zh: '概览', en: 'Summary' },
  sheetByService: { zh: '按服务', en: 'By service' },
  sheetBreaches: { zh: '超时明细', en: 'Breaches' },
  sheetMonths: { zh: '按月', en: 'By month' },
  sheetAdviceExpert: { zh: '专家建议', en: 'Expert advice' },
  sheetAdviceSystem: { zh: '系统建议', en: 'System advice' },
  sheetAdviceDraft: { zh: '建议草稿', en: 'Draft advice' },
  reviewer: { zh: '审核专家', en: 'Reviewed by' },
  sheetAdviceSuggestions: { zh: '服务建议', en: 'Suggestions' },
  sheetFacts: { zh: '事实', en: 'Facts' },
  sheetGroups: { zh: '按服务产品', en: 'By tier' },
  sheetWorst: { zh: '最严重超时', en: 'Worst breaches' },
  sheetAtRisk: { zh: '风险请求', en: 'At risk' },
  item: { zh: '项目', en: 'Item' },
  value: { zh: '值', en: 'Value' },
  fact: { zh: '事实', en: 'Fact' },
  advice: { zh: '建议', en: 'Advice' },
  adviceCode: { zh: '规则', en: 'Rule' },
  generated: { zh: '生成时间', en: 'Generated' },
  periodStart: { zh: '期间开始', en: 'Period start' },
  periodEnd: { zh: '期间结束', en: 'Period end' },
  serviceCode: { zh: '代码', en: 'Code' },
  workingHoursLeft: { zh: '剩余工作小时', en: 'Working hours left' },
  windowHours: { zh: '窗口工作小时', en: 'Window (working hours)' },
  note: { zh: '说明', en: 'Note' },
  beijingTime: { zh: '(北京时间)', en: ' (Beijing time)' },
} as const satisfies Words;

export type ReportTextKey = keyof typeof REPORT_TEXT;

/** A report's words in `lang`; keys come from templates too, so any string is taken. */
export const reportText = translator('report', REPORT_TEXT);
