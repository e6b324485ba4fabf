// The optional 解决时限 table: how long requests may take to resolve per offering × tier × service, read by its
// header wherever it stands, each problem named by cell, written back and read again to the same rules, and
// applied by the compiled policy's most specific row.
import { describe, expect, it } from 'vitest';
import { parseResolutionTarget } from '../../../src/policy-workbook/cell-vocabulary.ts';
import { buildRulesDocument, catalogFromRules } from '../../../src/policy-workbook/rules-document.ts';
import { diffPolicies } from '../../../src/policy-workbook/policy-diff.ts';
import { writeCatalogWorkbook } from '../../../src/policy-workbook/workbook-export.ts';
import { readPolicyWorkbook } from '../../../src/policy-workbook/read-policy-workbook.ts';
import { compilePolicy } from '../../../src/policy/compiled-policy.ts';
import { errors, readWith, warnings, where, worded } from '../../support/calendar-workbooks.ts';

const HEADER = ['部署', '服务产品', '服务项目', '解决时限'];

describe('a resolution target as people write it', () => {
  it.each([
    ['2个工作日', { amount: 2, unit: 'working_day' }],
    ['2工作日内解决', { amount: 2, unit: 'working_day' }],
    ['8 工作小时', { amount: 8, unit: 'working_hour' }],
    ['8小时内修复', { amount: 8, unit: 'working_hour' }],
    ['一个半工作日', { amount: 1.5, unit: 'working_day' }],
    ['０.５工作日', { amount: 0.5, unit: 'working_day' }],
    ['60个工作日', { amount: 60, unit: 'working_day' }],
    ['480工作小时', { amount: 480, unit: 'working_hour' }],
  ])('reads %s', (text, window) => {
    expect(parseResolutionTarget(text)).toEqual(window);
  });

  it.each([
    ['61个工作日', 'working_day'],
    ['481工作小时', 'working_hour'],
  ])('refuses %s as longer than any commitment', (text, unit) => {
    expect(parseResolutionTarget(text)).toEqual({ tooLong: unit });
  });

  it.each(['', '0工作日', '尽快', '2天', '2工作日响应', '两周'])('reads %j as no target', (text) => {
    expect(parseResolutionTarget(text)).toBeNull();
  });
});

