// The importer on workbooks built in the test: layouts, cell values, offerings, sheet discovery, bad files.
import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import type { TierServiceEntry } from '../../src/catalog/catalog.ts';
import * as bad from '../support/bad-files.ts';
import { buildSheet, buildWorkbook, formula, link, rich, type CellInput } from '../support/workbook-builder.ts';

const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务'];
const MB = 1024 * 1024;

const errors = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'error');
const codes = (issues: ImportIssue[]) => issues.map((i) => i.code);

async function read(name: string, rows: CellInput[][], merges: string[] = []): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildSheet(name, rows, merges));
}

function entry(readout: WorkbookReadout, service: string, offering = 'cloud'): TierServiceEntry {
  const found = readout.catalog.tierServices.find((e) => e.service === service && e.offering === offering);
  if (!found) throw new Error(`no ${offering} ${service} in ${JSON.stringify(readout.catalog.tierServices.map((e) => e.service))}`);
  return found;
}

describe('readPolicyWorkbook: layout', () => {
  it('carries a merged cell value into every tier it covers, each grant keeping its own address', async () => {
    const readout = await read(
      '公有云',
      [HEADER, ['7*24自助运维', '✓'], ['系统运维', '7*12小时'], ['7*24电话支持', '✓', null, '专属坐席']],
      ['B2:D2', 'B3:D3', 'B4:C4'],
    );
    expect(errors(readout.issues)).toEqual([]);
    const selfService = entry(readout, 'self_service_ops');
    expect([selfService.grants.basic.included, selfService.grants.preferred.included, selfService.grants.premium.included]).toEqual([true, true, true]);
    expect([selfService.grants.basic.source.cell, selfService.grants.preferred.source.cell, selfService.grants.premium.source.cell]).toEqual(['B2', 'C2', 'D2']);
    for (const grant of Object.values(entry(readout, 'system_ops').grants)) expect(grant.coverage).toEqual({ daysPerWeek: 7, hoursPerDay: 12 });
    const phone = entry(readout, 'phone_support');
    expect([phone.grants.basic.channel, phone.grants.preferred.channel, phone.grants.premium.channel]).toEqual(['standard', 'standard', 'dedicated']);
  });

  it('reads a header below title rows, one of them merged across the table', async () => {
    const readout = await read(
      '公有云',
      [['金蝶云星空服务产品目录'], ['(2026 版)'], HEADER, ['7*24电话支持', '✓', '✓', '专属坐席'], ['金蝶云社区', '✓', '✓', '✓']],
      ['A1:D1'],
    );
    expect(errors(readout.issues)).toEqual([]);
    expect(readout.catalog.tables).toEqual([
      { sheet: '公有云', kind: 'tiers', offering: 'cloud', title: '(2026版)', headerCell: 'A3' },
    ]);
    expect(readout.catalog.tierServices.map((e) => [e.service, e.source.cell])).toEqual([
      ['phone_support', 'A4'],
      ['community', 'A5'],
    ]);
  });

  it('reads two tables on one sheet, separated by a blank row and a merged title', async () => {
    const readout = await read(
      '公有云',
      [
        ['一、服务产品目录'],
        HEADER,
        ['7*24电话支持', '✓', '✓', '专属坐席'],
        ['7*24问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应'],
        [],
        ['二、专项服务'],
        ['专项服务产品', '主要服务内容说明'],
        ['升级迁移', '针对产品更新升级或产品迁移提供的评估、测试、实施及问题处理等。'],
        ['现场支持（机构提供）', '赴客户现场进行问题诊断和处理'],
      ],
      ['A1:D1', 'A6:D6'],
    );
    expect(errors(readout.issues)).toEqual([]);
    expect(readout.sheets).toEqual([
      {
        name: '公有云',
        role: 'catalog',
        tables: [
          { kind: 'tiers', offering: 'cloud', headerCell: 'A2', rows: 2 },
          { kind: 'special_services', offering: 'cloud', headerCell: 'A7', rows: 2 },
        ],
      },
    ]);
    expect(readout.catalog.tables.map((t) => t.title)).toEqual(['一、服务产品目录', '二、专项服务']);
    expect(readout.catalog.specialServices.map((e) => [e.service, e.deliveredBy, e.source.cell])).toEqual([
      ['upgrade_migration', 'branch_with_hq_tools', 'A8'],
      ['onsite_support', 'branch', 'A9'],
    ]);
  });

  it('finds a header that is neither in row 1 nor in column A', async () => {
    const readout = await read('公有云', [
      [],
      [null, '说明:本表自 2026 年起生效'],
      [],
      [null, null, '金蝶云星空服务产品目录'],
      [null, '序号', ...HEADER],
      [null, 1, '7*24电话支持', '✓', '✓', '专属坐席'],
      [null, 2, '紧急故障处理', '1工作日响应', '4工作小时响应', '2工作小时响应'],
    ]);
    expect(errors(readout.issues)).toEqual([]);
    expect(readout.sheets[0]?.tables).toEqual([{ kind: 'tiers', offering: 'cloud', headerCell: 'B5', rows: 2 }]);
    const emergency = entry(readout, 'emergency_fault');
    expect(emergency.source.cell).toBe('C7');
    expect(emergency.grants.preferred).toMatchObject({ responseWindow: { amount: 4, unit: 'working_hour' }, source: { cell: 'E7' } });
  });

  it('ignores full-width punctuation, extra spaces and line breaks in headers, names and cells', async () => {
    const readout = await read('公有云', [
      ['服务 项目', '基础\n服务', ' 优选服务 ', '尊享'],
      ['7＊24 电话\n支持', '√', ' ✓ ', '专属 坐席'],
      ['7*24问题反馈', ' 2 个工作日内响应 ', '一个工作日响应', '半工作日响应'],
      ['系统运维', '５＊８小时', '7 × 8 小时', '7x12小时'],
      ['开发技术支持', '—', '代码诊断（限一年两次，2人天/次，非现场）', '代码诊断 (限一年四次, 2 人天/次, 非现场)'],
      ['金蝶云社区（学习与能力提升）', '是', 'Y', 'Yes'],
      ['客户成功支持', null, '每年1次服务报告', '1、指定客户成功经理\n2、每年1次服务报告及总部专家建议\r\n3、定制化在线培训课程'],
    ]);
    expect(errors(readout.issues)).toEqual([]);
    expect(entry(readout, 'phone_support')).toMatchObject({ label: '7*24电话支持', grants: { premium: { channel: 'dedicated' } } });
    const feedback = entry(readout, 'issue_feedback').grants;
    expect([feedback.basic, feedback.preferred, feedback.premium].map((g) => g.responseWindow)).toEqual([
      { amount: 2, unit: 'working_day' },
      { amount: 1, unit: 'working_day' },
      { amount: 0.5, unit: 'working_day' },
    ]);
    expect(entry(readout, 'system_ops').grants.preferred.coverage).toEqual({ daysPerWeek: 7, hoursPerDay: 8 });
    const diagnosis = entry(readout, 'code_diagnosis').grants;
    expect(diagnosis.basic.included).toBe(false);
    expect(diagnosis.preferred.quota).toEqual({ perYear: 2, personDaysEach: 2, onsite: false });
    expect(diagnosis.premium.quota).toEqual({ perYear: 4, personDaysEach: 2, onsite: false });
    expect(entry(readout, 'community').label).toBe('金蝶云社区(学习与能力提升)');
    expect(entry(readout, 'customer_success').grants.premium.deliverables).toEqual([
      '指定客户成功经理',
      '每年1次服务报告及总部专家建议',
      '定制化在线培训课程',
    ]);
  });
});

