// Export and re-import of a workbook laid out differently from the standard layout: the rules must survive.
import { describe, expect, it } from 'vitest';
import { writeCatalogWorkbook } from '../../src/policy-workbook/workbook-export.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { stableStringify } from '../../src/policy/stable-json.ts';
import { buildWorkbook, rich, type SheetSpec } from '../support/workbook-builder.ts';

/** The rules (and calendars) without where they came from: a different layout puts everything in other cells. */
function withoutSource(doc: RulesDocument): string {
  const content = { rules: doc.rules, calendars: doc.calendars };
  return stableStringify(JSON.parse(JSON.stringify(content, (key: string, value: unknown) => (key === 'source' ? undefined : value))));
}

async function importRules(bytes: Buffer): Promise<RulesDocument> {
  const readout = await readPolicyWorkbook(bytes);
  expect(readout.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return buildRulesDocument(readout.catalog, readout.sha256);
}

async function roundTrip(sheets: SheetSpec[]): Promise<{ before: RulesDocument; after: RulesDocument }> {
  const before = await importRules(await buildWorkbook(sheets));
  const after = await importRules(await writeCatalogWorkbook(catalogFromRules(before)));
  return { before, after };
}

const OTHER_LAYOUT: SheetSpec[] = [
  {
    name: '服务目录',
    rows: [
      ['金蝶云星空服务政策(2026 版)'],
      ['说明:本表由服务产品管理部维护'],
      [],
      [null, '一、金蝶云星空（On Premise）服务产品目录'],
      [null, '代码', '服务项目', '基础', '优选', '尊享'],
      [null, null, '7＊24电话支持', '√', '是', '专属坐席'],
      [null, null, '软件更新包与升级许可', '✓'],
      [null, 'vip_hotline', 'VIP 热线', '-', '✓', '专属坐席'],
      [null, null, '应用提升支持', null, '• 产品更新升级技术指导\n• 提供审计拆分工具', '(1)产品更新升级技术指导;(2)提供服务工具'],
      [null, null, '客户成功支持', null, '每年1次服务报告', rich('1、指定客户成功经理\n', '2、每年1次服务报告及总部专家建议')],
      [null, null, '开发技术支持', '—', '代码诊断（限一年两次，2人天/次，非现场）', '代码诊断(每年4次,每次2人天,现场)'],
      [null, 'quarterly_review', '季度回顾', null, null, '每季度1次业务回顾'],
      [],
      [null, '二、金蝶云星空服务产品目录'],
      [null, '代码', '服务项目', '基础服务', '优选服务', '尊享服务'],
      [null, null, '7*24自助运维', '✓'],
      [null, null, '系统运维', '5×8小时', '7*8小时', '7*12小时'],
      [null, null, '7*24问题反馈', '2个工作日内响应', '一个工作日响应', '半个工作日响应'],
    ],
    merges: ['A1:F1', 'B4:F4', 'D7:F7', 'B14:F14', 'D16:F16'],
  },
  {
    name: '专项服务',
    rows: [
      [],
      ['专项服务(私有云)'],
      ['专项服务产品', '代码', '主要服务内容说明'],
      ['性能优化', null, '针对私有云客户,对系统运行环境进行全面诊断优化。'],
      ['安全加固', 'security_hardening', '针对私有云客户的安全加固'],
      ['现场支持（机构提供）', null, '赴客户现场'],
    ],
  },
  { name: '价格', rows: [['服务产品', '价格'], ['尊享服务', 120000]] },
];

describe('writeCatalogWorkbook round trip', () => {
  it('re-imports a differently laid-out workbook to identical rules, ignoring their source', async () => {
    const { before, after } = await roundTrip(OTHER_LAYOUT);
    expect(before.rules.map((r) => r.name)).toContain('on_premise.premium.vip_hotline');
    expect(before.rules.map((r) => r.name)).toContain('special.security_hardening');
    expect(withoutSource(after)).toBe(withoutSource(before));
    expect(after.tables.map((t) => [t.sheet, t.kind, t.offering, t.title])).toEqual(before.tables.map((t) => [t.sheet, t.kind, t.offering, t.title]));
  });

  it('keeps deliverables that were separated only by line breaks or bullets', async () => {
    const { before, after } = await roundTrip(OTHER_LAYOUT);
    const grant = (doc: RulesDocument, name: string) => {
      const rule = doc.rules.find((r) => r.name === name);
      return rule?.event.type === 'entitlement' ? { text: rule.event.params.text, deliverables: rule.event.params.deliverables } : null;
    };
    expect(grant(before, 'on_premise.preferred.app_improvement')?.deliverables).toEqual(['产品更新升级技术指导', '提供审计拆分工具']);
    for (const name of ['on_premise.preferred.app_improvement', 'on_premise.premium.app_improvement', 'on_premise.premium.customer_success']) {
      expect(grant(after, name), name).toEqual(grant(before, name));
    }
  });

  it('keeps an offering that only a sheet title above the tables named', async () => {
    const { before, after } = await roundTrip([
      {
        name: '目录',
        rows: [
          ['金蝶云星空(本地部署)服务政策'],
          ['一、服务产品目录'],
          ['服务项目', '基础服务', '优选服务', '尊享服务'],
          ['软件更新包与升级许可', '✓', '✓', '✓'],
          [],
          ['二、专项服务'],
          ['专项服务产品', '主要服务内容说明'],
          ['集群和高可用部署', '针对私有云客户'],
        ],
      },
    ]);
    expect(before.tables.map((t) => t.offering)).toEqual(['on_premise', 'on_premise']);
    expect(after.tables.map((t) => t.offering)).toEqual(['on_premise', 'on_premise']);
    expect(withoutSource(after)).toBe(withoutSource(before));
  });

  it('writes each table with its own rows when a sheet holds tables of both offerings', async () => {
    const exported = await writeCatalogWorkbook(catalogFromRules((await roundTrip(OTHER_LAYOUT)).before));
    const reread = await readPolicyWorkbook(exported);
    expect(reread.sheets.map((s) => [s.name, s.tables.map((t) => `${t.offering}:${t.rows}`)])).toEqual([
      ['服务目录', ['on_premise:7', 'cloud:3']],
      ['专项服务', ['on_premise:3']],
    ]);
  });
});

const CALENDAR_LAYOUT: SheetSpec[] = [
  ...OTHER_LAYOUT,
  {
    name: '日历',
    rows: [
      ['日历适用范围(先于日历定义)'],
      [null, '服务项目', '部署形态', '服务产品', '日历'],
      [null, '紧急故障处理', '公有云', '尊享', '7×12'],
      [null, 'vip_hotline', '私有云', null, '7×12'],
      [null, '季度回顾', '私有云', '尊享服务', '周末值班'],
      [null, null, '全部', '全部', '标准工作日'],
      [],
      [null, '日历名称', '工作日', '工作时间', '法定节假日'],
      [null, '7×12', '每天', '8:00–20:00', '照常'],
      [null, '周末值班', '周一、三、五、周六日', '9:00-12:00,13:00-17:30', null],
      [null, '标准工作日', '周一至周五', '08:30-12:00、13:00-17:30', '休息'],
    ],
  },
  {
    name: '假期',
    rows: [
      ['名称', '日期', '类型'],
      ['国庆节', new Date(Date.UTC(2026, 9, 1)), '休'],
      ['国庆节', '2026年10月2日', '放假'],
      ['国庆节调休上班', '2026/10/10', '补班'],
      ['元旦', '2031-01-01', '休'],
    ],
  },
];

describe('writeCatalogWorkbook round trip of the 服务时间 and 节假日 sheets', () => {
  it('re-imports calendars, assignments and holiday rows to identical rules, ignoring their source', async () => {
    const { before, after } = await roundTrip(CALENDAR_LAYOUT);
    expect(before.rules.filter((r) => r.event.type === 'calendar').map((r) => r.name)).toEqual([
      'calendar.cloud.premium.emergency_fault',
      'calendar.on_premise.*.vip_hotline',
      'calendar.on_premise.premium.quarterly_review',
      'calendar.*.*.*',
    ]);
    expect(before.calendars?.definitions.map((d) => d.name)).toEqual(['7×12', '周末值班', '标准工作日']);
    expect(before.calendars?.holidays.map((h) => h.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-10', '2031-01-01']);
    expect(withoutSource(after)).toBe(withoutSource(before));
  });

  it('writes them to the sheets they came from, each table in the order its rows stood', async () => {
    const { before } = await roundTrip(CALENDAR_LAYOUT);
    const reread = await readPolicyWorkbook(await writeCatalogWorkbook(catalogFromRules(before)));
    expect(reread.sheets.slice(2).map((s) => [s.name, s.role, s.calendarTables?.map((t) => `${t.kind}:${t.rows}`)])).toEqual([
      ['日历', 'calendars', ['calendar_assignments:4', 'calendars:3']],
      ['假期', 'holidays', ['holidays:4']],
    ]);
  });

  it('writes no calendar sheet for a catalog without them, and no calendars section', async () => {
    const { before, after } = await roundTrip(OTHER_LAYOUT);
    expect('calendars' in before).toBe(false);
    expect('calendars' in after).toBe(false);
  });
});
