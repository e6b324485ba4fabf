import { randomBytes } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import type { NewPolicyVersion } from '../../src/policy/policy-store.ts';
import { describeEachDatabase } from '../support/databases.ts';

function version(sha: string, workbook: Buffer, rulesJson: string): NewPolicyVersion {
  return {
    workbookSha256: sha.padEnd(64, '0'),
    filename: '金蝶云星空服务产品目录.xlsx',
    workbook,
    rulesJson,
    summaryJson: '{"说明":"摘要"}',
    ruleCount: 1,
    createdAt: '2026-11-27T00:00:00.000Z',
    createdBy: '管理员',
  };
}

describeEachDatabase('policy repository', (current) => {
  beforeEach(async () => {
    for (const t of ['policy_activations', 'policy_blobs', 'policy_versions']) await current().db(t).del();
  });

  it('stores a workbook at the upload limit and large Chinese rules, beyond one MySQL packet', async () => {
    const store = createPolicyRepository(current().db);
    // 10 MB of incompressible bytes travels as 20 MB of hex: more than MySQL's default 16 MB packet.
    const workbook = randomBytes(10 * 1024 * 1024);
    const rulesJson = JSON.stringify({ rules: Array.from({ length: 60_000 }, (_, i) => ({ name: `规则${i}`, text: '尊享服务:专属坐席,0.5工作日响应' })) });
    const { record } = await store.insertVersion(version('a', workbook, rulesJson));
    expect(record).toMatchObject({ version: 1, filename: '金蝶云星空服务产品目录.xlsx', createdBy: '管理员', workbookSize: workbook.length });
    expect((await store.getWorkbook(1))!.equals(workbook)).toBe(true);
    expect(await store.getRulesJson(1)).toBe(rulesJson);
    expect(Buffer.byteLength(rulesJson)).toBeGreaterThan(3 * 1024 * 1024);
  });

  it('stores an empty workbook as one chunk and reads nothing for an unknown version', async () => {
    const store = createPolicyRepository(current().db);
    await store.insertVersion(version('b', Buffer.alloc(0), '{}'));
    expect((await store.getWorkbook(1))!.length).toBe(0);
    expect(await store.getWorkbook(2)).toBeNull();
    expect(await store.getRulesJson(2)).toBeNull();
  });

  it('stores a version and its activation together, or neither', async () => {
    const store = createPolicyRepository(current().db);
    const activation = { effectiveFrom: '2026-12-01T00:00:00.000Z', activatedAt: '2026-11-27T00:00:00.000Z', activatedBy: 'a' };
    const first = await store.insertVersion(version('c', Buffer.from('x'), '{}'), activation);
    expect(first.activation).toMatchObject({ version: 1, effectiveFrom: '2026-12-01T00:00:00.000Z' });

    // The same SHA-256 violates the unique key: the transaction rolls back the version, blobs and activation.
    await expect(store.insertVersion(version('c', Buffer.from('y'), '{}'), activation)).rejects.toThrow();
    expect(await store.listVersions()).toHaveLength(1);
    expect(await store.listActivations()).toHaveLength(1);
    const blobs = await current().db('policy_blobs').count({ n: '*' }).first();
    expect(Number(blobs?.n)).toBe(2);
  });
});