describe('readPolicyWorkbook: cell values', () => {
  it('reads rich text, hyperlinks and formulas by the text Excel shows', async () => {
    const readout = await read('公有云', [
      [rich('服务', '项目'), ...HEADER.slice(1)],
      [rich('7*24', '电话支持'), link('✓'), formula('IF(TRUE,"✓","")', '✓'), rich('专属', '坐席')],
      [link('紧急故障处理', 'https://www.kingdee.com/policy#fault'), formula('"1工作日响应"', '1工作日响应'), '4工作小时响应', formula('B3', '2工作小时响应')],
      ['系统运维', formula('CONCAT(5,"*8小时")', '5*8小时'), '7*8小时', '7*12小时'],
    ]);
    expect(errors(readout.issues)).toEqual([]);
    expect(entry(readout, 'phone_support').grants.premium.channel).toBe('dedicated');
    expect(entry(readout, 'phone_support').grants.preferred.included).toBe(true);
    expect(entry(readout, 'emergency_fault').grants.basic.responseWindow).toEqual({ amount: 1, unit: 'working_day' });
    expect(entry(readout, 'emergency_fault').grants.premium.responseWindow).toEqual({ amount: 2, unit: 'working_hour' });
    expect(entry(readout, 'system_ops').grants.basic.coverage).toEqual({ daysPerWeek: 5, hoursPerDay: 8 });
  });

  it('rejects a formula without a saved result, naming the cell and the formula', async () => {
    const readout = await read('公有云', [HEADER, ['7*24问题反馈', formula('D2&"响应"'), '1工作日响应', '0.5工作日响应']]);
    expect(errors(readout.issues)).toEqual([
      expect.objectContaining({ code: 'FORMULA_WITHOUT_VALUE', sheet: '公有云', cell: 'B2', found: '=D2&"响应"', expected: expect.stringMatching(/\S/) }),
    ]);
  });

  it('names the formula of every copy of a shared formula without a result', async () => {
    const bytes = await buildWorkbook([
      {
        name: '公有云',
        rows: [HEADER, ['7*24问题反馈', null, '1工作日响应', '0.5工作日响应'], ['紧急故障处理', null, '4工作小时响应', '2工作小时响应']],
        sharedFormulas: [{ range: 'B2:B3', formula: 'C2' }],
      },
    ]);
    const readout = await readPolicyWorkbook(bytes);
    expect(errors(readout.issues).map((i) => [i.code, i.cell, i.found])).toEqual([
      ['FORMULA_WITHOUT_VALUE', 'B2', '=C2'],
      ['FORMULA_WITHOUT_VALUE', 'B3', '=C3'],
    ]);
  });

  it('rejects an error value, whether typed or calculated', async () => {
    const readout = await read('公有云', [
      HEADER,
      ['7*24问题反馈', { error: '#N/A' }, '1工作日响应', '0.5工作日响应'],
      ['紧急故障处理', '1工作日响应', formula('1/0', undefined), { formula: 'B9', result: { error: '#REF!' } }],
    ]);
    expect(errors(readout.issues).map((i) => [i.code, i.cell, i.found])).toEqual([
      ['CELL_ERROR_VALUE', 'B2', '#N/A'],
      ['FORMULA_WITHOUT_VALUE', 'C3', '=1/0'],
      ['CELL_ERROR_VALUE', 'D3', '#REF!'],
    ]);
    // A cell that cannot be read is not also read as blank: no warning about a tier lacking the item.
    expect(readout.issues.filter((i) => i.severity === 'warning').map((i) => i.code)).toEqual(['MISSING_OFFERING']);
  });
});

