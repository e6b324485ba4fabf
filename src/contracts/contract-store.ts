// Customers, contracts and quota use as the use cases see them; the knex implementation is in contract-repository.ts.
import type { Offering, Tier } from '../policy/catalog-codes.ts';

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
  note: string | null;
  overrideReason: string | null;
  actor: string;
  idempotencyKey: string | null;
}

export type NewUsage = Omit<UsageRecord, 'id'>;

export interface ContractStore {
  createCustomer(name: string, contacts: Contact[], at: string): Promise<Customer>;
  updateCustomer(id: number, change: { name?: string; contacts?: Contact[] }, at: string): Promise<Customer | null>;
  getCustomer(id: number): Promise<Customer | null>;
  findCustomerByName(name: string): Promise<Customer | null>;
  listCustomers(options: { search?: string; limit: number; offset: number }): Promise<Customer[]>;

  createContract(input: ContractInput, at: string): Promise<Contract>;
  updateContract(id: number, input: ContractInput, at: string): Promise<Contract | null>;
  getContract(id: number): Promise<Contract | null>;
  /** Newest first; `search` matches part of the customer's name. */
  listContracts(options: { customerId?: number; search?: string; limit: number; offset: number }): Promise<Contract[]>;
  /**
   * For each key, the id of a stored contract with that customer, offering, tier and start date, or null.
   * Customer names compare as the database compares them, the way an import finds its customers.
   */
  findContractIds(keys: ContractKey[]): Promise<(number | null)[]>;

  countUsage(contractId: number, service: string, periodStart: string): Promise<number>;
  findUsageByKey(idempotencyKey: string): Promise<UsageRecord | null>;
  /**
   * Records a use unless `allow(usedSoFar)` says no, with the contract row locked so that parallel
   * requests see each other's uses. Returns null when refused.
   */
  recordUsage(usage: NewUsage, allow: (usedSoFar: number) => boolean): Promise<{ usage: UsageRecord; usedBefore: number } | { refused: true; usedBefore: number }>;
  /** Several customers and contracts in one transaction: all stored, or none. */
  importContracts(rows: { customerName: string; contact: Contact | null; contract: Omit<ContractInput, 'customerId'> }[], at: string): Promise<number[]>;
}
