// The words of approvals: the inbox (/approvals), the decision on a quote's page, and its record afterwards.
// Part of the pages' words (src/http/i18n.ts).
import type { Words } from '../../shared/i18n.ts';

export const APPROVAL_WORDS = {
  approvals: { zh: '审批', en: 'Approvals' },
  approvalsTitle: { zh: '待审批的报价单', en: 'Quotes waiting for approval' },
  approvalsIntro: { zh: '折扣超出销售自主权限的报价单,最早提交的在前。打开报价单,批准或填写理由驳回。', en: 'Quotes with a discount beyond what sales may give alone, the oldest first. Open a quote to approve it, or to reject it with a reason.' },
  approvalsWaitingBadge: { zh: ' 份报价单待审批', en: ' quotes waiting' },
  noApprovals: { zh: '没有待审批的报价单。', en: 'No quotes are waiting for approval.' },
  overLimit: { zh: '超出自主上限', en: 'Over the limit' },
  overLimitBy: { zh: '超出 {over}(上限 {limit})', en: '{over} over ({limit} limit)' },
  askedBy: { zh: '申请人', en: 'Asked by' },
  askedAt: { zh: '提交时间', en: 'Asked at' },
  waitingDays: { zh: '已等待 {n} 天', en: 'waiting {n} days' },
  ownQuoteShort: { zh: '您出具的,须由另一位经理审批', en: 'yours: another manager decides' },
  decisionTitle: { zh: '审批', en: 'Decision' },
  decisionAsk: { zh: '折扣 {discount} 超出销售自主上限 {limit},需经理批准后才能出具。', en: 'The discount of {discount} is over sales’ own limit of {limit}: a manager must approve it before it is issued.' },
  approveNote: { zh: '审批意见(选填)', en: 'Note (optional)' },
  rejectReason: { zh: '驳回理由(必填,销售会看到)', en: 'Reason for rejecting (required; the sales user sees it)' },
  ownQuoteNotice: { zh: '这是您出具的报价单:折扣须由另一位经理审批,您不能自己批准或驳回。', en: 'You made this quote: another manager must approve its discount; you cannot approve or reject it yourself.' },
  decisionRecord: { zh: '审批记录', en: 'Approval record' },
  decisionOutcome: { zh: '结果', en: 'Outcome' },
  decisionApproved: { zh: '已批准', en: 'Approved' },
  decisionRejected: { zh: '已驳回', en: 'Rejected' },
  decidedBy: { zh: '审批人', en: 'Decided by' },
  quoteDecidedAt: { zh: '审批时间(北京时间)', en: 'Decided at (Beijing time)' },
  rejectionReason: { zh: '驳回理由', en: 'Reason' },
  approvalNote: { zh: '审批意见', en: 'Note' },
  noNoteGiven: { zh: '未填写', en: 'none given' },
  rejectedWithReason: { zh: '经理 {by} 驳回了此报价,理由:{reason}', en: '{by} rejected this quotation. Reason: {reason}' },
} as const satisfies Words;
