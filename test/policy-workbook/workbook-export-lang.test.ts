// Export in English (issue 18): the tables headed in English, the scope words the export authors in English, and
// what people typed as typed, so that importing the English export gives the same rules, byte for byte but for
// where each thing stood. For the Chinese sample and for a workbook typed in English.
import { beforeAll, describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/policy/stable-json.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { writeSampleWorkbook } from '../../src/policy-workbook/sample-workbook.ts';
import { writeEnglishSampleWorkbook } from '../../src/policy-workbook/sample-workbook-en.ts';
import { writeCatalogWorkbook } from '../../src/policy-workbook/workbook-export.ts';
import { readWorkbookGrid } from '../../src/workbook/workbook-grid.ts';
import { withoutSource } from '../support/rules-decisions.ts';
import { englishWorkbook } from '../support/layout-workbooks.ts';

async function importRules(bytes: Buffer): Promise<RulesDocument> {
  const readout = await readPolicyWorkbook(bytes);
  expect(readout.issues).toEqual([]);
  return buildRulesDocument(readout.catalog, readout.sha256);
}

/** Each sheet's non-blank rows as text, for what the export wrote. */
async function sheetTexts(bytes: Buffer): Promise<Map<string, string[][]>> {
  const grid = await readWorkbookGrid(bytes);
  return new Map(grid.sheets.map((s) => [s.name, s.rows.map((r) => r.cells.map((c) => c.text).filter(Boolean)).filter((r) => r.length > 0)]));
}

const same = (doc: RulesDocument) => stableStringify(withoutSource(doc));

describe('entitle export --lang en of the Chinese sample', () => {
  let sample: RulesDocument;
  let english: Buffer;
  beforeAll(async () => {
    sample = await importRules(await writeSampleWorkbook());
    english = await writeCatalogWorkbook(catalogFromRules(sample), 'en');
  });

  it('re-imports to the same rules, prices, calendars and test cases, byte for byte but for their source', async () => {
    expect(same(await importRules(english))).toBe(same(sample));
  });

  it('is deterministic', async () => {
    expect((await writeCatalogWorkbook(catalogFromRules(sample), 'en')).equals(english)).toBe(true);
  });

  it('heads every table in English and writes the scope words it authors in English; the typed cells stay as typed', async () => {
    const sheets = await sheetTexts(english);
    const cloud = sheets.get('金蝶云星空（公有云）')!;
    expect(cloud).toContainEqual(['Service item', 'Basic', 'Preferred', 'Premium', 'Code']);
    // A merged cell reads as its value in each cell it covers; the grid reader normalises the text.
    expect(cloud).toContainEqual(['7*24电话支持', '✓', '✓', '专属坐席', 'phone_support']);
    expect(cloud).toContainEqual(['7*24问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应', 'issue_feedback']);
    expect(cloud).toContainEqual(['Special service', 'Description', 'Code']);
    expect(sheets.get('价格')).toContainEqual(['Offering', 'Tier', 'Pricing', 'Price']);
    expect(sheets.get('价格')).toContainEqual(['Public Cloud', 'Basic', 'Fixed', '¥18,000']);
    expect(sheets.get('价格')).toContainEqual(['VAT rate', '6%']);
    expect(sheets.get('价格')![0]).toEqual(['Price list (sample)']);
    expect(sheets.get('服务时间')).toContainEqual(['Offering', 'Tier', 'Service item', 'Calendar']);
    expect(sheets.get('服务时间')).toContainEqual(['On Premise', 'All', 'All', '标准工作日']);
    expect(sheets.get('节假日')).toContainEqual(['Date', 'Type', 'Name']);
    expect(sheets.get('测试用例')).toContainEqual(['Public Cloud', 'Basic', 'Online chat', '2026-03-02 10:00', '✗', 'NOT_IN_TIER']);
  });

  it('writes the same Chinese workbook as before when no language is asked for', async () => {
    expect((await writeCatalogWorkbook(catalogFromRules(sample))).equals(await writeCatalogWorkbook(catalogFromRules(sample), 'zh'))).toBe(true);
  });
});

describe('export of a workbook typed in English', () => {
  it.each([
    ['the English sample', writeEnglishSampleWorkbook],
    ['the sample translated by test/support', englishWorkbook],
  ])('%s: exported in English and in Chinese, each re-imports to the same rules but for their source', async (_, write) => {
    const typed = await importRules(await write());
    for (const lang of ['en', 'zh'] as const) {
      const again = await importRules(await writeCatalogWorkbook(catalogFromRules(typed), lang));
      expect(same(again), lang).toBe(same(typed));
    }
  });
});
