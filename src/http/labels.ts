// The names pages show for codes (roles, statuses, offerings, tiers…), Chinese and English, used by {{label}}.
import { ROLE_NAMES } from '../accounts/roles.ts';
import { OFFERINGS, TIERS } from '../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../catalog/catalog-names.ts';
import { HOLIDAY_REMINDER_JOB, HOLIDAY_REMINDER_LABEL } from '../holidays/holiday-reminder.ts';
import { SHEET_KINDS } from '../policy-workbook/sheet-kinds.ts';
import { REPORT_KINDS } from '../report/report-kinds.ts';

export const LABELS = {
  role: ROLE_NAMES,
  status: {
    draft: { zh: '草稿', en: 'draft' },
    scheduled: { zh: '待生效', en: 'scheduled' },
    active: { zh: '生效中', en: 'active' },
    superseded: { zh: '已被取代', en: 'superseded' },
    withdrawn: { zh: '已撤回', en: 'withdrawn' },
  },
  // Pages name an offering in its short form, beside the other offering.
  offering: Object.fromEntries(OFFERINGS.map((o) => [o, OFFERING_NAMES[o].short])),
  tier: Object.fromEntries(TIERS.map((t) => [t, { zh: TIER_NAMES[t].zh, en: TIER_NAMES[t].en }])),
  channel: {
    standard: { zh: '标准', en: 'standard' },
    dedicated: { zh: '专属坐席', en: 'dedicated agent' },
  },
  unit: {
    working_day: { zh: '工作日', en: 'working days' },
    working_hour: { zh: '工作小时', en: 'working hours' },
  },
  // Every table kind a policy workbook may hold, as its sheet kind names it.
  tableKind: Object.fromEntries(SHEET_KINDS.flatMap((kind) => Object.entries(kind.tables))),
  contactRole: {
    contact: { zh: '客户联系人', en: 'Customer contact' },
    csm: { zh: '客户成功经理', en: 'Customer-success manager' },
  },
  priceSetting: {
    vat: { zh: '增值税率', en: 'VAT rate' },
    sales_discount_limit: { zh: '销售自主折扣上限', en: 'Discount sales may give alone' },
    discount_maximum: { zh: '折扣上限', en: 'Maximum discount' },
  },
  quoteStatus: {
    issued: { zh: '已出具', en: 'issued' },
    pending_approval: { zh: '待审批', en: 'pending approval' },
    rejected: { zh: '已驳回', en: 'rejected' },
  },
  // The units a quote line is counted in (QuoteUnit), as the price list names them.
  quoteUnit: {
    年: { zh: '年', en: 'years' },
    人天: { zh: '人天', en: 'person-days' },
    项: { zh: '项', en: 'items' },
    次: { zh: '次', en: 'uses' },
  },
  outboxState: {
    pending: { zh: '待发送', en: 'pending' },
    failing: { zh: '发送失败(重试中)', en: 'failing (retrying)' },
    sent: { zh: '已发送', en: 'sent' },
  },
  holidayKind: {
    off: { zh: '休', en: 'day off' },
    work: { zh: '班', en: 'working day' },
  },
  holidayRowStatus: {
    added: { zh: '新增', en: 'added' },
    changed: { zh: '变更', en: 'changed' },
    unchanged: { zh: '已有,不变', en: 'already so' },
  },
  daySource: {
    shipped: { zh: '系统内置', en: 'shipped data' },
    workbook: { zh: '工作簿“节假日”表', en: 'the workbook’s 节假日 sheet' },
    both: { zh: '系统内置与工作簿', en: 'shipped data and the workbook' },
  },
  calendarField: {
    week: { zh: '工作日与工作时间', en: 'working days and hours' },
    observesHolidays: { zh: '是否遵循法定节假日', en: 'observes public holidays' },
  },
  // The response against its window (a request's work has its own status, requestState).
  requestStatus: {
    open: { zh: '待响应', en: 'awaiting response' },
    at_risk: { zh: '即将超时', en: 'at risk' },
    met: { zh: '按时响应', en: 'met' },
    breached: { zh: '已超时', en: 'breached' },
    overdue: { zh: '已超时未响应', en: 'overdue, unanswered' },
  },
  resolutionStatus: {
    none: { zh: '不判定', en: 'not judged' },
    open: { zh: '解决中', en: 'in time' },
    at_risk: { zh: '即将超时', en: 'at risk' },
    paused: { zh: '已暂停(待客户反馈)', en: 'paused (waiting for the customer)' },
    met: { zh: '按时解决', en: 'met' },
    breached: { zh: '解决超时', en: 'breached' },
  },
  requestState: {
    new: { zh: '新建', en: 'New' },
    in_progress: { zh: '处理中', en: 'In progress' },
    waiting_customer: { zh: '待客户反馈', en: 'Waiting for customer' },
    resolved: { zh: '已解决', en: 'Resolved' },
    closed: { zh: '已关闭', en: 'Closed' },
    active: { zh: '未完成', en: 'Open' },
    all: { zh: '全部', en: 'All' },
  },
  priority: {
    P1: { zh: 'P1 紧急', en: 'P1 Critical' },
    P2: { zh: 'P2 高', en: 'P2 High' },
    P3: { zh: 'P3 中', en: 'P3 Medium' },
    P4: { zh: 'P4 低', en: 'P4 Low' },
  },
  requestAction: {
    opened: { zh: '受理', en: 'Opened' },
    assigned: { zh: '指派', en: 'Assigned' },
    priority: { zh: '调整优先级', en: 'Priority changed' },
    state: { zh: '变更状态', en: 'Status changed' },
    note: { zh: '内部备注', en: 'Internal note' },
    reply: { zh: '回复客户', en: 'Reply to customer' },
    responded: { zh: '首次响应', en: 'First response' },
    resolved: { zh: '解决', en: 'Resolved' },
    closed: { zh: '关闭', en: 'Closed' },
    reopened: { zh: '重新打开', en: 'Reopened' },
  },
  commentKind: {
    note: { zh: '内部备注', en: 'Internal note' },
    reply: { zh: '回复客户', en: 'Reply to customer' },
  },
  // Every scheduled job as the run lists name it: each report kind, and the holiday reminder.
  reportJob: Object.fromEntries([...REPORT_KINDS.map((k) => [k.name, k.label] as const), [HOLIDAY_REMINDER_JOB, HOLIDAY_REMINDER_LABEL] as const]),
  runTrigger: {
    schedule: { zh: '计划', en: 'schedule' },
    'catch-up': { zh: '补运行', en: 'catch-up' },
    manual: { zh: '手动', en: 'by hand' },
  },
  reviewStatus: {
    pending: { zh: '待审核', en: 'waiting' },
    approved: { zh: '已批准', en: 'approved' },
    released: { zh: '超期,按系统建议发出', en: 'overdue, sent as system advice' },
  },
  runStatus: {
    running: { zh: '运行中', en: 'running' },
    done: { zh: '完成', en: 'done' },
    failed: { zh: '失败(将重试)', en: 'failed (retried)' },
  },
  runOrder: {
    newest: { zh: '最近运行在前', en: 'latest run first' },
    oldest: { zh: '最早运行在前', en: 'earliest run first' },
    period: { zh: '按报告期,最近在前', en: 'by period, latest first' },
  },
  change: {
    added: { zh: '新增', en: 'added' },
    removed: { zh: '移除', en: 'removed' },
    changed: { zh: '变更', en: 'changed' },
  },
} as const;