describe('readPolicyWorkbook: offering', () => {
  it.each(['On Premise', '金蝶云星空（On Premise）', 'on-premises', '私有云', '本地部署目录'])('reads sheet %j as on premise', async (sheet) => {
    const readout = await read(sheet, [HEADER, ['软件更新包与升级许可', '✓', '✓', '✓']]);
    expect(readout.catalog.tables.map((t) => t.offering)).toEqual(['on_premise']);
    expect(entry(readout, 'update_license', 'on_premise').offering).toBe('on_premise');
  });

  it('reads any other sheet as cloud', async () => {
    const readout = await read('金蝶云星空（公有云）', [HEADER, ['7*24自助运维', '✓', '✓', '✓']]);
    expect(readout.catalog.tables.map((t) => t.offering)).toEqual(['cloud']);
  });

  it('takes the offering from a title when the sheet name does not say', async () => {
    const readout = await read('Sheet1', [['金蝶云星空（On Premise）服务产品目录'], HEADER, ['7*24电话支持', '✓', '✓', '✓']], ['A1:D1']);
    expect(readout.catalog.tables).toEqual([
      expect.objectContaining({ offering: 'on_premise', title: '金蝶云星空(On Premise)服务产品目录' }),
    ]);
  });

  it("gives each table on a shared sheet its own title's offering, in either order", async () => {
    const readout = await read('服务目录', [
      ['金蝶云星空（On Premise）服务产品目录'],
      HEADER,
      ['软件更新包与升级许可', '✓', '✓', '✓'],
      [],
      ['金蝶云星空服务产品目录'],
      HEADER,
      ['7*24自助运维', '✓', '✓', '✓'],
      [],
      ['私有云专项服务'],
      ['专项服务产品', '主要服务内容说明'],
      ['性能优化', '针对私有云客户'],
    ]);
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.tables.map((t) => [t.kind, t.offering, t.headerCell])).toEqual([
      ['tiers', 'on_premise', 'A2'],
      ['tiers', 'cloud', 'A6'],
      ['special_services', 'on_premise', 'A10'],
    ]);
  });

  it('applies a sheet title standing above the first table to every table of the sheet', async () => {
    const readout = await read('目录', [
      ['金蝶云星空（本地部署）服务政策'],
      ['一、服务产品目录'],
      HEADER,
      ['软件更新包与升级许可', '✓', '✓', '✓'],
      [],
      ['二、专项服务'],
      ['专项服务产品', '主要服务内容说明'],
      ['数据库迁移', '针对私有云客户'],
    ]);
    expect(readout.catalog.tables.map((t) => t.offering)).toEqual(['on_premise', 'on_premise']);
  });
});

