// Contracts on a real database, with the sample policy active, for contract and usage tests.
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.ts';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { createContractService, type ContractService } from '../../src/contracts/contract-service.ts';
import { createUsageService, type UsageService } from '../../src/contracts/usage-service.ts';
import type { Database } from '../../src/db/database.ts';
import { createEntitlementService } from '../../src/entitlement/entitlement-service.ts';
import { createPolicyCache } from '../../src/entitlement/policy-cache.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { sampleWorkbook } from './fixtures.ts';

export interface ContractWorld {
  policies: PolicyService;
  contracts: ContractService;
  usage: UsageService;
  audit: AuditLog;
}

const TABLES = ['quota_usage', 'contract_services', 'contracts', 'customer_contacts', 'customers', 'audit_log', 'policy_activations', 'policy_blobs', 'policy_versions'];

export async function contractWorld(db: Database, clock: () => Date = () => new Date('2026-11-27T02:00:00Z')): Promise<ContractWorld> {
  for (const t of TABLES) await db(t).del();
  const audit = createAuditLog(db, clock);
  // The sample becomes effective long before the clock, so that every test instant has a policy.
  const policies = createPolicyService(createPolicyRepository(db), () => new Date('2025-01-01T00:00:00Z'), audit);
  await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'test', activate: true });
  const entitlements = createEntitlementService(createPolicyCache(policies, { refreshMs: 0 }));
  const store = createContractRepository(db);
  const contracts = createContractService(store, entitlements, clock);
  return { policies, contracts, usage: createUsageService(store, contracts, audit), audit };
}
