// What is wrong with a stored contract without making it invalid: it is kept, and people are told until it is fixed.
// 尊享 promises a named customer-success manager (指定客户成功经理, docs/domain.md); a 尊享 contract whose customer has
// no contact in that role is saved with a NO_CSM warning, shown on the contract page and in the API's answers.
import type { Contract, Customer } from './contract-store.ts';

export interface ContractWarning {
  code: 'NO_CSM';
  /** "中文 / English", as the API's messages are. */
  message: string;
  /** The same in one language, for pages. */
  messageZh: string;
  messageEn: string;
  details: { customerId: number; customerName: string };
}

/** Whether the customer has a named customer-success manager (a contact in the csm role). */
export function hasNamedCsm(customer: Pick<Customer, 'contacts'>): boolean {
  return customer.contacts.some((c) => c.role === 'csm');
}

export function contractWarnings(contract: Pick<Contract, 'tier'>, customer: Pick<Customer, 'id' | 'name' | 'contacts'>): ContractWarning[] {
  if (contract.tier !== 'premium' || hasNamedCsm(customer)) return [];
  const messageZh = `尊享服务承诺指定客户成功经理,但客户“${customer.name}”还没有客户成功经理:请在客户资料中添加角色为“客户成功经理”的联系人(年度服务报告会抄送给他)`;
  const messageEn = `Premium promises a named customer-success manager, but customer "${customer.name}" has none: add a contact in the customer-success manager role on the customer's page (the yearly report is copied to them)`;
  return [
    {
      code: 'NO_CSM',
      message: `${messageZh} / ${messageEn.replace(/^Premium/, '尊享 (premium)')}`,
      messageZh,
      messageEn,
      details: { customerId: customer.id, customerName: customer.name },
    },
  ];
}
