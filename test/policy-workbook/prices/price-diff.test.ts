// Version diffs of the 价格 sheet: fees, service prices and settings that changed, and nothing for moved rows.
import { describe, expect, it } from 'vitest';
import { readPolicyWorkbook } from '../../../src/policy-workbook/read-policy-workbook.ts';
import { sampleWorkbookTables } from '../../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook, type WorkbookTable } from '../../../src/workbook/workbook-writer.ts';
import { diffPolicies, isEmptyDiff } from '../../../src/policy-workbook/policy-diff.ts';
import { buildRulesDocument, type RulesDocument } from '../../../src/policy-workbook/rules-document.ts';

async function rulesOf(tables: WorkbookTable[]): Promise<RulesDocument> {
  const readout = await readPolicyWorkbook(await writeWorkbook(tables));
  expect(readout.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return buildRulesDocument(readout.catalog, readout.sha256);
}

/** The sample's tables with its three price tables named. */
function sample() {
  const tables = sampleWorkbookTables();
  const titled = (title: string) => tables.find((t) => t.sheet === '价格' && t.title === title)!;
  const [tiers, services, settings] = [titled('一、服务产品年费'), titled('二、专项服务价格'), titled('三、税率与折扣')];
  return { tables, tiers, services, settings };
}

const row = (table: WorkbookTable, first: string, second?: string) => table.rows.find((r) => r[0] === first && (second === undefined || r[1] === second))!;

describe('price changes between versions', () => {
  it('name each fee, service price and setting that changed, from → to', async () => {
    const before = await rulesOf(sampleWorkbookTables());
    const { tables, tiers, services, settings } = sample();
    row(tiers, '公有云', '基础服务')[3] = '¥20,000';
    row(tiers, '私有云', '尊享服务')[2] = '元/年';
    row(tiers, '私有云', '尊享服务')[3] = '¥120,000';
    row(services, '现场支持（机构提供）')[4] = '¥1,000';
    services.rows = services.rows.filter((r) => r[0] !== '数据库迁移');
    row(services, '数据修复')[3] = '¥3,200';
    row(services, '数据修复')[1] = '私有云';
    row(settings, '增值税率')[1] = '9%';
    const diff = diffPolicies(before, await rulesOf(tables));

    expect(diff.entitlements).toEqual([]);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(diff.prices).toEqual({
      tiers: [
        { kind: 'changed', offering: 'cloud', tier: 'basic', from: { method: 'fixed', annualFen: 1_800_000 }, to: { method: 'fixed', annualFen: 2_000_000 } },
        { kind: 'changed', offering: 'on_premise', tier: 'premium', from: { method: 'licence_share', basisPoints: 2500 }, to: { method: 'fixed', annualFen: 12_000_000 } },
      ],
      specialServices: [
        {
          kind: 'changed',
          service: 'data_repair',
          offering: 'on_premise',
          from: { unit: 'person_day', unitFen: 300_000, travelPerTripFen: null },
          to: { unit: 'person_day', unitFen: 320_000, travelPerTripFen: null },
        },
        {
          kind: 'changed',
          service: 'onsite_support',
          offering: 'cloud',
          from: { unit: 'person_day', unitFen: 250_000, travelPerTripFen: 80_000 },
          to: { unit: 'person_day', unitFen: 250_000, travelPerTripFen: 100_000 },
        },
        {
          kind: 'changed',
          service: 'onsite_support',
          offering: 'on_premise',
          from: { unit: 'person_day', unitFen: 250_000, travelPerTripFen: 80_000 },
          to: { unit: 'person_day', unitFen: 250_000, travelPerTripFen: 100_000 },
        },
        { kind: 'removed', service: 'data_repair', offering: 'cloud', from: { unit: 'person_day', unitFen: 300_000, travelPerTripFen: null }, to: null },
        { kind: 'removed', service: 'db_migration', offering: 'on_premise', from: { unit: 'person_day', unitFen: 400_000, travelPerTripFen: null }, to: null },
      ],
      settings: [{ kind: 'changed', setting: 'vat', from: 600, to: 900 }],
    });
  });

  it('find nothing when rows moved or a 全部 row was split into one per offering at the same price', async () => {
    const before = await rulesOf(sampleWorkbookTables());
    const { tables, tiers, services, settings } = sample();
    tiers.rows.reverse();
    settings.rows.reverse();
    const repair = row(services, '数据修复');
    services.rows.splice(services.rows.indexOf(repair), 1, ['数据修复', '公有云', ...repair.slice(2)], ['数据修复', '私有云', ...repair.slice(2)]);
    const diff = diffPolicies(before, await rulesOf(tables));
    expect(isEmptyDiff(diff)).toBe(true);
    expect('prices' in diff).toBe(false);
  });

  it('say when the prices stop being samples, and list every price as added when there were none', async () => {
    const before = await rulesOf(sampleWorkbookTables());
    const { tables, tiers } = sample();
    tiers.heading = '价格表';
    expect(diffPolicies(before, await rulesOf(tables)).prices).toEqual({ tiers: [], specialServices: [], settings: [], sample: { from: true, to: false } });

    const withoutPrices = await rulesOf(sampleWorkbookTables().filter((t) => t.sheet !== '价格'));
    const first = diffPolicies(withoutPrices, before).prices!;
    expect(first.tiers).toHaveLength(6);
    expect(first.tiers.every((c) => c.kind === 'added' && c.from === null)).toBe(true);
    // 全部 rows count once per offering: 6 services on both, 3 on premise only.
    expect(first.specialServices).toHaveLength(6 * 2 + 3);
    expect(first.settings.map((c) => [c.setting, c.from, c.to])).toEqual([
      ['vat', null, 600],
      ['sales_discount_limit', null, 1000],
      ['discount_maximum', null, 3000],
    ]);
    expect(first.sample).toEqual({ from: null, to: true });
    expect(diffPolicies(before, withoutPrices).prices?.tiers.every((c) => c.kind === 'removed' && c.to === null)).toBe(true);
  });
});