describe('the 解决时限 table', () => {
  it('reads scopes and targets wherever the table stands, the most specific row applying', async () => {
    const readout = await readWith({
      name: '解决时限',
      rows: [['服务解决时限'], [null, ...HEADER], [null, '全部', null, null, '5个工作日'], [null, '公有云', '尊享', '紧急故障处理', '4工作小时内解决'], [null, 'cloud', '优选服务', null, '3个工作日']],
    });
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.resolutionTargets.map((t) => [t.offering, t.tier, t.service, t.window, t.source.cell])).toEqual([
      [null, null, null, { amount: 5, unit: 'working_day' }, 'E3'],
      ['cloud', 'premium', 'emergency_fault', { amount: 4, unit: 'working_hour' }, 'E4'],
      ['cloud', 'preferred', null, { amount: 3, unit: 'working_day' }, 'E5'],
    ]);
    expect(readout.sheets.at(-1)).toMatchObject({ role: 'resolutions', calendarTables: [{ kind: 'resolution_targets', headerCell: 'B2', rows: 3 }] });

    const doc = buildRulesDocument(readout.catalog, 'x'.repeat(64));
    const policy = await compilePolicy({ id: 1, version: 1 }, doc);
    expect(policy.resolutionFor('cloud', 'premium', 'emergency_fault')?.window).toEqual({ amount: 4, unit: 'working_hour' });
    expect(policy.resolutionFor('cloud', 'premium', 'issue_feedback')?.window).toEqual({ amount: 5, unit: 'working_day' });
    expect(policy.resolutionFor('cloud', 'preferred', 'emergency_fault')?.window).toEqual({ amount: 3, unit: 'working_day' });
    expect(policy.resolutionFor('on_premise', 'basic', 'update_license')?.source).toMatchObject({ sheet: '解决时限', cell: 'E3' });
  });

  it('sets no target, and adds no rule, when the workbook has no such table', async () => {
    const readout = await readWith();
    expect(readout.catalog.resolutionTargets).toEqual([]);
    const doc = buildRulesDocument(readout.catalog, 'x'.repeat(64));
    expect(doc.rules.some((r) => r.event.type === 'resolution')).toBe(false);
    expect((await compilePolicy({ id: 1, version: 1 }, doc)).resolutionFor('cloud', 'premium', 'emergency_fault')).toBeUndefined();
  });

  it('names every bad row by cell: unreadable, too long, missing, unknown scope or service, conflicting and repeated', async () => {
    const readout = await readWith({
      name: '解决时限',
      rows: [
        HEADER,
        ['公有云', '尊享', '紧急故障处理', '尽快'],
        ['公有云', '尊享', '7*24问题反馈', '99个工作日'],
        ['公有云', '优选', 'VIP热线', null],
        ['混合云', '尊享', null, '2个工作日'],
        ['公有云', '白金', null, '2个工作日'],
        ['公有云', '基础', '不存在的服务', '2个工作日'],
        ['私有云', null, null, '2个工作日'],
        ['私有云', '全部', '全部', '3个工作日'],
        ['私有云', null, null, '2工作日'],
      ],
    });
    expect(where(errors(readout.issues))).toEqual([
      ['error', 'BAD_CELL', '解决时限', 'D2'],
      ['error', 'BAD_CELL', '解决时限', 'D3'],
      ['error', 'MISSING_RESOLUTION_TARGET', '解决时限', 'D4'],
      ['error', 'UNKNOWN_OFFERING', '解决时限', 'A5'],
      ['error', 'UNKNOWN_TIER', '解决时限', 'B6'],
      ['error', 'UNKNOWN_SERVICE', '解决时限', 'C7'],
      ['error', 'CONFLICTING_RESOLUTION_TARGET', '解决时限', 'D9'],
    ]);
    expect(where(warnings(readout.issues))).toEqual([['warning', 'DUPLICATE_RESOLUTION_TARGET', '解决时限', 'D10']]);
    expect(readout.issues.every(worded)).toBe(true);
    expect(errors(readout.issues).find((i) => i.cell === 'D3')?.expected).toContain('不超过 60 个工作日');
  });

  it('writes the table back to a workbook that reads to the same rules, and diffs a changed target', async () => {
    const readout = await readWith({ name: '解决时限', rows: [HEADER, ['公有云', '尊享', '紧急故障处理', '4工作小时'], ['全部', '全部', '全部', '5个工作日']] });
    const doc = buildRulesDocument(readout.catalog, 'x'.repeat(64));
    const again = await readPolicyWorkbook(await writeCatalogWorkbook(catalogFromRules(doc)));
    expect(again.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const docAgain = buildRulesDocument(again.catalog, 'x'.repeat(64));
    expect(docAgain.rules.filter((r) => r.event.type === 'resolution').map((r) => ({ ...r, event: { ...r.event, params: { ...r.event.params, source: null } } }))).toEqual(
      doc.rules.filter((r) => r.event.type === 'resolution').map((r) => ({ ...r, event: { ...r.event, params: { ...r.event.params, source: null } } })),
    );

    const changed = await readWith({ name: '解决时限', rows: [HEADER, ['公有云', '尊享', '紧急故障处理', '8工作小时'], ['全部', '全部', '全部', '5个工作日']] });
    const diff = diffPolicies(doc, buildRulesDocument(changed.catalog, 'y'.repeat(64)));
    expect(diff.resolutionTargets).toEqual([{ kind: 'changed', offering: 'cloud', tier: 'premium', service: 'emergency_fault', from: { amount: 4, unit: 'working_hour' }, to: { amount: 8, unit: 'working_hour' } }]);
    expect(diffPolicies(doc, doc).resolutionTargets).toBeUndefined();
  });
});
