// Tables as other hands lay them out: a tier table turned on its side (one row per tier, one column per item), two
// tables side by side on one sheet, and English headers over Chinese cells. Each must read to exactly the rules the
// standard layout gives, and errors and warnings must still name the cell where the problem stands.
import { describe, expect, it } from 'vitest';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { writeCatalogWorkbook } from '../../src/policy-workbook/workbook-export.ts';
import { stableStringify } from '../../src/policy/stable-json.ts';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import { buildWorkbook, type CellInput, type SheetSpec } from '../support/workbook-builder.ts';

const DIAG_2 = '代码诊断(限一年两次,2人天/次,非现场)';
const DIAG_4 = '代码诊断(限一年四次,2人天/次,非现场)';

/** The standard layout: one row per item. */
const UPRIGHT: CellInput[][] = [
  ['服务项目', '基础服务', '优选服务', '尊享服务'],
  ['7*24电话支持', '✓', '✓', '专属坐席'],
  ['7*24问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应'],
  ['系统运维', '5*8小时', '7*8小时', '7*12小时'],
  ['开发技术支持', '', DIAG_2, DIAG_4],
];

/** The same table turned on its side: one row per tier under a header row of items that starts with 服务产品. */
const ON_ITS_SIDE: CellInput[][] = [
  ['服务产品', '7*24电话支持', '7*24问题反馈', '系统运维', '开发技术支持'],
  ['基础服务', '✓', '2工作日响应', '5*8小时', ''],
  ['优选服务', '✓', '1工作日响应', '7*8小时', DIAG_2],
  ['尊享服务', '专属坐席', '0.5工作日响应', '7*12小时', DIAG_4],
];

const ON_PREM = { name: '私有云', rows: [['服务项目', '基础服务', '优选服务', '尊享服务'], ['软件更新包与升级许可', '✓', '✓', '✓']] };

const errors = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'error');
const where = (issues: ImportIssue[]) => issues.map((i) => [i.severity, i.code, i.sheet, i.cell]);

async function read(sheets: SheetSpec[]): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildWorkbook(sheets));
}

function rulesOf(readout: WorkbookReadout): RulesDocument {
  expect(errors(readout.issues)).toEqual([]);
  return buildRulesDocument(readout.catalog, readout.sha256);
}

/** The rules without where each came from (another layout puts everything in other cells), and without `also`. */
function withoutSource(doc: RulesDocument, also: string[] = []): string {
  const drop = new Set(['source', ...also]);
  return stableStringify(JSON.parse(JSON.stringify(doc.rules, (key: string, value: unknown) => (drop.has(key) ? undefined : value))));
}

const grantAt = (doc: RulesDocument, name: string) => {
  const rule = doc.rules.find((r) => r.name === name);
  return rule?.event.type === 'entitlement' ? rule.event.params : null;
};

