// Items whose names state their coverage (7*24电话支持, 7*8在线IM服务) carry it in their grants, the rules and the
// decisions, when the tier cell states none; a cell that states coverage wins.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, type ContractFacts } from '../../../src/entitlement/decision.ts';
import { coverageFromName } from '../../../src/policy-workbook/cell-vocabulary.ts';
import { readPolicyWorkbook } from '../../../src/policy-workbook/read-policy-workbook.ts';
import { compilePolicy } from '../../../src/policy/compiled-policy.ts';
import type { RulesDocument } from '../../../src/policy-workbook/rules-document.ts';
import { SAMPLE_RULES_PATH } from '../../support/fixtures.ts';
import { buildSheet } from '../../support/workbook-builder.ts';

const AT = new Date('2026-11-27T02:00:00Z');

describe('coverageFromName', () => {
  it.each([
    ['7*24自助运维', 7, 24],
    ['7*24电话支持', 7, 24],
    ['7*24问题反馈', 7, 24],
    ['7*8在线IM服务', 7, 8],
    ['7×24电话支持', 7, 24],
    ['7x24电话支持', 7, 24],
    ['7X24电话支持', 7, 24],
    ['7＊24电话支持', 7, 24],
    ['７＊２４电话支持', 7, 24],
    ['7 * 24 电话支持', 7, 24],
    ['5*8小时驻场值守', 5, 8],
  ])('%j states %i days × %i hours', (name, daysPerWeek, hoursPerDay) => {
    expect(coverageFromName(name)).toEqual({ daysPerWeek, hoursPerDay });
  });

  it.each(['系统运维', '电话支持7*24', '8*24电话支持', '7*25电话支持', '0*8电话支持', '7*0电话支持', '7*24', '2024年度回访', '7+24电话支持'])('%j states none', (name) => {
    expect(coverageFromName(name)).toBeNull();
  });
});

describe('coverage from item names in a workbook', () => {
  it('gives included items the name’s coverage, keeps a stated cell’s, and gives tiers without the item none', async () => {
    const readout = await readPolicyWorkbook(
      await buildSheet('公有云', [
        ['服务项目', '基础服务', '优选服务', '尊享服务', '代码'],
        ['7×24电话支持', '✓', '✓', '专属坐席'],
        ['7＊8在线IM服务', '-', '✓', '专属坐席'],
        // A new item of no declared kind: a cell that states coverage is the cell's word.
        ['7*24远程值守', '✓', '5*8小时', '7×12小时', 'remote_watch'],
      ]),
    );
    expect(readout.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const grants = (service: string) => readout.catalog.tierServices.find((e) => e.service === service)!.grants;
    expect(Object.values(grants('phone_support')).map((g) => g.coverage)).toEqual([
      { daysPerWeek: 7, hoursPerDay: 24 },
      { daysPerWeek: 7, hoursPerDay: 24 },
      { daysPerWeek: 7, hoursPerDay: 24 },
    ]);
    expect(grants('phone_support').premium.channel).toBe('dedicated');
    expect([grants('online_im').basic.coverage, grants('online_im').preferred.coverage, grants('online_im').premium.coverage]).toEqual([
      null,
      { daysPerWeek: 7, hoursPerDay: 8 },
      { daysPerWeek: 7, hoursPerDay: 8 },
    ]);
    expect([grants('remote_watch').basic.coverage, grants('remote_watch').preferred.coverage, grants('remote_watch').premium.coverage]).toEqual([
      { daysPerWeek: 7, hoursPerDay: 24 },
      { daysPerWeek: 5, hoursPerDay: 8 },
      { daysPerWeek: 7, hoursPerDay: 12 },
    ]);
  });

  it('carries the coverage into the committed sample rules and the decisions', async () => {
    const policy = await compilePolicy({ id: 1, version: 1 }, JSON.parse(fs.readFileSync(SAMPLE_RULES_PATH, 'utf8')) as RulesDocument);
    const contract: ContractFacts = { offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2026-12-31', purchased: [] };
    const coverage = (service: string, c: ContractFacts = contract) => decide(policy, c, service, AT).coverage;
    expect(coverage('self_service_ops')).toEqual({ daysPerWeek: 7, hoursPerDay: 24 });
    expect(coverage('phone_support')).toEqual({ daysPerWeek: 7, hoursPerDay: 24 });
    expect(coverage('issue_feedback')).toEqual({ daysPerWeek: 7, hoursPerDay: 24 });
    expect(coverage('online_im')).toEqual({ daysPerWeek: 7, hoursPerDay: 8 });
    expect(coverage('online_im', { ...contract, tier: 'basic' })).toBeNull();
    expect(coverage('phone_support', { ...contract, offering: 'on_premise', tier: 'premium' })).toEqual({ daysPerWeek: 7, hoursPerDay: 24 });
    // The cell's own coverage, as before; items whose names state none still have none.
    expect(coverage('system_ops')).toEqual({ daysPerWeek: 7, hoursPerDay: 8 });
    expect(coverage('emergency_fault')).toBeNull();
    expect(coverage('community')).toBeNull();
  });
});
