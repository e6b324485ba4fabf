// Contracts, requests and the report jobs on a real database, with the real templates, rules and outbox.
import path from 'node:path';
import type { Database } from '../../src/db/database.ts';
import { createPolicyCache, type PolicyCache } from '../../src/entitlement/policy-cache.ts';
import type { EntitlementService } from '../../src/entitlement/entitlement-service.ts';
import { loadAdviceRules } from '../../src/report/advice-rules.ts';
import { createOutboxRepository } from '../../src/report/outbox-repository.ts';
import { createReviewRepository } from '../../src/report/report-review-repository.ts';
import type { OutboxStore } from '../../src/report/outbox-store.ts';
import { createReportDataRepository } from '../../src/report/report-data-repository.ts';
import { createReportLookups } from '../../src/report/report-lookups.ts';
import { createReportRenderer } from '../../src/report/report-renderer.ts';
import { createReportService, type ReportService } from '../../src/report/report-service.ts';
import { contractWorld, type ContractWorld } from './contract-setup.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const MANAGERS = ['service.manager@kingdee.example', 'cs.lead@kingdee.example'];

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

/** The report service as bootstrap composes it, on a test database with the real templates and rules. */
export function reportServiceFor(db: Database, parts: { cache: PolicyCache; entitlements: EntitlementService; outbox: OutboxStore; managers?: string[]; clock?: () => Date; batchSize?: number; reviewDays?: number }): ReportService {
  return createReportService({
    store: createReportDataRepository(db),
    lookups: () => createReportLookups(parts.cache, parts.entitlements),
    advice: loadAdviceRules(path.join(ROOT, 'rules/expert-advice.rules.json')),
    renderer: createReportRenderer(path.join(ROOT, 'templates')),
    outbox: parts.outbox,
    reviews: createReviewRepository(db),
    managers: parts.managers ?? MANAGERS,
    clock: parts.clock,
    batchSize: parts.batchSize,
    reviewDays: parts.reviewDays,
  });
}

export async function reportWorld(db: Database, options: { managers?: string[] } = {}): Promise<ReportWorld> {
  let now = new Date('2026-11-28T01:00:00Z');
  const clock = () => now;
  await db('job_runs').del();
  const world = await contractWorld(db, clock);
  const cache = createPolicyCache(world.policies, { refreshMs: 0 });
  const outbox = createOutboxRepository(db);
  const reports = reportServiceFor(db, { cache, entitlements: world.entitlements, outbox, managers: options.managers, clock, batchSize: 3 });
  return {
    ...world,
    reports,
    outbox,
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
