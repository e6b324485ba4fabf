// Customers and contracts: validated, then stored; and what a stored contract is entitled to.
import { serviceName } from '../catalog/catalog-names.ts';
import { OFFERINGS, TIERS, isOffering, isTier, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import type { ContractFacts, Decision } from '../entitlement/decision.ts';
import { isWholeCatalog, scopeKey, type ImpactScope } from '../policy/impact-scope.ts';
import type { CheckOptions, EntitlementService } from '../entitlement/entitlement-service.ts';
import { contractYear } from '../entitlement/contract-year.ts';
import { shanghaiDate } from '../calendar/instants.ts';
import { EMAIL_RULE, parseEmailAddress } from '../shared/email-address.ts';
import type { PageOf } from '../shared/paging.ts';
import { findDataProblems } from './contact-doctor.ts';
import { CONTRACT, CUSTOMER, ContractError, nameTaken, validationError, type FieldProblem } from './contract-refusals.ts';
import { contractWarnings, type ContractWarning } from './contract-warnings.ts';
import { CONTACT_NAME_MAX, CUSTOMER_NAME_MAX, nameProblem, nameProblemText } from '../shared/name-text.ts';
import {
  type Contact,
  type Contract,
  type ContractAudit,
  type ContractFilter,
  type ContractInput,
  type ContractListQuery,
  type ContractStore,
  type ContractSummary,
  type Customer,
  type CustomerAudit,
  type CustomerListItem,
  type CustomerListQuery,
  type PurchasedService,
} from './contract-store.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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

/** How long a count of the contracts a policy change touches is kept: see impactOf. */
export const IMPACT_TTL_MS = 30_000;
/** How many of those contracts a policy page lists. */
export const IMPACT_PAGE = 20;

/** The contracts in force that a policy change touches. */
export interface PolicyImpact {
  /** In force and touched. */
  contracts: number;
  /** In force at all. */
  total: number;
  /** The newest IMPACT_PAGE of those touched. */
  first: ContractSummary[];
  scope: ImpactScope;
  /** The Shanghai day the contracts were in force on, and when they were counted (up to IMPACT_TTL_MS ago). */
  today: string;
  countedAt: string;
}

/** Who makes a change, for the audit log: the person (a token acts for its owner) and where the request came from. */
export interface Actor {
  name: string;
  address: string | null;
}

/** The customer's name, trimmed, or the problem with it: the same rule as every name people type. */
function checkName(value: string | undefined, field: string, max: number, problems: FieldProblem[]): string {
  const name = (value ?? '').trim();
  const problem = nameProblem(name, max);
  if (problem) {
    const text = nameProblemText(problem, max);
    problems.push({ field, message: text.en, messageZh: text.zh });
  }
  return name;
}

function checkContacts(contacts: CustomerDraft['contacts'] = [], problems: FieldProblem[]): Contact[] {
  return contacts.map((c, i) => {
    const name = checkName(c.name, `contacts.${i}.name`, CONTACT_NAME_MAX, problems);
    const typed = c.email?.trim() || null;
    const email = typed === null ? null : parseEmailAddress(typed);
    if (typed !== null && email === null) problems.push({ field: `contacts.${i}.email`, message: `must be ${EMAIL_RULE.en}`, messageZh: `应为${EMAIL_RULE.zh}` });
    const role = c.role ?? 'contact';
    if (role !== 'contact' && role !== 'csm') {
      problems.push({ field: `contacts.${i}.role`, message: 'must be contact or csm (customer-success manager)', messageZh: '请选择“客户联系人”或“客户成功经理”' });
    }
    return { name, email: email ?? typed, role: role as Contact['role'] };
  });
}

const customerFields = (c: Customer, which: ('name' | 'contacts')[]) => Object.fromEntries(which.map((f) => [f, c[f]]));

/** The audit entry of a customer change: what it was and what it is, for the fields that changed. */
function customerAudit(actor: Actor): CustomerAudit {
  return (before, after) => {
    const target = `customer:${after.id}`;
    if (!before) return { actor: actor.name, action: 'customer.create', target, details: { after: customerFields(after, ['name', 'contacts']) }, address: actor.address };
    const changed = (['name', 'contacts'] as const).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    if (changed.length === 0) return null;
    return { actor: actor.name, action: 'customer.update', target, details: { before: customerFields(before, changed), after: customerFields(after, changed) }, address: actor.address };
  };
}

/** Who saved a contract when no person did: seeding and scripts that call the service directly. */
const SYSTEM: Actor = { name: 'system', address: null };

const contractTerms = (c: Contract) => ({ customerId: c.customerId, offering: c.offering, tier: c.tier, startsOn: c.startsOn, endsOn: c.endsOn, services: c.services });

/** The audit entry of a contract saved: its terms when made; what changed, before and after, when replaced. */
function contractAudit(actor: Actor): ContractAudit {
  return (before, after) => {
    const target = `contract:${after.id}`;
    const now = contractTerms(after);
    if (!before) return { actor: actor.name, action: 'contract.create', target, details: { after: now }, address: actor.address };
    const was = contractTerms(before);
    const changed = (Object.keys(now) as (keyof typeof now)[]).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
    if (changed.length === 0) return null;
    const pick = (terms: typeof now) => Object.fromEntries(changed.map((k) => [k, terms[k]]));
    return { actor: actor.name, action: 'contract.update', target, details: { before: pick(was), after: pick(now) }, address: actor.address };
  };
}

export function createContractService(store: ContractStore, entitlements: EntitlementService, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();

  async function requireContract(id: number): Promise<Contract> {
    const contract = await store.getContract(id);
    if (!contract) throw new ContractError('CONTRACT_NOT_FOUND', `合同 ${id} 不存在`, `Contract ${id} does not exist`);
    return contract;
  }

  /** Everything about a contract but its customer: fields, then what may be sold on the offering. */
  async function checkTerms(draft: Omit<ContractDraft, 'customerId'>): Promise<Omit<ContractInput, 'customerId'>> {
    const problems: FieldProblem[] = [];
    if (!isOffering(draft.offering)) {
      problems.push({ field: 'offering', message: `must be one of ${OFFERINGS.join(', ')}: pick public cloud or on premise`, messageZh: '请选择“公有云”或“私有云(On Premise)”' });
    }
    if (!isTier(draft.tier)) problems.push({ field: 'tier', message: `must be one of ${TIERS.join(', ')}: pick a tier`, messageZh: '请选择基础服务、优选服务或尊享服务' });
    if (!validDate(draft.startsOn)) problems.push({ field: 'startsOn', message: 'must be a date such as 2026-01-01 (YYYY-MM-DD)', messageZh: '请填写有效日期,格式为 年-月-日,例如 2026-01-01' });
    if (!validDate(draft.endsOn)) problems.push({ field: 'endsOn', message: 'must be a date such as 2026-12-31 (YYYY-MM-DD)', messageZh: '请填写有效日期,格式为 年-月-日,例如 2026-12-31' });
    else if (validDate(draft.startsOn) && draft.endsOn < draft.startsOn) {
      problems.push({
        field: 'endsOn',
        message: `must not be before the start date (${draft.startsOn}); choose ${draft.startsOn} or a later day`,
        messageZh: `不能早于开始日期(${draft.startsOn}),请选择 ${draft.startsOn} 当天或之后的日期`,
      });
    }
    const services: PurchasedService[] = (draft.services ?? []).map((s, i) => {
      const personDays = s.personDays ?? 0;
      if (!Number.isFinite(personDays) || personDays < 0 || personDays > 10_000 || Math.round(personDays * 10) !== personDays * 10) {
        problems.push({
          field: `services.${i}.personDays`,
          message: 'person-days must be 0 to 10000, with at most one decimal (e.g. 2.5); 0 or blank buys the service as an item',
          messageZh: '人天应在 0 到 10000 之间,最多一位小数(如 2.5);填 0 或留空表示按项购买',
        });
      }
      return { service: s.service, personDays };
    });
    const seen = new Set<string>();
    for (const [i, s] of services.entries()) {
      if (seen.has(s.service)) {
        problems.push({ field: `services.${i}.service`, message: 'is listed twice: list each special service once', messageZh: '重复列出:每项专项服务只需列一次' });
      }
      seen.add(s.service);
    }
    if (problems.length) throw validationError(CONTRACT, problems, services);
    // What may be sold follows the same rules as what may be delivered.
    for (const [i, s] of services.entries()) {
      const verdict = await entitlements.sellable(draft.offering as Offering, s.service, clock());
      const name = { zh: serviceName(s.service, 'zh'), en: serviceName(s.service, 'en') };
      if (verdict === 'ON_PREMISE_ONLY') {
        throw new ContractError('ON_PREMISE_ONLY', `${name.zh}仅面向私有云客户,公有云合同不能购买`, `${name.en} (${s.service}) is for on-premise customers only and cannot be sold on a public-cloud contract`, [
          {
            field: `services.${i}.service`,
            message: 'is for on-premise customers only: untick it, or change the offering to on premise',
            messageZh: '仅面向私有云客户:请取消勾选,或把部署改为“私有云(On Premise)”',
          },
        ]);
      }
      if (verdict !== 'ok') {
        const noPolicy = verdict === 'NO_ACTIVE_POLICY';
        throw new ContractError('NOT_A_SPECIAL_SERVICE', `${name.zh}不是可购买的专项服务`, `${name.en} (${s.service}) is not a special service that can be bought`, [
          noPolicy
            ? { field: `services.${i}.service`, message: 'cannot be sold until a policy is active: ask an administrator to activate one', messageZh: '当前没有生效的服务策略,暂不能购买:请联系管理员激活策略' }
            : { field: `services.${i}.service`, message: 'is not a special service of the active catalog: untick it', messageZh: '不在当前服务目录的专项服务中:请取消勾选' },
        ]);
      }
    }
    return { offering: draft.offering as Offering, tier: draft.tier as Tier, startsOn: draft.startsOn, endsOn: draft.endsOn, services };
  }

  async function checkContract(draft: ContractDraft): Promise<ContractInput> {
    const terms = await checkTerms(draft);
    if (!(await store.getCustomer(draft.customerId))) {
      throw new ContractError('CUSTOMER_NOT_FOUND', `客户 ${draft.customerId} 不存在`, `Customer ${draft.customerId} does not exist`, [
        { field: 'customerId', message: 'no such customer: pick one from the customer list, or create it first', messageZh: '找不到该客户:请从客户列表中选择,或先新建该客户' },
      ]);
    }
    return { customerId: draft.customerId, ...terms };
  }

  /** The decision for a stored contract, with its recorded quota use. */
  async function checkStored(contractId: number, service: string, at: Date, options: CheckOptions = {}): Promise<Decision> {
    return decideWithUsage(await requireContract(contractId), service, at, options);
  }

  async function decideWithUsage(contract: Contract, service: string, at: Date, options: CheckOptions = {}): Promise<Decision> {
    // Person-days bought on the contract are drawn down over its whole term (bought once); a tier quota counts per
    // contract year. The start of the year is asked of the ledger by the year's first day, as uses are stored.
    const bought = contract.services.find((s) => s.service === service)?.personDays ?? 0;
    const periodStart = bought > 0 ? null : contractYear(contract.startsOn, shanghaiDate(at)).periodStart;
    const used = await store.usageTally(contract.id, service, periodStart);
    return entitlements.check(facts(contract), service, at, () => used, options);
  }

  function facts(contract: Contract): ContractFacts {
    return {
      offering: contract.offering,
      tier: contract.tier,
      startsOn: contract.startsOn,
      endsOn: contract.endsOn,
      purchased: contract.services.map((s) => s.service),
      purchasedPersonDays: Object.fromEntries(contract.services.filter((s) => s.personDays > 0).map((s) => [s.service, s.personDays])),
    };
  }

  const withToday = <Q extends ContractFilter>(query: Q): Q => (query.state && !query.today ? { ...query, today: shanghaiDate(clock()) } : query);

  const impacts = new Map<string, { at: number; value: Promise<PolicyImpact> }>();

  return {
    /** A new customer with its contacts, audited as the actor's. */
    async createCustomer(draft: CustomerDraft, actor: Actor): Promise<Customer> {
      const problems: FieldProblem[] = [];
      const name = checkName(draft.name, 'name', CUSTOMER_NAME_MAX, problems);
      const contacts = checkContacts(draft.contacts, problems);
      if (problems.length) throw validationError(CUSTOMER, problems);
      if (await store.findCustomerByName(name)) throw nameTaken(name);
      return store.createCustomer(name, contacts, now(), customerAudit(actor));
    },

    /** Renames a customer or replaces its contacts; the audit log keeps what changed, before and after. */
    async updateCustomer(id: number, draft: Partial<CustomerDraft>, actor: Actor): Promise<Customer> {
      const problems: FieldProblem[] = [];
      const name = draft.name === undefined ? undefined : checkName(draft.name, 'name', CUSTOMER_NAME_MAX, problems);
      const contacts = draft.contacts ? checkContacts(draft.contacts, problems) : undefined;
      if (problems.length) throw validationError(CUSTOMER, problems);
      // Names are unique in the database: a rename onto another customer's name is refused here rather than as a constraint failure.
      const holder = name === undefined ? null : await store.findCustomerByName(name);
      if (holder && holder.id !== id) throw nameTaken(name!);
      const updated = await store.updateCustomer(id, { name, contacts }, now(), customerAudit(actor));
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

    listCustomers: (query: CustomerListQuery) => store.listCustomers(query),

    /** One page of customers and how many match in all: counted and sliced by the database. */
    async pageCustomers(query: CustomerListQuery): Promise<PageOf<CustomerListItem>> {
      const [items, total] = await Promise.all([store.listCustomers(query), store.countCustomers(query.search)]);
      return { items, total };
    },

    /** Stored customers and contacts that break today's rules (names, addresses): what `entitle doctor` lists. */
    dataProblems: () => findDataProblems(store),

    /**
     * Refuses a contract's terms as createContract would, before its customer exists: a form that makes a new
     * customer and its first contract checks the contract first, so that a refused contract leaves no customer behind.
     */
    async checkContractTerms(draft: Omit<ContractDraft, 'customerId'>): Promise<void> {
      await checkTerms(draft);
    },

    /** Audited as the actor's (as `system` when a script or seeding calls without one), in the contract's own transaction. */
    async createContract(draft: ContractDraft, actor: Actor = SYSTEM): Promise<Contract> {
      const created = await store.createContract(await checkContract(draft), now(), contractAudit(actor));
      // A count kept from before would miss this contract for up to IMPACT_TTL_MS; this instance knows better.
      impacts.clear();
      return created;
    },

    async updateContract(id: number, draft: ContractDraft, actor: Actor = SYSTEM): Promise<Contract> {
      await requireContract(id);
      const updated = (await store.updateContract(id, await checkContract(draft), now(), contractAudit(actor)))!;
      impacts.clear();
      return updated;
    },

    getContract: requireContract,

    /** What is wrong with a stored contract without making it invalid (NO_CSM for a 尊享 customer without a CSM). */
    async warnings(contract: Contract): Promise<ContractWarning[]> {
      const customer = await store.getCustomer(contract.customerId);
      return customer ? contractWarnings(contract, customer) : [];
    },
    listContracts: (query: ContractListQuery) => store.listContracts(withToday(query)),

    /** One page of contracts and how many match in all; `state` is judged on today in Asia/Shanghai. */
    async pageContracts(query: ContractListQuery): Promise<PageOf<Contract>> {
      const q = withToday(query);
      const [items, total] = await Promise.all([store.listContracts(q), store.countContracts(q)]);
      return { items, total };
    },

    check: checkStored,

    /**
     * The contracts in force (ending today or later in Asia/Shanghai, started or not) that a policy change touches
     * (see impact-scope.ts for what counts): counted and the newest listed by the database. The figure depends on
     * the contracts and the day, so it is kept for IMPACT_TTL_MS only: a policy page viewed again and again, or by
     * many people, costs one count per half minute, and a contract saved elsewhere shows within that time.
     */
    async impactOf(scope: ImpactScope): Promise<PolicyImpact> {
      const at = clock();
      const today = shanghaiDate(at);
      const key = `${today};${scopeKey(scope)}`;
      const kept = impacts.get(key);
      if (kept && at.getTime() - kept.at < IMPACT_TTL_MS) return kept.value;
      for (const [k, v] of impacts) if (at.getTime() - v.at >= IMPACT_TTL_MS) impacts.delete(k);
      // The promise is kept, so that views arriving while it is counted wait for the one count.
      const value = store
        .contractsInScope({ tiers: scope.tiers, services: scope.services, everyContract: isWholeCatalog(scope) }, today, IMPACT_PAGE)
        .then(({ matching, inForce, first }) => ({ contracts: matching, total: inForce, first, scope, today, countedAt: at.toISOString() }));
      impacts.set(key, { at: at.getTime(), value });
      value.catch(() => impacts.delete(key));
      return value;
    },

    /** Every service's decision for a stored contract: "what does this customer have". */
    async entitlements(contractId: number, at: Date): Promise<{ contract: Contract; decisions: Decision[] }> {
      const contract = await requireContract(contractId);
      const decisions = await entitlements.all(facts(contract), at);
      // Only quota-bearing services need the recorded use; the rest is decided without I/O.
      return { contract, decisions: await Promise.all(decisions.map((d) => (d.quota ? decideWithUsage(contract, d.service, at) : d))) };
    },

    facts,

    /** Forget the activations read, after a record found the policy changed under it (see PolicyChangedError). */
    refreshPolicy: () => entitlements.refreshPolicy(),
  };
}

export type ContractService = ReturnType<typeof createContractService>;
