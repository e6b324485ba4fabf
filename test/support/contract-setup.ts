// Contracts on a real database, with the sample policy active, for contract, usage and service-request tests.
import type { AuditLog } from '../../src/audit/audit-log.ts';
import type { Services } from '../../src/composition-root.ts';
import type { ContractService } from '../../src/contracts/contract-service.ts';
import type { UsageService } from '../../src/contracts/usage-service.ts';
import type { Database } from '../../src/db/database.ts';
import type { EntitlementService } from '../../src/entitlement/entitlement-service.ts';
import type { PolicyService } from '../../src/policy/policy-service.ts';
import type { RequestService } from '../../src/requests/request-service.ts';
import { sampleWorkbook } from './fixtures.ts';
import { testConfig, testServices } from './test-services.ts';

export interface ContractWorld {
  policies: PolicyService;
  entitlements: EntitlementService;
  contracts: ContractService;
  usage: UsageService;
  requests: RequestService;
  audit: AuditLog;
}

/** What a report world adds to the composition (test/support/report-setup.ts). */
export interface WorldOptions {
  managers?: string[];
  /** Contracts per batch of a yearly report run. */
  reportBatchSize?: number;
}

const TABLES = ['report_reviews', 'outbox', 'quotes', 'service_requests', 'quota_usage', 'contract_services', 'contracts', 'customer_contacts', 'customers', 'audit_log', 'policy_activations', 'policy_blobs', 'policy_versions'];

export async function contractWorld(db: Database, clock: () => Date = () => new Date('2026-11-27T02:00:00Z'), options: WorldOptions = {}): Promise<ContractWorld & Services> {
  for (const t of TABLES) await db(t).del();
  // The policy service's clock stands long before the world's, so that the sample (and any version a test
  // imports and activates) is in effect at every test instant.
  const services = testServices(db, { clock, policyClock: () => new Date('2025-01-01T00:00:00Z'), reportBatchSize: options.reportBatchSize }, testConfig({ managers: options.managers }));
  await services.policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'test', activate: true });
  return services;
}
