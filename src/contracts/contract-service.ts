// Customers and contracts: validated, then stored; and what a stored contract is entitled to.
import { DomainError } from '../shared/domain-error.ts';
import { OFFERINGS, TIERS, isOffering, isTier, type Offering, type Tier } from '../policy/catalog-codes.ts';
import type { ContractFacts, Decision } from '../entitlement/decision.ts';
import type { PolicyDiff } from '../policy/policy-diff.ts';
import type { CheckOptions, EntitlementService } from '../entitlement/entitlement-service.ts';
import { contractYear } from '../entitlement/contract-year.ts';
import { shanghaiDate } from '../policy/effective-date.ts';
import type { Contact, Contract, ContractInput, ContractStore, Customer, PurchasedService } from './contract-store.ts';

export type ContractErrorCode = 'VALIDATION_FAILED' | 'CUSTOMER_NOT_FOUND' | 'CONTRACT_NOT_FOUND' | 'CUSTOMER_EXISTS' | 'ON_PREMISE_ONLY' | 'NOT_A_SPECIAL_SERVICE';

export class ContractError extends DomainError<ContractErrorCode, { field: string; message: string }[]> {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export interface CustomerDraft {
  name: string;
  contacts?: { name: string; email?: string | null; role?: string }[];
}

export interface ContractDraft {
  customerId: number;
  offering: string;
  tier: string;
  startsOn: string;
  endsOn: string;
  services?: { service: string; personDays?: number }[];
}

function validationError(problems: { field: string; message: string }[]): ContractError {
  const fields = problems.map((p) => p.field).join('、');
  return new ContractError('VALIDATION_FAILED', `内容无效:${fields}`, `Invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
}

function checkContacts(contacts: CustomerDraft['contacts'] = []): Contact[] {
  const problems: { field: string; message: string }[] = [];
  const out = contacts.map((c, i) => {
    const name = (c.name ?? '').trim();
    const email = c.email?.trim() || null;
    const role = c.role ?? 'contact';
    if (!name || name.length > 100) problems.push({ field: `contacts.${i}.name`, message: 'must be 1–100 characters' });
    if (email && (!EMAIL.test(email) || email.length > 200)) problems.push({ field: `contacts.${i}.email`, message: 'must be an e-mail address' });
    if (role !== 'contact' && role !== 'csm') problems.push({ field: `contacts.${i}.role`, message: 'must be contact or csm' });
    return { name, email, role: role as Contact['role'] };
  });
  if (problems.length) throw validationError(problems);
  return out;
}

export function createContractService(store: ContractStore, entitlements: EntitlementService, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();

  async function requireContract(id: number): Promise<Contract> {
    const contract = await store.getContract(id);
    if (!contract) throw new ContractError('CONTRACT_NOT_FOUND', `合同 ${id} 不存在`, `Contract ${id} does not exist`);
    return contract;
  }

  async function checkContract(draft: ContractDraft): Promise<ContractInput> {
    const problems: { field: string; message: string }[] = [];
    if (!isOffering(draft.offering)) problems.push({ field: 'offering', message: `must be one of ${OFFERINGS.join(', ')}` });
    if (!isTier(draft.tier)) problems.push({ field: 'tier', message: `must be one of ${TIERS.join(', ')}` });
    if (!validDate(draft.startsOn)) problems.push({ field: 'startsOn', message: 'must be a date YYYY-MM-DD' });
    if (!validDate(draft.endsOn)) problems.push({ field: 'endsOn', message: 'must be a date YYYY-MM-DD' });
    else if (validDate(draft.startsOn) && draft.endsOn < draft.startsOn) problems.push({ field: 'endsOn', message: 'must not be before startsOn' });
    const services: PurchasedService[] = (draft.services ?? []).map((s, i) => {
      const personDays = s.personDays ?? 0;
      if (!Number.isFinite(personDays) || personDays < 0 || personDays > 10_000 || Math.round(personDays * 10) !== personDays * 10) {
        problems.push({ field: `services.${i}.personDays`, message: 'must be 0–10000 in steps of 0.1' });
      }
      return { service: s.service, personDays };
    });
    if (new Set(services.map((s) => s.service)).size !== services.length) problems.push({ field: 'services', message: 'lists a service twice' });
    if (problems.length) throw validationError(problems);
    if (!(await store.getCustomer(draft.customerId))) {
      throw new ContractError('CUSTOMER_NOT_FOUND', `客户 ${draft.customerId} 不存在`, `Customer ${draft.customerId} does not exist`, [{ field: 'customerId', message: 'unknown' }]);
    }
    // What may be sold follows the same rules as what may be delivered.
    for (const [i, s] of services.entries()) {
      const verdict = await entitlements.sellable(draft.offering as Offering, s.service, clock());
      if (verdict === 'ON_PREMISE_ONLY') {
        throw new ContractError('ON_PREMISE_ONLY', `${s.service} 仅面向私有云客户`, `${s.service} is for on-premise customers only`, [{ field: `services.${i}.service`, message: 'on premise only' }]);
      }
      if (verdict !== 'ok') {
        throw new ContractError('NOT_A_SPECIAL_SERVICE', `${s.service} 不是可购买的专项服务`, `${s.service} is not a special service that can be bought`, [
          { field: `services.${i}.service`, message: verdict === 'NO_ACTIVE_POLICY' ? 'no policy is active' : 'not a special service' },
        ]);
      }
    }
    return { customerId: draft.customerId, offering: draft.offering as Offering, tier: draft.tier as Tier, startsOn: draft.startsOn, endsOn: draft.endsOn, services };
  }

  /** The decision for a stored contract, with its recorded quota use. */
  async function checkStored(contractId: number, service: string, at: Date, options: CheckOptions = {}): Promise<Decision> {
    return decideWithUsage(await requireContract(contractId), service, at, options);
  }

  async function decideWithUsage(contract: Contract, service: string, at: Date, options: CheckOptions = {}): Promise<Decision> {
    const { periodStart } = contractYear(contract.startsOn, shanghaiDate(at));
    const used = await store.countUsage(contract.id, service, periodStart);
    return entitlements.check(facts(contract), service, at, () => used, options);
  }

  function facts(contract: Contract): ContractFacts {
    return { offering: contract.offering, tier: contract.tier, startsOn: contract.startsOn, endsOn: contract.endsOn, purchased: contract.services.map((s) => s.service) };
  }

  return {
    async createCustomer(draft: CustomerDraft): Promise<Customer> {
      const name = (draft.name ?? '').trim();
      if (!name || name.length > 200) throw validationError([{ field: 'name', message: 'must be 1–200 characters' }]);
      const contacts = checkContacts(draft.contacts);
      if (await store.findCustomerByName(name)) throw new ContractError('CUSTOMER_EXISTS', `客户“${name}”已存在`, `A customer named "${name}" already exists`, [{ field: 'name', message: 'taken' }]);
      return store.createCustomer(name, contacts, now());
    },

    async updateCustomer(id: number, draft: Partial<CustomerDraft>): Promise<Customer> {
      const name = draft.name?.trim();
      if (name !== undefined && (!name || name.length > 200)) throw validationError([{ field: 'name', message: 'must be 1–200 characters' }]);
      const contacts = draft.contacts ? checkContacts(draft.contacts) : undefined;
      // Names are unique in the database: a rename onto another customer's name is refused here rather than as a constraint failure.
      const holder = name === undefined ? null : await store.findCustomerByName(name);
      if (holder && holder.id !== id) throw new ContractError('CUSTOMER_EXISTS', `客户“${name}”已存在`, `A customer named "${name}" already exists`, [{ field: 'name', message: 'taken' }]);
      const updated = await store.updateCustomer(id, { name, contacts }, now());
      if (!updated) throw new ContractError('CUSTOMER_NOT_FOUND', `客户 ${id} 不存在`, `Customer ${id} does not exist`);
      return updated;
    },

    async getCustomer(id: number): Promise<Customer> {
      const customer = await store.getCustomer(id);
      if (!customer) throw new ContractError('CUSTOMER_NOT_FOUND', `客户 ${id} 不存在`, `Customer ${id} does not exist`);
      return customer;
    },

    /** The customer of exactly this name (as the database compares names), or null. */
    customerNamed: (name: string) => store.findCustomerByName(name),

    listCustomers: (options: { search?: string; limit: number; offset: number }) => store.listCustomers(options),

    async createContract(draft: ContractDraft): Promise<Contract> {
      return store.createContract(await checkContract(draft), now());
    },

    async updateContract(id: number, draft: ContractDraft): Promise<Contract> {
      await requireContract(id);
      return (await store.updateContract(id, await checkContract(draft), now()))!;
    },

    getContract: requireContract,
    listContracts: (options: { customerId?: number; search?: string; limit: number; offset: number }) => store.listContracts(options),

    check: checkStored,

    /** How many contracts in force (or yet to start) a policy diff would change: the impact of activating it. */
    async impactOf(diff: PolicyDiff, today: string = shanghaiDate(clock())): Promise<{ contracts: number; total: number }> {
      const tiers = new Set(diff.entitlements.map((c) => `${c.offering}|${c.tier}`));
      const specials = new Set(diff.specialServices.map((c) => c.service));
      let total = 0;
      let contracts = 0;
      for (let offset = 0; ; offset += 500) {
        const page = await store.listContracts({ limit: 500, offset });
        for (const c of page) {
          if (c.endsOn < today) continue;
          total++;
          if (tiers.has(`${c.offering}|${c.tier}`) || c.services.some((s) => specials.has(s.service))) contracts++;
        }
        if (page.length < 500) return { contracts, total };
      }
    },

    /** Every service's decision for a stored contract: "what does this customer have". */
    async entitlements(contractId: number, at: Date): Promise<{ contract: Contract; decisions: Decision[] }> {
      const contract = await requireContract(contractId);
      const decisions = await entitlements.all(facts(contract), at);
      // Only quota-bearing services need the recorded use; the rest is decided without I/O.
      return { contract, decisions: await Promise.all(decisions.map((d) => (d.quota ? decideWithUsage(contract, d.service, at) : d))) };
    },

    facts,
  };
}

export type ContractService = ReturnType<typeof createContractService>;