describe('a tier table turned on its side', () => {
  it('reads to exactly the rules of the upright table', async () => {
    const upright = rulesOf(await read([{ name: '公有云', rows: UPRIGHT }, ON_PREM]));
    const sideways = rulesOf(await read([{ name: '公有云', rows: ON_ITS_SIDE }, ON_PREM]));
    expect(withoutSource(sideways)).toBe(withoutSource(upright));
    expect(sideways.rules.filter((r) => r.name.startsWith('cloud.'))).toHaveLength(12);
  });

  it('names the cells where they stand: the item in the header row, each grant where its tier row crosses the item', async () => {
    const doc = rulesOf(await read([{ name: '公有云', rows: ON_ITS_SIDE }, ON_PREM]));
    expect(grantAt(doc, 'cloud.premium.phone_support')).toMatchObject({ channel: 'dedicated', source: { sheet: '公有云', cell: 'B4' } });
    expect(grantAt(doc, 'cloud.basic.system_ops')).toMatchObject({ coverage: { daysPerWeek: 5, hoursPerDay: 8 }, source: { cell: 'D2' } });
    const readout = await read([{ name: '公有云', rows: ON_ITS_SIDE }, ON_PREM]);
    expect(readout.catalog.tierServices.filter((e) => e.offering === 'cloud').map((e) => [e.service, e.source.cell])).toEqual([
      ['phone_support', 'B1'],
      ['issue_feedback', 'C1'],
      ['system_ops', 'D1'],
      ['code_diagnosis', 'E1'],
    ]);
    expect(readout.sheets[0]!.tables).toEqual([{ kind: 'tiers', offering: 'cloud', headerCell: 'A1', rows: 4 }]);
  });

  it('takes its offering from its own title and reads a 代码 row for a new item', async () => {
    const doc = rulesOf(
      await read([
        {
          name: '服务目录',
          rows: [
            ['金蝶云星空(On Premise)服务产品目录'],
            ['服务产品', '7*24电话支持', 'VIP 热线'],
            ['基础服务', '✓', ''],
            ['优选服务', '✓', '✓'],
            ['尊享服务', '专属坐席', '专属坐席'],
            ['代码', '', 'vip_hotline'],
          ],
        },
        { name: '公有云', rows: UPRIGHT },
      ]),
    );
    expect(grantAt(doc, 'on_premise.premium.vip_hotline')).toMatchObject({ channel: 'dedicated', label: 'VIP热线', source: { cell: 'C5' } });
    expect(grantAt(doc, 'on_premise.basic.vip_hotline')).toMatchObject({ included: false });
  });

  it('reads a table on its side made only of new items when a 代码 row gives their codes, and not without one', async () => {
    const rows: CellInput[][] = [
      ['服务产品', 'VIP 热线', '季度回顾'],
      ['基础服务', '', ''],
      ['优选服务', '✓', ''],
      ['尊享服务', '专属坐席', '每季度1次业务回顾'],
      ['代码', 'vip_hotline', 'quarterly_review'],
    ];
    const doc = rulesOf(await read([{ name: '公有云', rows: [...UPRIGHT, [], ...rows] }, ON_PREM]));
    expect(grantAt(doc, 'cloud.premium.quarterly_review')).toMatchObject({ deliverables: ['每季度1次业务回顾'], source: { cell: 'C10' } });
    const withoutCodes = await read([{ name: '公有云', rows: [...UPRIGHT, [], ...rows.slice(0, 4)] }, ON_PREM]);
    expect(withoutCodes.catalog.tierServices.map((e) => e.service)).not.toContain('vip_hotline');
    expect(where(withoutCodes.issues).filter(([, code]) => code === 'ROW_OUTSIDE_TABLE').length).toBeGreaterThan(0);
  });

  it('reports a bad cell, a missing item name and an unknown row at the cells where they stand', async () => {
    const readout = await read([
      {
        name: '公有云',
        rows: [
          ['服务产品', '7*24电话支持', '7*24问题反馈', ''],
          ['基础服务', '✓', '2工作日响应', '✓'],
          ['优选服务', '✓', '马上响应', ''],
          ['尊享服务', '专属坐席', '0.5工作日响应', ''],
          ['备注', '热线', '', ''],
        ],
      },
      ON_PREM,
    ]);
    expect(where(readout.issues)).toEqual([
      ['error', 'MISSING_SERVICE_NAME', '公有云', 'D1'],
      ['error', 'BAD_CELL', '公有云', 'C3'],
      ['warning', 'UNKNOWN_COLUMN', '公有云', 'A5'],
    ]);
    const missing = readout.issues.find((i) => i.code === 'MISSING_SERVICE_NAME')!;
    expect(missing.message).toContain('第 D 列');
    expect(missing.messageEn).toMatch(/^Column D /);
  });

  it('refuses a table on its side that lacks a tier, naming the tier row that is missing', async () => {
    const readout = await read([
      {
        name: '公有云',
        rows: [
          ['服务产品', '7*24电话支持'],
          ['基础服务', '✓'],
          ['优选服务', '✓'],
        ],
      },
      ON_PREM,
    ]);
    expect(where(errors(readout.issues))).toEqual([['error', 'MISSING_TIER_COLUMN', '公有云', 'A1']]);
    expect(errors(readout.issues)[0]!.message).toContain('尊享服务”行');
  });

  it('warns of an item listed twice, as the upright table does', async () => {
    const readout = await read([
      {
        name: '公有云',
        rows: [
          ['服务产品', '7*24电话支持', '电话支持'],
          ['基础服务', '✓', '✓'],
          ['优选服务', '✓', '✓'],
          ['尊享服务', '专属坐席', '✓'],
        ],
      },
      ON_PREM,
    ]);
    expect(where(readout.issues)).toEqual([['warning', 'DUPLICATE_SERVICE', '公有云', 'C1']]);
  });

  it('leaves a price table whose rows are tiers alone: its header is read upright first', async () => {
    const readout = await read([
      { name: '公有云', rows: UPRIGHT },
      ON_PREM,
      { name: '价格', rows: [['服务产品', '部署', '计价方式', '价格'], ['尊享服务', '全部', '元/年', 120000], ['优选服务', '全部', '元/年', 60000]] },
    ]);
    // The workbook lacks the price settings (增值税率 …), which is no concern here: the table is a price table.
    expect(readout.sheets.find((s) => s.name === '价格')!.priceTables).toHaveLength(1);
    expect(readout.catalog.tierServices.filter((e) => e.source.sheet === '价格')).toEqual([]);
  });
});

