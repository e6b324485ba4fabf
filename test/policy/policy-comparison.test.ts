// A diff between two stored versions never changes: policy pages viewed again read no rules and diff nothing.
import { expect, it } from 'vitest';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { sampleWorkbook } from '../support/fixtures.ts';

describeEachDatabase('comparing policy versions', (current) => {
  it('keeps the diff and scope of a version pair, and asks only which version is active', async () => {
    const repository = createPolicyRepository(current().db);
    let rulesRead = 0;
    const store = { ...repository, getRulesJson: (version: number) => (rulesRead++, repository.getRulesJson(version)) };
    const policies = createPolicyService(store, () => new Date());
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'v1.xlsx', actor: 'test', activate: true });
    const tables = sampleWorkbookTables();
    tables[0]!.rows.find((r) => r.at(-1) === 'issue_feedback')![2] = '0.5工作日响应';
    const v2 = await policies.importWorkbook({ bytes: await writeWorkbook(tables), filename: 'v2.xlsx', actor: 'test' });
    if (v2.status !== 'created') throw new Error(`v2 was ${v2.status}`);

    const first = await policies.diff(2);
    expect(first).toMatchObject({ against: 1, scope: { tiers: [{ offering: 'cloud', tier: 'preferred' }], services: [], causes: ['entitlements'] } });
    expect(rulesRead).toBe(2);
    expect(await policies.diff(2)).toBe(first);
    expect(await policies.diff(2, 1)).toBe(first);
    expect(rulesRead).toBe(2);

    // Activating v2 makes "active" another pair: v2 against itself, which changes nothing.
    await policies.activate(2, 'test');
    expect(await policies.diff(2)).toMatchObject({ against: 2, diff: { entitlements: [], specialServices: [] }, scope: { tiers: [], services: [] } });
    await expect(policies.diff(99)).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND' });
  });
});
