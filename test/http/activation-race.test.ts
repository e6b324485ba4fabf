// Activations are unique by constraint: 20 identical activations in parallel record one row (MariaDB made 9),
// and every one of the 20 asks is answered as the winner is.
import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { sampleWorkbook } from '../support/fixtures.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';

const PARALLEL = 20;

describeEachDatabase('parallel activations', (current) => {
  let t: TestApp;
  let version: number;
  beforeEach(async () => {
    t = await createTestApp(current().db, { activateSample: false });
    const imported = await t.policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'admin' });
    if (imported.status !== 'created') throw new Error(`the sample did not import: ${imported.status}`);
    version = imported.version.version;
  });
  const activations = async () => Number((await current().db('policy_activations').count({ n: '*' }).first())?.n);
  const audited = async () => (await t.audit.list({ action: 'policy.activate' })).length;

  it('records a dated activation once when 20 identical ones arrive over HTTP at once, and answers all 20 alike', async () => {
    const effectiveFrom = new Date(Date.now() + 7 * 86400_000).toISOString();
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        request(t.app).post(`/api/policies/${version}/activate`).set('Authorization', `Bearer ${t.tokens.admin}`).send({ effectiveFrom }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(PARALLEL).fill(200));
    expect(new Set(answers.map((a) => a.body.activation.id)).size).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.body.activation))).size).toBe(1);
    expect(answers[0]!.body.activation.effectiveFrom).toBe(effectiveFrom);
    expect(await activations()).toBe(1);
    expect(await audited()).toBe(1);
  });

  it('records an activation from now once when 20 ask for it at once, each with its own millisecond', async () => {
    const results = await Promise.all(Array.from({ length: PARALLEL }, () => t.policies.activate(version, 'admin')));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await activations()).toBe(1);
    expect(await audited()).toBe(1);
    expect((await t.policies.activeAt(new Date()))?.version).toBe(version);
    // Asked again later, it is still the same activation.
    expect((await t.policies.activate(version, 'admin')).id).toBe(results[0]!.id);
    expect(await activations()).toBe(1);
  });

  it('still records a later, different activation of the same version', async () => {
    await t.policies.activate(version, 'admin');
    const later = new Date(Date.now() + 30 * 86400_000);
    const [a, b] = await Promise.all([t.policies.activate(version, 'admin', later), t.policies.activate(version, 'admin', later)]);
    expect(a.id).toBe(b.id);
    expect(await activations()).toBe(2);
  });
});
