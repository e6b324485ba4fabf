// Customers, contracts and quota use as the use cases see them; the knex implementation is in contract-repository.ts.
import type { NewAuditEntry } from '../audit/audit-log.ts';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { UsageTally } from '../entitlement/decision.ts';
import type { PageRequest } from '../shared/paging.ts';

export type ContactRole = 'contact' | 'csm';

export interface Contact {
  name: string;
  email: string | null;
  role: ContactRole;
}

export interface Customer {
  id: number;
  name: string;
  contacts: Contact[];
  createdAt: string;
  updatedAt: string;
}

export interface PurchasedService {
  service: string;
  personDays: number;
}

export interface Contract {
  id: number;
  customerId: number;
  customerName: string;
  offering: Offering;
  tier: Tier;
  startsOn: string;
  endsOn: string;
  services: PurchasedService[];
  createdAt: string;
  updatedAt: string;
}

/** A contract as a list shows it: who, what and when, without its services. */
export type ContractSummary = Pick<Contract, 'id' | 'customerId' | 'customerName' | 'offering' | 'tier' | 'startsOn' | 'endsOn'>;

/** The orders a contract list can be read in: newest first (by id), by customer name, by start or end date. */
export const CONTRACT_SORTS = ['newest', 'customer', 'startsOn', 'endsOn'] as const;
export type ContractSort = (typeof CONTRACT_SORTS)[number];

