// The sample workbook's 价格 sheet: sample prices, marked 示例, for everything the sample catalog sells.
import { beforeAll, describe, expect, it } from 'vitest';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { OFFERINGS, TIERS } from '../../src/catalog/catalog-codes.ts';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { buildRulesDocument, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { sampleWorkbook } from '../support/fixtures.ts';

let readout: WorkbookReadout;
let prices: PriceList;
let doc: RulesDocument;

beforeAll(async () => {
  readout = await readPolicyWorkbook(sampleWorkbook());
  prices = readout.catalog.prices!;
  doc = buildRulesDocument(readout.catalog, readout.sha256);
});

const service = (code: string) => prices.specialServices.filter((p) => p.service === code);

describe("the sample's 价格 sheet", () => {
  it('is titled 价格表(示例), so its prices are samples', () => {
    expect(prices.sample).toBe(true);
    expect(doc.prices?.sample).toBe(true);
    expect(readout.sheets.find((s) => s.name === '价格')?.role).toBe('prices');
  });

  it('prices cloud tiers as fixed annual fees and on-premise tiers as a share of the licence', () => {
    expect(prices.tiers.map((p) => [p.offering, p.tier, p.method === 'fixed' ? p.annualFen : p.basisPoints])).toEqual([
      ['cloud', 'basic', 1_800_000],
      ['cloud', 'preferred', 3_800_000],
      ['cloud', 'premium', 8_800_000],
      ['on_premise', 'basic', 1200],
      ['on_premise', 'preferred', 1800],
      ['on_premise', 'premium', 2500],
    ]);
    expect(prices.tiers.map((p) => p.method)).toEqual(['fixed', 'fixed', 'fixed', 'licence_share', 'licence_share', 'licence_share']);
    for (const offering of OFFERINGS) for (const tier of TIERS) expect(prices.tiers.filter((p) => p.offering === offering && p.tier === tier), `${offering} ${tier}`).toHaveLength(1);
  });

  it('prices every special service the catalog sells where it sells it, the on-prem-only ones on premise only', () => {
    for (const entry of readout.catalog.specialServices) {
      expect(service(entry.service).some((p) => p.offering === null || p.offering === entry.offering), `${entry.service} ${entry.offering}`).toBe(true);
    }
    for (const code of ['db_migration', 'performance_tuning', 'cluster_ha']) expect(service(code).map((p) => p.offering)).toEqual(['on_premise']);
    expect(prices.specialServices.every((p) => p.unit === 'person_day' ? p.unitFen >= 250_000 && p.unitFen <= 400_000 : p.service === 'upgrade_migration')).toBe(true);
    expect(service('db_migration')[0]).toMatchObject({ unit: 'person_day', unitFen: 400_000 });
    expect(service('upgrade_migration')[0]).toMatchObject({ unit: 'item', unitFen: 2_000_000 });
  });

  it('gives onsite_support, and only it, a travel allowance of ¥800 a trip', () => {
    expect(service('onsite_support')).toEqual([expect.objectContaining({ offering: null, unit: 'person_day', unitFen: 250_000, travelPerTripFen: 80_000 })]);
    expect(prices.specialServices.filter((p) => p.travelPerTripFen !== null).map((p) => p.service)).toEqual(['onsite_support']);
  });

  it('charges 6% VAT and lets sales give 10% alone, 30% at most with approval', () => {
    expect(prices.vatBasisPoints).toBe(600);
    expect(prices.discount).toEqual({ salesLimitBasisPoints: 1000, maximumBasisPoints: 3000, source: { sheet: '价格', cell: 'B27' } });
    expect(doc.prices?.vatSource).toEqual({ sheet: '价格', cell: 'B26', workbookSha256: readout.sha256 });
  });
});
