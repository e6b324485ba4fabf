// The policy cache decides from the activations it last read: re-read every refreshMs, and kept through a
// database that cannot be read (where activations change, so nothing newer exists), but never invented.
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/audit-log.ts';
import { createPolicyCache } from '../../src/entitlement/policy-cache.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';
import { createTestDatabase } from '../support/databases.ts';
import { sampleWorkbook } from '../support/fixtures.ts';

describe('the policy cache through a database outage', () => {
  it('keeps deciding from the activations last read while the database cannot be read, and re-reads them when it can', async () => {
    const file = await createTestDatabase('sqlite', { file: true });
    const policies = createPolicyService(createPolicyRepository(file.db), () => new Date(), createAuditLog(file.db));
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'test', activate: true });
    let now = 0;
    const cache = createPolicyCache(policies, { refreshMs: 2000, clock: () => now });
    try {
      expect((await cache.at(new Date()))?.version).toBe(1);
      await file.db.destroy(); // every query fails from here on: knex's pool is gone
      await expect(policies.activations()).rejects.toThrow();
      now += 5000; // past refreshMs: the cache asks again, the database does not answer
      expect((await cache.at(new Date()))?.version).toBe(1);
      expect((await cache.at(new Date(0)))).toBeNull();
    } finally {
      await file.destroy().catch(() => undefined);
    }
  });

  it('does not decide without having read the activations once: the failure is the answer', async () => {
    const file = await createTestDatabase('sqlite', { file: true });
    const policies = createPolicyService(createPolicyRepository(file.db), () => new Date(), createAuditLog(file.db));
    await file.db.destroy();
    const cache = createPolicyCache(policies, { refreshMs: 2000 });
    try {
      await expect(cache.at(new Date())).rejects.toThrow();
    } finally {
      await file.destroy().catch(() => undefined);
    }
  });
});
