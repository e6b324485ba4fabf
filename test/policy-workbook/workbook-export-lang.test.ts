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
import { englishTables, englishWorkbook } from '../support/layout-workbooks.ts';
import { writeWorkbook, type WorkbookTable } from '../../src/workbook/workbook-writer.ts';
import { buildWorkbook } from '../support/workbook-builder.ts';

/** The rules of a workbook that imports with no error, and with no warning unless it is allowed some. */
async function importRules(bytes: Buffer, warnings: 'none' | 'allowed' = 'none'): Promise<RulesDocument> {
  const readout = await readPolicyWorkbook(bytes);
  expect(readout.issues.filter((i) => warnings === 'none' || i.severity === 'error')).toEqual([]);
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
    expect(sheets.get('价格')).toContainEqual(['Public Cloud', 'Basic', 'Fixed annual fee', '¥18,000']);
    expect(sheets.get('价格')).toContainEqual(['VAT rate', '6%']);
    expect(sheets.get('价格')![0]).toEqual(['Price list (sample)']);
    expect(sheets.get('服务时间')).toContainEqual(['Offering', 'Tier', 'Service item', 'Calendar']);
    expect(sheets.get('服务时间')).toContainEqual(['On Premise', 'All', 'All', '标准工作日']);
    expect(sheets.get('节假日')).toContainEqual(['Date', 'Type', 'Name']);
    expect(sheets.get('节假日')).toContainEqual(['2026-02-14', 'Working day', '春节调休上班']);
    expect(sheets.get('服务时间')).toContainEqual(['标准工作日', 'Mon-Fri', '09:00-12:00, 13:00-18:00', 'Yes']);
    expect(sheets.get('测试用例')).toContainEqual(['Public Cloud', 'Basic', 'Online chat', '2026-03-02 10:00', '✗', 'Not in tier']);
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

describe('export in English of the sheets the sample leaves plain', () => {
  it('calendars of scattered weekdays, all-day and 12-hour-clock hours, scoped assignments and resolution targets re-import the same', async () => {
    const table = (title: string, header: string[], rows: string[][]): WorkbookTable => ({ sheet: 'Calendars', title, header, rows, widths: [20, 24, 36, 16] });
    const extra = await writeWorkbook([
      ...englishTables().filter((t) => t.sheet !== 'Calendars'),
      table('Working calendars', ['Calendar name', 'Working days', 'Working hours', 'Public holidays'], [
        ['标准工作日', 'Mon-Fri', '09:00-12:00, 13:00-18:00', 'Yes'],
        ['Weekend desk', 'Mon, Wed, Fri, Sat & Sun', 'All day', 'No'],
        ['Tue and Thu', 'Tuesday, Thursday', '8am-8pm', ''],
      ]),
      table('Where each calendar applies', ['Offering', 'Tier', 'Service item', 'Calendar'], [
        ['Public Cloud', 'Premium', 'Emergency faults', 'Weekend desk'],
        ['On Premise', 'All', 'Phone support', 'Tue and Thu'],
        ['All', 'All', 'All', '标准工作日'],
      ]),
      table('Resolution targets', ['Offering', 'Tier', 'Service item', 'Resolution target'], [
        ['All', 'Premium', 'Emergency faults', '1.5 working days'],
        ['Public Cloud', 'All', 'All', '8 working hours'],
      ]),
    ]);
    const typed = await importRules(extra);
    expect(typed.calendars?.definitions.map((d) => d.name)).toEqual(['标准工作日', 'Weekend desk', 'Tue and Thu']);
    expect(typed.rules.filter((r) => r.event.type === 'resolution')).toHaveLength(2);
    for (const lang of ['en', 'zh'] as const) {
      const exported = await writeCatalogWorkbook(catalogFromRules(typed), lang);
      expect(same(await importRules(exported)), lang).toBe(same(typed));
    }
    const english = (await sheetTexts(await writeCatalogWorkbook(catalogFromRules(typed), 'en'))).get('Calendars')!;
    expect(english).toContainEqual(['Weekend desk', 'Mon, Wed, Fri-Sun', '00:00-24:00', 'No']);
    expect(english).toContainEqual(['All', 'Premium', 'Emergency faults', '1.5 working days']);
    expect(english).toContainEqual(['Public Cloud', 'All', 'All', '8 working hours']);
  });
});

describe('the special-services table with a column per offering', () => {
  it('is written with Yes and No in English, and reads back to the same offerings', async () => {
    const typed = await importRules(await writeEnglishSampleWorkbook());
    const english = await writeCatalogWorkbook(catalogFromRules(typed), 'en');
    const specials = (await sheetTexts(english)).get('Special services')!;
    expect(specials).toContainEqual(['Special service', 'Description', 'Public Cloud', 'On Premise', 'Code']);
    expect(specials.find((r) => r[0] === 'Performance tuning')?.slice(2)).toEqual(['No', 'Yes', 'performance_tuning']);
    expect(specials.find((r) => r[0] === 'Data repair')?.slice(2)).toEqual(['Yes', 'Yes', 'data_repair']);
    expect(same(await importRules(english))).toBe(same(typed));
  });
});

describe('an English export of tables whose offering only a title named', () => {
  it('puts the offering in English into a title that does not name it, so it reads back to the same offering', async () => {
    const typed = await importRules(
      await buildWorkbook([
        {
          name: '目录',
          rows: [
            ['金蝶云星空(本地部署)服务政策'],
            ['一、服务产品目录'],
            ['服务项目', '基础服务', '优选服务', '尊享服务'],
            ['软件更新包与升级许可', '✓', '✓', '✓'],
            [],
            ['专项服务产品', '主要服务内容说明'],
            ['集群和高可用部署', '针对私有云客户'],
          ],
        },
      ]),
      // No cloud tier table: a warning, which is not what this is about.
      'allowed',
    );
    expect(typed.tables.map((t) => t.offering)).toEqual(['on_premise', 'on_premise']);
    const english = await writeCatalogWorkbook(catalogFromRules(typed), 'en');
    const rows = (await sheetTexts(english)).get('目录')!;
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['Cloud Galaxy (on premise) 一、服务产品目录', 'Cloud Galaxy (on premise) Special services offered']));
    const again = await importRules(english, 'allowed');
    expect(again.tables.map((t) => t.offering)).toEqual(['on_premise', 'on_premise']);
    expect(same(again)).toBe(same(typed));
  });
});