/** Where a contract stands on a day: in force (started, not ended), not yet started, or ended. */
export const CONTRACT_STATES = ['in_force', 'upcoming', 'ended'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

/** Which contracts a list shows; every filter is applied by the database. */
export interface ContractFilter {
  customerId?: number;
  /** Part of the customer's name, taken literally (a typed % or _ is itself). */
  search?: string;
  offering?: Offering;
  tier?: Tier;
  /** Contracts that bought this special service. */
  service?: string;
  /** Where the contract stands on `today` (YYYY-MM-DD, Asia/Shanghai); ignored without `today`. */
  state?: ContractState;
  today?: string;
}

export type ContractListQuery = ContractFilter & PageRequest & { sort?: ContractSort };

/** The orders a customer list can be read in. */
export const CUSTOMER_SORTS = ['name', 'newest'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export type CustomerListQuery = PageRequest & { search?: string; sort?: CustomerSort };

/** A customer as a list shows it: with how many contracts it holds. */
export interface CustomerListItem extends Customer {
  contracts: number;
}

/** Which contracts a policy change touches: those of these offering × tier pairs, and the holders of these special services. */
export interface ContractScope {
  tiers: { offering: Offering; tier: Tier }[];
  services: string[];
  /** The pairs are the whole catalog: every contract is in scope, and nothing needs matching. */
  everyContract: boolean;
}

export interface ContractInput {
  customerId: number;
  offering: Offering;
  tier: Tier;
  startsOn: string;
  endsOn: string;
  services: PurchasedService[];
}

/**
 * What makes two contracts the same one, as the import's in-file duplicate check has it: a customer's
 * contract for one offering and tier starting on one day (a different end date is a correction, not a new contract).
 */
export interface ContractKey {
  customerName: string;
  offering: Offering;
  tier: Tier;
  startsOn: string;
}

export interface UsageRecord {
  id: number;
  contractId: number;
  service: string;
  periodStart: string;
  usedAt: string;
  personDays: number;
  /** Delivered on site (现场), rather than remotely. */
  onsite: boolean;
  note: string | null;
  overrideReason: string | null;
  actor: string;
  /** The policy version the use was decided under; null for uses recorded before versions were kept. */
  policyVersion: number | null;
}

/** A use to record, with its idempotency key scoped to its caller (see src/idempotency), unique when given. */
export type NewUsage = Omit<UsageRecord, 'id' | 'policyVersion'> & { idempotencyKey: string | null; policyVersion: number };

/**
 * What a quota's ledger holds when a use is counted: uses and their person-days in the period (a tier quota's
 * contract year, or a special service's whole contract), and the person-days the contract bought for the service.
 */
export interface LedgerState extends UsageTally {
  purchasedPersonDays: number;
}

/**
 * The audit entry of a change to a customer, from the customer before (null when created) and after, as read
 * inside the change's transaction; null records nothing (a save that changed nothing).
 */
export type CustomerAudit = (before: Customer | null, after: Customer) => NewAuditEntry | null;

/** The audit entry of a contract saved, from the contract before (null when created) and after, read inside the save's transaction. */
export type ContractAudit = (before: Contract | null, after: Contract) => NewAuditEntry | null;

/** A stored contact with its row id, for checks over every stored row (`entitle doctor`). */
export interface StoredContact extends Contact {
  id: number;
}

export interface ContractStore {
  /** The customer and its audit entry are stored together, or neither. */
  createCustomer(name: string, contacts: Contact[], at: string, audit: CustomerAudit): Promise<Customer>;
  /** The change and its audit entry are stored together, or neither; the customer row is locked meanwhile. */
  updateCustomer(id: number, change: { name?: string; contacts?: Contact[] }, at: string, audit: CustomerAudit): Promise<Customer | null>;
  /** Customers with an id above `afterId`, in id order, with their contacts' row ids: a walk over every customer. */
  customersAfter(afterId: number, limit: number): Promise<{ id: number; name: string; contacts: StoredContact[] }[]>;
  getCustomer(id: number): Promise<Customer | null>;
  findCustomerByName(name: string): Promise<Customer | null>;
  /** By name unless sorted otherwise; `search` matches part of the name, literally. */
  listCustomers(query: CustomerListQuery): Promise<CustomerListItem[]>;
  /** How many customers `search` matches (all, without one). */
  countCustomers(search?: string): Promise<number>;

  /** The contract and its audit entry (when given) are stored together, or neither. */
  createContract(input: ContractInput, at: string, audit?: ContractAudit): Promise<Contract>;
  updateContract(id: number, input: ContractInput, at: string, audit?: ContractAudit): Promise<Contract | null>;
  getContract(id: number): Promise<Contract | null>;
  /** Newest first unless sorted otherwise; `search` matches part of the customer's name. */
  listContracts(query: ContractListQuery): Promise<Contract[]>;
  /** How many contracts the filter matches. */
  countContracts(filter: ContractFilter): Promise<number>;
  /**
   * The contracts in force on `today` (ending on or after it, whether started or not) within `scope`: how many,
   * how many are in force at all, and the newest `limit` of them. Counted by the database, through indexes.
   */
  contractsInScope(scope: ContractScope, today: string, limit: number): Promise<{ matching: number; inForce: number; first: ContractSummary[] }>;
  /**
   * For each key, the id of a stored contract with that customer, offering, tier and start date, or null.
   * Customer names compare as the database compares them, the way an import finds its customers.
   */
  findContractIds(keys: ContractKey[]): Promise<(number | null)[]>;

  /** Uses and person-days of a service on a contract: in the contract year starting `periodStart`, or (null) over the whole contract. */
  usageTally(contractId: number, service: string, periodStart: string | null): Promise<UsageTally>;
  /** The use recorded with this scoped idempotency key, if any. */
  findUsageByKey(scopedKey: string): Promise<UsageRecord | null>;
  /**
   * Records a use unless `allow(before)` says no, with the contract row locked so that parallel requests see each
   * other's uses; the ledger is read over the use's contract year, or over the whole contract (`over: 'contract'`,
   * special services bought in person-days). The scoped key is unique, in the same transaction as the use. The
   * version the use was decided under must still be in force at its instant (PolicyChangedError otherwise).
   */
  recordUsage(
    usage: NewUsage,
    over: 'year' | 'contract',
    allow: (before: LedgerState) => boolean,
    /** The use's audit entry, written in its transaction. */
    audit?: (usage: UsageRecord, before: LedgerState) => NewAuditEntry | null,
  ): Promise<{ usage: UsageRecord; before: LedgerState } | { refused: true; before: LedgerState }>;
  /** Of these contracts, the 尊享 ones whose customer has no customer-success manager (NO_CSM). */
  premiumWithoutCsm(contractIds: number[]): Promise<Set<number>>;
  /** Several customers and contracts in one transaction: all stored, or none. */
  importContracts(
    rows: { customerName: string; contact: Contact | null; contract: Omit<ContractInput, 'customerId'> }[],
    at: string,
    /** The import's audit entry, from the new contracts' ids, written in its transaction. */
    audit?: (contractIds: number[]) => NewAuditEntry,
  ): Promise<number[]>;
}
