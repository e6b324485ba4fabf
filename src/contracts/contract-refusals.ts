// How the contract domain refuses: a code for programs, a message in Chinese and English for people, and for
// each field at fault what is wrong and what to do, in both languages, worded to stand beside the field.
import { serviceName } from '../catalog/catalog-names.ts';
import { DomainError } from '../shared/domain-error.ts';

export type ContractErrorCode = 'VALIDATION_FAILED' | 'CUSTOMER_NOT_FOUND' | 'CONTRACT_NOT_FOUND' | 'CUSTOMER_EXISTS' | 'ON_PREMISE_ONLY' | 'NOT_A_SPECIAL_SERVICE';

/**
 * What is wrong with one field: `message` in English (the API's), `messageZh` in Chinese, each saying what is
 * wrong and what to do, worded to stand next to the field (the field's own name is the page's to give).
 */
export interface FieldProblem {
  field: string;
  message: string;
  messageZh: string;
}

export class ContractError extends DomainError<ContractErrorCode, FieldProblem[]> {}

/** The fields as people know them, for a refusal's one-line message (the API's, the CLI's). */
const FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  offering: { zh: '部署', en: 'offering' },
  tier: { zh: '服务产品', en: 'tier' },
  startsOn: { zh: '开始日期', en: 'start date' },
  endsOn: { zh: '结束日期', en: 'end date' },
  services: { zh: '专项服务', en: 'special services' },
  customerId: { zh: '客户', en: 'customer' },
  name: { zh: '客户名称', en: 'customer name' },
};

function fieldName(field: string, services: readonly { service: string }[] = []): { zh: string; en: string } {
  const service = /^services\.(\d+)\./.exec(field);
  if (service) {
    const code = services[Number(service[1])]?.service ?? '';
    return { zh: `专项服务“${serviceName(code, 'zh')}”`, en: `special service ${serviceName(code, 'en')}` };
  }
  const contact = /^contacts\.(\d+)\.(name|email|role)$/.exec(field);
  if (contact) {
    const n = Number(contact[1]) + 1;
    const part = { name: { zh: '姓名', en: 'name' }, email: { zh: '邮箱', en: 'e-mail' }, role: { zh: '角色', en: 'role' } }[contact[2] as 'name' | 'email' | 'role'];
    return { zh: `第 ${n} 位联系人的${part.zh}`, en: `contact ${n}'s ${part.en}` };
  }
  return FIELD_NAMES[field] ?? { zh: field, en: field };
}

export function validationError(what: { zh: string; en: string }, problems: FieldProblem[], services: readonly { service: string }[] = []): ContractError {
  const zh = problems.map((p) => `${fieldName(p.field, services).zh}${p.messageZh}`).join(';');
  const en = problems.map((p) => `${p.field} (${fieldName(p.field, services).en}) ${p.message}`).join('; ');
  return new ContractError('VALIDATION_FAILED', `${what.zh}有 ${problems.length} 处需要修改:${zh}`, `The ${what.en} needs ${problems.length} correction${problems.length === 1 ? '' : 's'}: ${en}`, problems);
}

export const CONTRACT = { zh: '合同', en: 'contract' };
export const CUSTOMER = { zh: '客户资料', en: 'customer' };

/** A name that another customer already has: say whose, and what to do instead. */
export function nameTaken(name: string): ContractError {
  return new ContractError('CUSTOMER_EXISTS', `客户“${name}”已存在`, `A customer named "${name}" already exists`, [
    {
      field: 'name',
      message: `another customer is already called "${name}": choose a different name, or open that customer from the customer list`,
      messageZh: `已有名为“${name}”的客户:请换一个名称,或在客户列表中打开该客户`,
    },
  ]);
}
