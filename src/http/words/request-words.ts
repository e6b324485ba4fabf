// The words of the service-request pages: intake, deadlines and their proof, responses. Part of the pages' words
// (src/http/i18n.ts), read through the one i18n helper (src/shared/i18n.ts).
import type { Words } from '../../shared/i18n.ts';

export const REQUEST_WORDS = {
  requests: { zh: '服务请求', en: 'Service requests' },
  newRequest: { zh: '受理服务请求', en: 'New service request' },
  newRequestHint: { zh: '先预览:系统按合同判定权益并计算响应截止时间,确认后再保存。', en: 'Preview first: the contract’s entitlement and the respond-by time are shown before you save.' },
  contract: { zh: '合同', en: 'Contract' },
  openedAt: { zh: '受理时间(北京时间)', en: 'Received at (Asia/Shanghai)' },
  requestSummary: { zh: '问题描述', en: 'Summary' },
  preview: { zh: '预览判定与截止时间', en: 'Preview decision and deadline' },
  confirmIntake: { zh: '确认受理', en: 'Open the request' },
  respondBy: { zh: '响应截止', en: 'Respond by' },
  noDeadline: { zh: '无响应时限', en: 'No response window' },
  timeLeft: { zh: '剩余(工作小时)', en: 'Left (working hours)' },
  calendar: { zh: '工作日历', en: 'Calendar' },
  proof: { zh: '截止时间依据', en: 'How the deadline was computed' },
  intervalsCounted: { zh: '计入的工作时段', en: 'Working time counted' },
  hours: { zh: '小时', en: 'hours' },
  holidaysSkipped: { zh: '跳过的节假日', en: 'Holidays skipped' },
  makeUpDaysCounted: { zh: '计入的调休上班日', en: 'Make-up working days counted' },
  notEntitled: { zh: '无权受理', en: 'Not entitled' },
  noRequests: { zh: '没有符合条件的服务请求', en: 'No service requests match' },
  respond: { zh: '登记响应', en: 'Record the response' },
  respondedAt: { zh: '响应时间(北京时间)', en: 'Responded at (Asia/Shanghai)' },
  respondedBy: { zh: '响应人', en: 'Responded by' },
  policyVersion: { zh: '策略版本', en: 'Policy version' },
  toRespond: { zh: '响应用时(工作小时)', en: 'Time to respond (working hours)' },
  createdBy: { zh: '受理人', en: 'Opened by' },
} as const satisfies Words;
