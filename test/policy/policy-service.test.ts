import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { PolicyError } from '../../src/policy/policy-error.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { csvFile } from '../support/bad-files.ts';
import { manualClock, sampleWorkbook } from '../support/fixtures.ts';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';

async function counts(db: Database) {
  const count = async (q: ReturnType<Database>) => Number((await q.count({ n: '*' }).first())?.n);
  const [v, w, a] = await Promise.all([
    count(db('policy_versions')),
    count(db('policy_blobs').where({ kind: 'workbook' })),
    count(db('policy_activations')),
  ]);
  return { versions: v, workbooks: w, activations: a };
}

/** The sample with one response window changed, as a second policy version. */
async function editedSample(): Promise<Buffer> {
  const tables = sampleWorkbookTables();
  const row = tables[0]!.rows.find((r) => r[4] === 'issue_feedback')!;
  row[3] = '4工作小时响应';
  return writeWorkbook(tables);
}

describeEachDatabase('policy versions', (current) => {
  const clock = manualClock('2026-11-27T02:00:00.000Z');
  let policies: PolicyService;

  beforeEach(async () => {
    const { db } = current();
    for (const t of ['policy_activations', 'policy_blobs', 'policy_versions']) await db(t).del();
    clock.set('2026-11-27T02:00:00.000Z');
    policies = createPolicyService(createPolicyRepository(db), clock.now);
  });

  it('imports a workbook as a draft, and the same bytes again return the same version', async () => {
    const bytes = sampleWorkbook();
    const first = await policies.importWorkbook({ bytes, filename: 'sample-policy.xlsx', actor: 'alice' });
    expect(first.status).toBe('created');
    if (first.status !== 'created') return;
    expect(first.version).toMatchObject({ version: 1, status: 'draft', createdBy: 'alice', ruleCount: 68, effectiveFrom: null });
    expect(first.summary.ignoredSheets).toEqual(['说明']);

    const again = await policies.importWorkbook({ bytes, filename: 'renamed.xlsx', actor: 'bob' });
    expect(again.status).toBe('existing');
    if (again.status === 'existing') expect(again.version.version).toBe(1);
    expect(await counts(current().db)).toEqual({ versions: 1, workbooks: 1, activations: 0 });
    expect((await policies.getWorkbook(1)).equals(bytes)).toBe(true);
    expect((await policies.getRules(1)).rules).toHaveLength(68);
  });

  it('stores nothing on a dry run or a rejected workbook', async () => {
    const dry = await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'x.xlsx', actor: 'a', dryRun: true, activate: true });
    expect(dry.status).toBe('dry_run');
    const bad = await policies.importWorkbook({ bytes: csvFile(), filename: 'x.xlsx', actor: 'a', activate: true });
    expect(bad.status).toBe('rejected');
    if (bad.status === 'rejected') expect(bad.issues[0]!.code).toBe('NOT_XLSX');
    expect(await counts(current().db)).toEqual({ versions: 0, workbooks: 0, activations: 0 });
  });

  it('uses the version active at each instant and never rewrites history', async () => {
    const v1 = await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'v1.xlsx', actor: 'a', activate: true });
    expect(v1.status === 'created' && v1.activation?.effectiveFrom).toBe('2026-11-27T02:00:00.000Z');
    const v2 = await policies.importWorkbook({ bytes: await editedSample(), filename: 'v2.xlsx', actor: 'a' });
    expect(v2.status === 'created' && v2.version.version).toBe(2);

    await policies.activate(2, 'a', new Date('2026-12-01T00:00:00+08:00'));
    const statuses = Object.fromEntries((await policies.listVersions()).map((v) => [v.version, v.status]));
    expect(statuses).toEqual({ 1: 'active', 2: 'scheduled' });

    expect(await policies.activeAt(new Date('2026-11-27T01:59:59Z'))).toBeNull();
    expect((await policies.activeAt(new Date('2026-11-30T15:59:59Z')))?.version).toBe(1);
    const later = await policies.activeAt(new Date('2026-11-30T16:00:00Z'));
    expect(later?.version).toBe(2);
    const window = later!.document.rules.find((r) => r.name === 'cloud.premium.issue_feedback')!;
    expect(window.event.type === 'entitlement' && window.event.params.responseWindow).toEqual({ amount: 4, unit: 'working_hour' });

    clock.set('2026-12-05T00:00:00Z');
    expect(Object.fromEntries((await policies.listVersions()).map((v) => [v.version, v.status]))).toEqual({ 1: 'superseded', 2: 'active' });
    // Re-activating version 1 later adds an activation; what was in force before stays as it was.
    await policies.activate(1, 'a');
    expect((await policies.activeAt(new Date('2026-12-02T00:00:00Z')))?.version).toBe(2);
    expect((await policies.activeAt(new Date('2026-12-05T00:00:00Z')))?.version).toBe(1);
    expect(await counts(current().db)).toMatchObject({ activations: 3 });
  });

  it('refuses an effective date in the past once another version was in force before it, and an unknown version', async () => {
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'v1.xlsx', actor: 'a', activate: true });
    await policies.importWorkbook({ bytes: await editedSample(), filename: 'v2.xlsx', actor: 'a' });
    clock.set('2026-12-05T00:00:00Z');
    const refusal = await policies.activate(2, 'a', new Date('2026-12-01T00:00:00Z')).catch((err: unknown) => err);
    expect(refusal).toMatchObject({ code: 'EFFECTIVE_DATE_IN_PAST', details: { inForceBefore: { version: 1, effectiveFrom: '2026-11-27T02:00:00.000Z' } } });
    expect((refusal as Error).message).toContain('version 1 was already in force before it');
    await expect(policies.activate(7, 'a')).rejects.toBeInstanceOf(PolicyError);
    await expect(policies.getRules(7)).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND' });
    expect(await counts(current().db)).toMatchObject({ activations: 1 });
  });

  it('exports a version to a workbook that re-imports to the same rules', async () => {
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'v1.xlsx', actor: 'a' });
    const exported = await policies.exportWorkbook(1);
    const again = await policies.importWorkbook({ bytes: exported, filename: 'export.xlsx', actor: 'a', dryRun: true });
    expect(again.status).toBe('dry_run');
    if (again.status !== 'dry_run') return;
    const original = await policies.getRules(1);
    const strip = (doc: typeof original) => JSON.parse(JSON.stringify(doc).replaceAll(doc.workbookSha256, 'SHA'));
    expect(strip(again.document)).toEqual(strip(original));
  });

  it('numbers concurrent imports without losing or duplicating one', async () => {
    const sample = sampleWorkbook();
    const edited = await editedSample();
    const results = await Promise.all([
      policies.importWorkbook({ bytes: sample, filename: 'a.xlsx', actor: 'a' }),
      policies.importWorkbook({ bytes: sample, filename: 'b.xlsx', actor: 'b' }),
      policies.importWorkbook({ bytes: edited, filename: 'c.xlsx', actor: 'c' }),
    ]);
    const versions = results.map((r) => (r.status === 'created' || r.status === 'existing' ? r.version.version : 0));
    expect(versions[0]).toBe(versions[1]);
    expect(new Set(versions).size).toBe(2);
    expect(await counts(current().db)).toMatchObject({ versions: 2, workbooks: 2 });
  });

  it('stores nothing when the activation asked for with an import is refused', async () => {
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'v1.xlsx', actor: 'a', activate: true });
    clock.set('2026-12-05T00:00:00Z');
    const past = new Date('2026-12-01T00:00:00Z');
    await expect(
      policies.importWorkbook({ bytes: await editedSample(), filename: 'v2.xlsx', actor: 'a', activate: true, effectiveFrom: past }),
    ).rejects.toMatchObject({ code: 'EFFECTIVE_DATE_IN_PAST' });
    expect(await counts(current().db)).toEqual({ versions: 1, workbooks: 1, activations: 1 });
  });

  it('records a repeated activation once, and shows each version its own effective date', async () => {
    const v1 = await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'v1.xlsx', actor: 'a', activate: true });
    expect(v1.status === 'created' && v1.version).toMatchObject({ createdAt: '2026-11-27T02:00:00.000Z', status: 'active' });
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'v1.xlsx', actor: 'a', activate: true });
    await policies.activate(1, 'a');
    await policies.activate(1, 'a', new Date('2030-01-01T00:00:00Z'));
    await policies.activate(1, 'a', new Date('2030-01-01T00:00:00Z'));
    expect(await counts(current().db)).toMatchObject({ activations: 2 });

    const [v] = await policies.listVersions();
    // In force now since its first activation, even though a later one is scheduled.
    expect(v).toMatchObject({ version: 1, status: 'active', effectiveFrom: '2026-11-27T02:00:00.000Z' });

    await policies.importWorkbook({ bytes: await editedSample(), filename: 'v2.xlsx', actor: 'a', activate: true, effectiveFrom: new Date('2027-01-01T00:00:00Z') });
    const byVersion = Object.fromEntries((await policies.listVersions()).map((x) => [x.version, [x.status, x.effectiveFrom]]));
    expect(byVersion).toEqual({ 1: ['active', '2026-11-27T02:00:00.000Z'], 2: ['scheduled', '2027-01-01T00:00:00.000Z'] });
  });
});