describe('readPolicyWorkbook: sheets', () => {
  it('lists a sheet it does not know as ignored and imports the others', async () => {
    const bytes = await buildWorkbook([
      { name: '说明', rows: [['本工作簿的填写说明'], ['价格见“价格”工作表']] },
      { name: '公有云', rows: [HEADER, ['7*24自助运维', '✓', '✓', '✓']] },
      { name: '价格', rows: [['服务产品', '价格(元/年)'], ['基础服务', 0], ['尊享服务', 120000]] },
    ]);
    const readout = await readPolicyWorkbook(bytes);
    expect(errors(readout.issues)).toEqual([]);
    expect(readout.sheets.map((s) => [s.name, s.role, s.tables.length])).toEqual([
      ['说明', 'ignored', 0],
      ['公有云', 'catalog', 1],
      ['价格', 'ignored', 0],
    ]);
    expect(readout.catalog.tierServices.map((e) => e.service)).toEqual(['self_service_ops']);
    expect(readout.cells).toBe(2 + 8 + 6);
  });

  it('rejects a workbook without any recognisable sheet', async () => {
    const readout = await readPolicyWorkbook(
      await buildWorkbook([
        { name: 'Sheet1', rows: [['产品', '基础服务', '尊享服务'], ['电话支持', '✓', '✓']] },
        { name: '说明', rows: [['服务项目说明']] },
      ]),
    );
    expect(codes(readout.issues)).toEqual(['NO_CATALOG_SHEET']);
    expect(readout.issues[0]).toMatchObject({ severity: 'error', expected: expect.stringContaining('服务项目') });
    expect(readout.sheets.map((s) => s.role)).toEqual(['ignored', 'ignored']);
  });
});

describe('readPolicyWorkbook: bad files', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, string, Parameters<typeof readPolicyWorkbook>[1]?][] = [
    ['an empty file', bad.emptyFile, 'EMPTY_FILE'],
    ['a CSV renamed to .xlsx', bad.csvFile, 'NOT_XLSX'],
    ['random bytes', () => bad.randomBytes(), 'NOT_XLSX'],
    ['a legacy .xls', bad.fakeXls, 'LEGACY_XLS'],
    ['a password-protected workbook', bad.fakeEncryptedXlsx, 'PASSWORD_PROTECTED'],
    ['a zip without a workbook', bad.nonWorkbookZip, 'NOT_A_WORKBOOK'],
    ['an .xlsm', async () => bad.xlsmFrom(await bad.validXlsx()), 'MACRO_WORKBOOK'],
    ['a zip bomb over the default limit', () => bad.zipBomb(201 * MB), 'ZIP_BOMB'],
    ['a zip bomb lying about its size', async () => bad.lyingZipBomb(await bad.validXlsx(), 3 * MB), 'ZIP_BOMB', { limits: { maxUncompressedBytes: 2 * MB } }],
    ['a file over the size limit', () => bad.validXlsx(), 'FILE_TOO_LARGE', { limits: { maxFileBytes: 1024 } }],
    ['a truncated workbook', async () => (await bad.validXlsx()).subarray(0, 2000), 'NOT_XLSX'],
    ['a zip whose workbook part is not XML', () => bad.buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: 'not <xml' }]), 'NOT_XLSX'],
  ];

  it.each(cases)('rejects %s with one clear error and an empty catalog', async (_name, build, code, options) => {
    const readout = await readPolicyWorkbook(await build(), options);
    expect(codes(readout.issues)).toEqual([code]);
    expect(readout.issues[0]).toMatchObject({
      severity: 'error',
      found: expect.stringMatching(/\S/),
      expected: expect.stringMatching(/\S/),
      message: expect.stringMatching(/\S/),
      messageEn: expect.stringMatching(/\S/),
    });
    expect(readout.catalog).toEqual({ tables: [], tierServices: [], specialServices: [], calendars: [], calendarAssignments: [], holidays: [], prices: null, resolutionTargets: [], testCases: [] });
    expect(readout.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