/** The cloud table in A–D and the on-premise table in G–J, each under its own title. */
const SIDE_BY_SIDE: CellInput[][] = [
  ['金蝶云星空(公有云)服务产品目录', null, null, null, null, null, '金蝶云星空(On Premise)服务产品目录'],
  ['服务项目', '基础服务', '优选服务', '尊享服务', null, null, '服务项目', '基础服务', '优选服务', '尊享服务'],
  ['7*24电话支持', '✓', '✓', '专属坐席', null, null, '软件更新包与升级许可', '✓', '✓', '✓'],
  ['7*24问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应', null, null, '紧急故障处理', '1工作日响应', '4工作小时响应', '2工作小时响应'],
  ['系统运维', '5*8小时', '7*8小时', '7*12小时'],
];

describe('tables side by side on one sheet', () => {
  it('reads each table for the offering its own title names, as if each stood on a sheet of its own', async () => {
    const readout = await read([{ name: '服务目录', rows: SIDE_BY_SIDE }]);
    const beside = rulesOf(readout);
    const apart = rulesOf(
      await read([
        { name: '公有云', rows: SIDE_BY_SIDE.slice(1).map((r) => r.slice(0, 4)) },
        { name: '私有云', rows: SIDE_BY_SIDE.slice(1, 4).map((r) => r.slice(6)) },
      ]),
    );
    expect(withoutSource(beside)).toBe(withoutSource(apart));
    expect(readout.sheets[0]!.tables.map((t) => [t.offering, t.headerCell, t.rows])).toEqual([
      ['cloud', 'A2', 3],
      ['on_premise', 'G2', 2],
    ]);
    expect(grantAt(beside, 'on_premise.preferred.emergency_fault')).toMatchObject({ responseWindow: { amount: 4, unit: 'working_hour' }, source: { cell: 'I4' } });
  });

  it('names the cell of an error in the right-hand table', async () => {
    const rows = SIDE_BY_SIDE.map((r) => [...r]);
    rows[3]![8] = '尽快';
    const readout = await read([{ name: '服务目录', rows }]);
    expect(where(errors(readout.issues))).toEqual([['error', 'BAD_CELL', '服务目录', 'I4']]);
  });

  it('exports the two tables and re-imports them to the same rules', async () => {
    const before = rulesOf(await read([{ name: '服务目录', rows: SIDE_BY_SIDE }]));
    expect(before.tables.map((t) => [t.headerCell, t.throughColumn])).toEqual([
      ['A2', 'D'],
      ['G2', undefined],
    ]);
    const after = rulesOf(await readPolicyWorkbook(await writeCatalogWorkbook(catalogFromRules(before))));
    expect(withoutSource(after)).toBe(withoutSource(before));
  });

  it('keeps a table with an empty column inside it whole, and a notes column beside it with the table', async () => {
    const readout = await read([
      {
        name: '公有云',
        rows: [
          ['服务项目', null, '基础服务', '优选服务', '尊享服务', null, '说明'],
          ['7*24电话支持', null, '✓', '✓', '专属坐席', null, '由热线提供'],
        ],
      },
      ON_PREM,
    ]);
    expect(where(readout.issues)).toEqual([['warning', 'UNKNOWN_COLUMN', '公有云', 'G1']]);
    expect(grantAt(rulesOf(readout), 'cloud.premium.phone_support')).toMatchObject({ channel: 'dedicated', source: { cell: 'E2' } });
  });
});

