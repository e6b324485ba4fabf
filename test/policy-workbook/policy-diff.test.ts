import { describe, expect, it } from 'vitest';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook, type WorkbookTable } from '../../src/workbook/workbook-writer.ts';
import { diffPolicies, isEmptyDiff } from '../../src/policy-workbook/policy-diff.ts';
import { buildRulesDocument, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';

async function rulesOf(tables: WorkbookTable[]): Promise<RulesDocument> {
  const readout = await readPolicyWorkbook(await writeWorkbook(tables));
  expect(readout.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return buildRulesDocument(readout.catalog, readout.sha256);
}

function edit(tables: WorkbookTable[], sheetIndex: number, code: string, column: number, value: string): void {
  tables[sheetIndex]!.rows.find((r) => r.at(-1) === code)![column] = value;
}

describe('diffPolicies', () => {
  it('names each offering × tier × service that was added, removed or changed, from → to', async () => {
    const before = await rulesOf(sampleWorkbookTables());
    const tables = sampleWorkbookTables();
    edit(tables, 0, 'issue_feedback', 2, '0.5工作日响应'); // cloud preferred: 1 → 0.5 working day
    edit(tables, 0, 'online_im', 1, '✓'); // cloud basic gains IM
    edit(tables, 2, 'community', 3, '-'); // on premise premium loses the community
    tables[3]!.rows = tables[3]!.rows.filter((r) => r.at(-1) !== 'cluster_ha');
    const after = await rulesOf(tables);

    const diff = diffPolicies(before, after);
    expect(diff.entitlements).toEqual([
      { kind: 'changed', offering: 'cloud', tier: 'preferred', service: 'issue_feedback', label: '7*24问题反馈', from: '1工作日响应', to: '0.5工作日响应', fields: ['responseWindow'] },
      { kind: 'added', offering: 'cloud', tier: 'basic', service: 'online_im', label: '7*8在线IM服务', from: '', to: '✓', fields: ['included', 'channel', 'coverage'] },
      {
        kind: 'removed',
        offering: 'on_premise',
        tier: 'premium',
        service: 'community',
        label: '金蝶云社区(学习与能力提升)',
        from: '✓',
        to: '-',
        fields: ['included'],
      },
    ]);
    expect(diff.specialServices).toEqual([
      { kind: 'removed', service: 'cluster_ha', label: '集群和高可用部署', fromOfferings: ['on_premise'], toOfferings: [], fields: ['offerings'] },
    ]);
  });

  it('finds nothing when only the layout moved, and everything when nothing was active', async () => {
    const before = await rulesOf(sampleWorkbookTables());
    const moved = sampleWorkbookTables();
    moved[0]!.rows.reverse();
    moved.find((t) => t.sheet === '节假日')!.rows.reverse();
    const diff = diffPolicies(before, await rulesOf(moved));
    expect(isEmptyDiff(diff)).toBe(true);
    expect('calendars' in diff).toBe(false);

    const first = diffPolicies(null, before);
    expect(first.entitlements.every((c) => c.kind === 'added')).toBe(true);
    expect(first.entitlements).toHaveLength(before.rules.filter((r) => r.event.type === 'entitlement' && r.event.params.included).length);
    expect(first.specialServices).toHaveLength(9);
    expect(first.calendars?.holidays).toHaveLength(39);
    expect(first.calendars?.holidays.every((c) => c.kind === 'added' && c.from === null)).toBe(true);
    expect(first.calendars?.definitions).toEqual([{ kind: 'added', calendar: '标准工作日', fields: ['week', 'observesHolidays'] }]);
    expect(first.calendars?.assignments.map((c) => [c.kind, c.offering, c.to])).toEqual([
      ['added', 'cloud', '标准工作日'],
      ['added', 'on_premise', '标准工作日'],
    ]);
  });

  it('names the holiday rows, calendars and assignments that changed, and nothing else', async () => {
    const before = await rulesOf(sampleWorkbookTables());
    const tables = sampleWorkbookTables();
    // The 测试用例 table stands last, after the calendar and holiday tables.
    const [calendars, assignments, holidays] = tables.slice(-4, -1) as [WorkbookTable, WorkbookTable, WorkbookTable];
    expect([calendars.sheet, assignments.sheet, holidays.sheet]).toEqual(['服务时间', '服务时间', '节假日']);
    calendars.rows[0]![2] = '08:30-12:00、13:00-17:30';
    calendars.rows.push(['7×12', '每天', '08:00-20:00', '照常']);
    assignments.rows[1]![3] = '7×12';
    holidays.rows = holidays.rows.filter((r) => r[0] !== '2026-10-10');
    holidays.rows.find((r) => r[0] === '2026-09-20')![2] = '国庆调休';
    holidays.rows.push(['2026-12-31', '休', '跨年']);
    const diff = diffPolicies(before, await rulesOf(tables));

    expect(diff.entitlements).toEqual([]);
    expect(diff.specialServices).toEqual([]);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(diff.calendars).toEqual({
      holidays: [
        { kind: 'changed', date: '2026-09-20', from: { kind: 'work', name: '国庆节调休上班' }, to: { kind: 'work', name: '国庆调休' } },
        { kind: 'added', date: '2026-12-31', from: null, to: { kind: 'off', name: '跨年' } },
        { kind: 'removed', date: '2026-10-10', from: { kind: 'work', name: '国庆节调休上班' }, to: null },
      ],
      definitions: [
        { kind: 'changed', calendar: '标准工作日', fields: ['week'] },
        { kind: 'added', calendar: '7×12', fields: ['week', 'observesHolidays'] },
      ],
      assignments: [{ kind: 'changed', offering: 'on_premise', tier: null, service: null, from: '标准工作日', to: '7×12' }],
    });
  });
});
