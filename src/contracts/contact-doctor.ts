// What `entitle doctor` finds: stored customers and contacts that break the rules new ones are held to (names
// without control characters, one plain e-mail address per contact). Rows saved before the rules, or written
// around them, are listed with what to do, rather than skipped in silence by the report run.
import { EMAIL_RULE, isEmailAddress } from '../shared/email-address.ts';
import { CONTACT_NAME_MAX, CUSTOMER_NAME_MAX, nameProblem, nameProblemText, shownSafely, type NameProblem } from '../shared/name-text.ts';
import type { ContractStore } from './contract-store.ts';

export type DataProblemCode = NameProblem | 'not_one_address';

export interface DataProblem {
  kind: 'customer' | 'contact';
  customerId: number;
  /** The contact's row id; null for the customer's own name. */
  contactId: number | null;
  field: 'name' | 'email';
  /** The value as stored: JSON carries it exactly, the text output shows `shown`. */
  value: string;
  /** Quoted, with control characters escaped: safe on a terminal. */
  shown: string;
  code: DataProblemCode;
  message: { zh: string; en: string };
  fix: { zh: string; en: string };
}

/** A stored name's problem: control characters anywhere (also at its ends, where a form would have trimmed them). */
function storedNameProblem(name: string, max: number): NameProblem | null {
  return nameProblem(name, max) === 'control_character' ? 'control_character' : nameProblem(name.trim(), max);
}

/** Customers read per query: memory stays flat whatever the number of customers. */
const BATCH = 500;

export async function findDataProblems(store: Pick<ContractStore, 'customersAfter'>, batch = BATCH): Promise<DataProblem[]> {
  const problems: DataProblem[] = [];
  for (let afterId = 0; ; ) {
    const customers = await store.customersAfter(afterId, batch);
    for (const customer of customers) {
      const page = `/customers/${customer.id}`;
      const nameIssue = storedNameProblem(customer.name, CUSTOMER_NAME_MAX);
      if (nameIssue) {
        const why = nameProblemText(nameIssue, CUSTOMER_NAME_MAX);
        problems.push({
          kind: 'customer',
          customerId: customer.id,
          contactId: null,
          field: 'name',
          value: customer.name,
          shown: shownSafely(customer.name),
          code: nameIssue,
          message: { zh: `客户名称${why.zh}`, en: `the customer's name ${why.en}` },
          fix: { zh: `在 ${page} 改正客户名称`, en: `correct the name on ${page}` },
        });
      }
      for (const [i, contact] of customer.contacts.entries()) {
        const where = { zh: `在 ${page} 改正第 ${i + 1} 位联系人`, en: `correct contact ${i + 1} on ${page}` };
        const contactIssue = storedNameProblem(contact.name, CONTACT_NAME_MAX);
        if (contactIssue) {
          const why = nameProblemText(contactIssue, CONTACT_NAME_MAX);
          problems.push({
            kind: 'contact',
            customerId: customer.id,
            contactId: contact.id,
            field: 'name',
            value: contact.name,
            shown: shownSafely(contact.name),
            code: contactIssue,
            message: { zh: `联系人姓名${why.zh}`, en: `the contact's name ${why.en}` },
            fix: where,
          });
        }
        if (contact.email !== null && !isEmailAddress(contact.email)) {
          problems.push({
            kind: 'contact',
            customerId: customer.id,
            contactId: contact.id,
            field: 'email',
            value: contact.email,
            shown: shownSafely(contact.email),
            code: 'not_one_address',
            message: {
              zh: `邮箱不是${EMAIL_RULE.zh};报告任务不会向其发送`,
              en: `the address is not ${EMAIL_RULE.en}; report runs send nothing to it`,
            },
            fix: { zh: `${where.zh}的邮箱(或清空)`, en: `${where.en}: its address (or clear it)` },
          });
        }
      }
    }
    if (customers.length < batch) return problems;
    afterId = customers[customers.length - 1]!.id;
  }
}