describe('English headers and names', () => {
  it('reads English sheet names, headers and item names over Chinese cells to the rules of the Chinese layout', async () => {
    const chinese = rulesOf(await read([{ name: '公有云', rows: UPRIGHT }, ON_PREM]));
    const english = rulesOf(
      await read([
        {
          name: 'Public Cloud',
          rows: [
            ['Service item', 'Basic', 'Preferred', 'Premium'],
            ['Phone support', '✓', '✓', '专属坐席'],
            ['7x24 issue reporting', '2工作日响应', '1工作日响应', '0.5工作日响应'],
            ['System operations', '5*8小时', '7*8小时', '7*12小时'],
            ['Development support', '', DIAG_2, DIAG_4],
          ],
        },
        { name: 'On Premise', rows: [['SERVICE ITEM', 'Basic service', 'Preferred service', 'Premium service'], ['Update packages and upgrade license', '✓', '✓', '✓']] },
      ]),
    );
    // The label is the item's name as typed; everything the desk decides on is the same.
    expect(withoutSource(english, ['label'])).toBe(withoutSource(chinese, ['label']));
    expect(english.tables.map((t) => [t.sheet, t.offering])).toEqual([
      ['Public Cloud', 'cloud'],
      ['On Premise', 'on_premise'],
    ]);
  });

  it('turns an English table on its side too, its corner saying Tier', async () => {
    const chinese = rulesOf(await read([{ name: '公有云', rows: UPRIGHT }, ON_PREM]));
    const sideways = ON_ITS_SIDE.map((r) => [...r]);
    sideways[0]![0] = 'Tier';
    sideways[1]![0] = 'Basic';
    sideways[2]![0] = 'Preferred';
    sideways[3]![0] = 'Premium';
    const english = rulesOf(await read([{ name: 'Public Cloud', rows: sideways }, { ...ON_PREM, name: 'Private Cloud' }]));
    expect(withoutSource(english)).toBe(withoutSource(chinese));
  });

  it('reads a special-services table with Public Cloud and On Premise columns', async () => {
    const doc = rulesOf(
      await read([
        { name: '公有云', rows: UPRIGHT },
        ON_PREM,
        {
          name: 'Special services',
          rows: [
            ['Special service', 'Description', 'Public Cloud', 'On Premise'],
            ['Data repair', 'Repairs data damaged by a power cut', '✓', '✓'],
            ['Performance tuning', 'Tunes the on-premise system', '', '✓'],
          ],
        },
      ]),
    );
    const special = (name: string) => doc.rules.find((r) => r.name === name)?.event.params as { offerings?: string[] } | undefined;
    expect(special('special.data_repair')).toMatchObject({ offerings: ['cloud', 'on_premise'] });
    expect(special('special.performance_tuning')).toMatchObject({ offerings: ['on_premise'] });
  });
});
