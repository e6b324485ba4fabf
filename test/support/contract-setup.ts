// Contracts on a real database, with the sample policy active, for contract, usage and service-request tests.
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.ts';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { createContractService, type ContractService } from '../../src/contracts/contract-service.ts';
import { createUsageService, type UsageService } from '../../src/contracts/usage-service.ts';
import type { Database } from '../../src/db/database.ts';
import { createEntitlementService, type EntitlementService } from '../../src/entitlement/entitlement-service.ts';
import { createPolicyCache } from '../../src/entitlement/policy-cache.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { createRequestRepository } from '../../src/requests/request-repository.ts';
import { createRequestService, type RequestService } from '../../src/requests/request-service.ts';
import { sampleWorkbook } from './fixtures.ts';

export interface ContractWorld {
  policies: PolicyService;
  entitlements: EntitlementService;
  contracts: ContractService;
  usage: UsageService;
  requests: RequestService;
  audit: AuditLog;
}

const TABLES = ['report_reviews', 'outbox', 'quotes', 'service_requests', 'quota_usage', 'contract_services', 'contracts', 'customer_contacts', 'customers', 'audit_log', 'policy_activations', 'policy_blobs', 'policy_versions'];

export async function contractWorld(db: Database, clock: () => Date = () => new Date('2026-11-27T02:00:00Z')): Promise<ContractWorld> {
  for (const t of TABLES) await db(t).del();
  const audit = createAuditLog(db, clock);
  // The sample becomes effective long before the clock, so that every test instant has a policy.
  const policies = createPolicyService(createPolicyRepository(db), () => new Date('2025-01-01T00:00:00Z'), audit);
  await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'test', activate: true });
  const entitlements = createEntitlementService(createPolicyCache(policies, { refreshMs: 0 }));
  const store = createContractRepository(db);
  const contracts = createContractService(store, entitlements, clock);
  return { policies, entitlements, contracts, usage: createUsageService(store, contracts, audit), requests: createRequestService(createRequestRepository(db), contracts, entitlements, clock), audit };
}
