// Contracts, requests and the report jobs on a real database, with the real templates, rules and outbox.
import type { Database } from '../../src/db/database.ts';
import type { OutboxStore } from '../../src/report/outbox/outbox-store.ts';
import type { ReportService } from '../../src/report/report-service.ts';
import { contractWorld, type ContractWorld } from './contract-setup.ts';
import { testConfig, testServices } from './test-services.ts';

export { MANAGERS, ROOT } from './test-services.ts';

export interface ReportWorld extends ContractWorld {
  reports: ReportService;
  outbox: OutboxStore;
  /** Moves the clock every service of the world reads. */
  setNow(at: Date | string): void;
  /** A customer with contacts and a contract in one step. */
  contract(input: { name: string; offering?: string; tier: string; startsOn: string; endsOn: string; contacts?: { name: string; email: string | null; role: 'contact' | 'csm' }[]; services?: string[] }): Promise<number>;
  /** Opens a request at `openedAt` and answers it after `hours` of wall-clock time (or leaves it open). */
  request(contractId: number, service: string, openedAt: string, respondedAt?: string): Promise<number>;
}

/**
 * The report service of one more server instance on a test database, as the composition root builds it: its own
 * policy cache, with `clock` as every service's now (the policies' too).
 */
export function reportServiceFor(db: Database, options: { managers?: string[]; clock?: () => Date; batchSize?: number; reviewDays?: number } = {}): ReportService {
  return testServices(db, { clock: options.clock, reportBatchSize: options.batchSize }, testConfig({ managers: options.managers, reviewDays: options.reviewDays })).reports;
}

export async function reportWorld(db: Database, options: { managers?: string[] } = {}): Promise<ReportWorld> {
  let now = new Date('2026-11-28T01:00:00Z');
  const clock = () => now;
  await db('job_runs').del();
  const world = await contractWorld(db, clock, { managers: options.managers, reportBatchSize: 3 });
  return {
    ...world,
    setNow(at) {
      now = new Date(at);
    },
    async contract(input) {
      const customer = await world.contracts.createCustomer({ name: input.name, contacts: input.contacts ?? [] }, { name: 'test', address: null });
      const contract = await world.contracts.createContract({
        customerId: customer.id,
        offering: input.offering ?? 'on_premise',
        tier: input.tier,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        services: (input.services ?? []).map((service) => ({ service, personDays: 1 })),
      });
      return contract.id;
    },
    async request(contractId, service, openedAt, respondedAt) {
      const { request } = await world.requests.open({ contractId, service, openedAt: new Date(openedAt), summary: `${service} at ${openedAt}` }, 'desk');
      if (respondedAt) await world.requests.respond(request.id, new Date(respondedAt), 'desk');
      return request.id;
    },
  };
}
