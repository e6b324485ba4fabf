// Who a report goes to (a yearly one: the contract's customer; the managers' ones: REPORT_MANAGERS), and the
// problems a run names about a contract so that a person can fix the data.
import { shownSafely } from '../shared/name-text.ts';
import { isEmailAddress } from './outbox/outbox-store.ts';
import type { ReportContract } from './report-data-store.ts';
import { lacksCsm } from './kinds/yearly/yearly-report.ts';

/** What a run to the service managers says when none are configured. */
export const NO_MANAGERS = {
  zh: '未配置服务经理邮箱(REPORT_MANAGERS):此报告无人可发',
  en: 'No service managers’ addresses are configured (REPORT_MANAGERS): nobody to send this report to',
};

export interface Problem {
  /** A stable code for programs, e.g. NO_CSM; absent for problems named only in words. */
  code?: string;
  zh: string;
  en: string;
}

/** To: the customer's contacts; Cc: its customer-success managers. Without contacts, the CSM is addressed. */
export function yearlyRecipients(contract: ReportContract): { to: string[]; cc: string[]; invalid: { name: string; email: string }[] } {
  const usable = contract.contacts.filter((c) => c.email);
  const invalid = usable.filter((c) => !isEmailAddress(c.email!)).map((c) => ({ name: c.name, email: c.email! }));
  const good = usable.filter((c) => isEmailAddress(c.email!));
  const unique = (list: string[]) => [...new Set(list)];
  const to = unique(good.filter((c) => c.role === 'contact').map((c) => c.email!));
  const cc = unique(good.filter((c) => c.role === 'csm').map((c) => c.email!)).filter((a) => !to.includes(a));
  return to.length ? { to, cc, invalid } : { to: cc, cc: [], invalid };
}

/**
 * What a yearly run says about a contract before sending: stored addresses that break the contact rule (saved
 * before it, see `entitle doctor`) are named and never sent to — "a@x.com,b@y.com" would reach two people, and a
 * display name can carry headers — and a 尊享 customer without a customer-success manager is named, since the
 * tier promises one (the report still goes to the contacts).
 */
export function contractProblems(contract: ReportContract, invalid: { name: string; email: string }[]): Problem[] {
  const problems: Problem[] = [];
  for (const bad of invalid) {
    const shown = shownSafely(bad.email);
    problems.push({
      code: 'INVALID_ADDRESS',
      zh: `客户「${contract.customerName}」(#${contract.customerId})的联系人 ${shownSafely(bad.name)} 的邮箱 ${shown} 不是单个有效地址,未向其发送;请在客户页面 /customers/${contract.customerId} 改正(entitle doctor 列出所有此类联系人)`,
      en: `Customer "${contract.customerName}" (#${contract.customerId}): contact ${shownSafely(bad.name)} has the address ${shown}, which is not one valid address, so nothing was sent to it; correct it on /customers/${contract.customerId} (entitle doctor lists every such contact)`,
    });
  }
  if (lacksCsm(contract)) {
    problems.push({
      code: 'NO_CSM',
      zh: `尊享合同 #${contract.id}(${contract.customerName})的客户没有客户成功经理(CSM)联系人:尊享服务承诺专属客户成功经理,年度报告无人抄送;请在客户页面 /customers/${contract.customerId} 添加角色为客户成功经理的联系人`,
      en: `Premium contract #${contract.id} (${contract.customerName}): the customer has no customer-success manager (CSM) contact, which the Premium tier promises, so nobody is copied on the yearly report; add a contact with the CSM role on /customers/${contract.customerId}`,
    });
  }
  return problems;
}
