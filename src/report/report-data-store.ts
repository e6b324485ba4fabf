// What the report builders read, as plain values; the knex implementation is in report-data-repository.ts.
// Every list is read in pages (keyset on id) so a run over thousands of contracts never holds them all.
import type { Contact, Contract } from '../contracts/contract-store.ts';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { RequestFacts } from './compliance.ts';

/** A contract as the reports need it: with its customer's contacts, who the yearly report goes to. */
export interface ReportContract extends Omit<Contract, 'createdAt' | 'updatedAt'> {
  contacts: Contact[];
}

/** A request with its contract's offering, tier and customer: what the managers' reports group by. */
export interface RequestWithContract extends RequestFacts {
  summary: string;
  customerName: string;
  offering: Offering;
  tier: Tier;
}

export interface ReportDataStore {
  /**
   * Contracts of these tiers that may have a contract year ending on `yearEnd`: begun before it, not ended
   * before it, and starting on one of `monthDays` (MM-DD) or ending on `yearEnd`. The caller decides exactly.
   */
  contractsForYearEnd(query: { yearEnd: string; monthDays: string[]; tiers: Tier[]; afterId: number; limit: number }): Promise<ReportContract[]>;
  getContract(id: number): Promise<ReportContract | null>;
  /** Requests of these contracts opened in [from, to) (UTC ISO), by id. */
  requestsOf(contractIds: number[], from: string, to: string): Promise<RequestFacts[]>;
  /** Requests of every contract opened in [from, to), a page after `afterId`, by id. */
  requestsOpened(query: { from: string; to: string; afterId: number; limit: number }): Promise<RequestWithContract[]>;
  /**
   * Requests opened by `now`, unanswered at `now` (no response, or one recorded for a later moment), whose at-risk
   * instant has come and whose deadline has not passed at `now`, by id. `now` may be a past cut-off.
   */
  atRiskCandidates(query: { now: string; afterId: number; limit: number }): Promise<RequestWithContract[]>;
  /**
   * Requests opened by `now` and unanswered at `now` whose deadline passed in (since, now], by id: the breaches the
   * group robots are told of, once each.
   */
  breachCandidates(query: { now: string; since: string; afterId: number; limit: number }): Promise<RequestWithContract[]>;
  getRequest(id: number): Promise<RequestWithContract | null>;
  /** Uses of `service` per contract within the contract years starting on the given dates, used at or before `asOf` (UTC ISO). */
  usageCounts(service: string, periods: { contractId: number; periodStart: string }[], asOf: string): Promise<Map<number, number>>;
}
