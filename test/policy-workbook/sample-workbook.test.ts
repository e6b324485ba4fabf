// The committed sample workbook and its reviewed rules: clean import, docs/domain.md content, engine answers,
// staleness of rules/ and imports/, export round trip and determinism.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCatalogWorkbook } from '../../src/policy-workbook/workbook-export.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { writeSampleWorkbook } from '../../src/policy-workbook/sample-workbook.ts';
import { createPolicyEngine } from '../../src/policy/policy-engine.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import type { EntitlementParams } from '../../src/policy-workbook/tiers/tier-rules.ts';
import type { SpecialServiceParams } from '../../src/policy-workbook/specials/special-rules.ts';
import { rulesForWorkbook } from '../../src/policy/rules-for-workbook.ts';
import { stableStringify } from '../../src/policy/stable-json.ts';

const SAMPLE_XLSX = path.resolve('imports/sample-policy.xlsx');
const SAMPLE_RULES = path.resolve('rules/sample-policy.rules.json');
const STALE = 'imports/ or rules/ is stale: run npm run sample:generate and commit the result';

let bytes: Buffer;
let readout: WorkbookReadout;
let doc: RulesDocument;

beforeAll(async () => {
  bytes = fs.readFileSync(SAMPLE_XLSX);
  readout = await readPolicyWorkbook(bytes);
  doc = buildRulesDocument(readout.catalog, readout.sha256);
});

function entitlement(name: string): EntitlementParams {
  const rule = doc.rules.find((r) => r.name === name);
  if (rule?.event.type !== 'entitlement') throw new Error(`no entitlement rule ${name}`);
  return rule.event.params;
}

function special(service: string): SpecialServiceParams {
  const rule = doc.rules.find((r) => r.name === `special.${service}`);
  if (rule?.event.type !== 'special_service') throw new Error(`no special-service rule ${service}`);
  return rule.event.params;
}

const servicesOf = (offering: string) => readout.catalog.tierServices.filter((e) => e.offering === offering).map((e) => e.service);

describe('the sample workbook', () => {
  it('imports with no error and no warning', () => {
    expect(readout.issues).toEqual([]);
  });

  it('has a tier table and a special-services table for both offerings, calendar, holiday, price and test-case sheets, and a notes sheet that is ignored', () => {
    expect(readout.sheets.map((s) => [s.name, s.role, s.tables.map((t) => `${t.kind}/${t.offering}`)])).toEqual([
      ['说明', 'ignored', []],
      ['金蝶云星空（公有云）', 'catalog', ['tiers/cloud', 'special_services/cloud']],
      ['金蝶云星空（On Premise）', 'catalog', ['tiers/on_premise', 'special_services/on_premise']],
      ['价格', 'prices', []],
      ['服务时间', 'calendars', []],
      ['节假日', 'holidays', []],
      ['测试用例', 'test_cases', []],
    ]);
    expect(readout.sheets.map((s) => s.calendarTables?.map((t) => `${t.kind}:${t.rows}`))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      ['calendars:1', 'calendar_assignments:2'],
      ['holidays:39'],
      undefined,
    ]);
    expect(readout.sheets.map((s) => s.priceTables?.map((t) => `${t.kind}:${t.rows}`))).toEqual([
      undefined,
      undefined,
      undefined,
      ['tier_prices:6', 'service_prices:9', 'price_settings:3'],
      undefined,
      undefined,
      undefined,
    ]);
    expect(readout.sheets.map((s) => s.caseTables?.map((t) => `${t.kind}:${t.rows}`))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, ['test_cases:11']]);
  });

  it("lists docs/domain.md's tier items for each offering", () => {
    const shared = ['phone_support', 'issue_feedback', 'online_im', 'emergency_fault', 'community', 'code_diagnosis', 'app_improvement', 'customer_success'];
    expect(new Set(servicesOf('cloud'))).toEqual(new Set(['self_service_ops', 'system_ops', ...shared]));
    expect(new Set(servicesOf('on_premise'))).toEqual(new Set(['update_license', ...shared]));
    expect(doc.rules.filter((r) => r.event.type === 'entitlement')).toHaveLength((10 + 9) * 3);
  });

  it('has the 9 special services, performance_tuning, db_migration and cluster_ha on premise only', () => {
    const specials = doc.rules.flatMap((r) => (r.event.type === 'special_service' ? [r.event.params] : []));
    expect(specials.map((p) => p.service).sort()).toEqual(
      ['business_adjustment', 'cluster_ha', 'data_optimization', 'data_repair', 'db_migration', 'dev_support_project', 'onsite_support', 'performance_tuning', 'upgrade_migration'],
    );
    const onPremOnly = specials.filter((p) => p.onPremiseOnly).map((p) => p.service).sort();
    expect(onPremOnly).toEqual(['cluster_ha', 'db_migration', 'performance_tuning']);
    for (const p of specials) expect(p.offerings).toEqual(onPremOnly.includes(p.service) ? ['on_premise'] : ['cloud', 'on_premise']);
    expect(doc.rules.find((r) => r.name === 'special.cluster_ha')?.conditions.all).toContainEqual({ fact: 'offering', operator: 'equal', value: 'on_premise' });
    expect(doc.rules.find((r) => r.name === 'special.data_repair')?.conditions.all).toEqual([{ fact: 'service', operator: 'equal', value: 'data_repair' }]);
    expect(special('onsite_support').deliveredBy).toBe('branch');
    expect(special('db_migration').deliveredBy).toBe('branch_with_hq_tools');
  });
});

describe('the sample rules agree with docs/domain.md', () => {
  it('responds to issue feedback in 2, 1 and 0.5 working days', () => {
    expect(entitlement('cloud.basic.issue_feedback').responseWindow).toEqual({ amount: 2, unit: 'working_day' });
    expect(entitlement('cloud.premium.issue_feedback').responseWindow).toEqual({ amount: 0.5, unit: 'working_day' });
    expect(entitlement('on_premise.premium.issue_feedback').responseWindow).toEqual({ amount: 0.5, unit: 'working_day' });
    expect(entitlement('cloud.preferred.emergency_fault').responseWindow).toEqual({ amount: 4, unit: 'working_hour' });
  });

  it('has system operations on cloud only and the update licence on premise only', () => {
    expect(entitlement('cloud.premium.system_ops').coverage).toEqual({ daysPerWeek: 7, hoursPerDay: 12 });
    expect(entitlement('cloud.basic.system_ops').coverage).toEqual({ daysPerWeek: 5, hoursPerDay: 8 });
    expect(doc.rules.some((r) => r.name.startsWith('on_premise.') && r.name.endsWith('.system_ops'))).toBe(false);
    expect(doc.rules.some((r) => r.name.endsWith('.update_license') && !r.name.startsWith('on_premise.'))).toBe(false);
    for (const tier of ['basic', 'preferred', 'premium']) expect(entitlement(`on_premise.${tier}.update_license`).included).toBe(true);
  });

  it('limits code diagnosis to 2 (preferred) and 4 (premium) off-site visits of 2 person-days a year', () => {
    expect(entitlement('cloud.basic.code_diagnosis')).toMatchObject({ included: false, quota: null });
    expect(entitlement('cloud.preferred.code_diagnosis').quota).toEqual({ perYear: 2, personDaysEach: 2, onsite: false });
    expect(entitlement('on_premise.premium.code_diagnosis').quota).toEqual({ perYear: 4, personDaysEach: 2, onsite: false });
  });

  it('gives premium dedicated phone and IM agents, and IM from preferred on', () => {
    expect(entitlement('cloud.premium.phone_support')).toMatchObject({ included: true, channel: 'dedicated' });
    expect(entitlement('on_premise.premium.phone_support').channel).toBe('dedicated');
    expect(entitlement('cloud.basic.phone_support').channel).toBe('standard');
    expect(entitlement('cloud.basic.online_im')).toMatchObject({ included: false, channel: null });
    expect(entitlement('cloud.preferred.online_im').channel).toBe('standard');
    expect(entitlement('cloud.premium.online_im').channel).toBe('dedicated');
  });

  it('lists the deliverables of customer success and application support', () => {
    expect(entitlement('cloud.premium.customer_success').deliverables).toEqual(['指定客户成功经理', '每年1次服务报告及总部专家建议', '定制化在线培训课程']);
    expect(entitlement('on_premise.premium.customer_success').deliverables).toHaveLength(3);
    expect(entitlement('cloud.preferred.customer_success').deliverables).toEqual(['每年1次服务报告']);
    expect(entitlement('cloud.preferred.app_improvement').deliverables).toEqual(['产品更新升级技术指导', '提供审计拆分、数据结转工具']);
  });

  it('records where each rule came from', () => {
    expect(entitlement('cloud.premium.phone_support').source).toEqual({ sheet: '金蝶云星空（公有云）', cell: 'D4', workbookSha256: readout.sha256 });
    expect(special('performance_tuning').source).toMatchObject({ sheet: '金蝶云星空（On Premise）', cell: expect.stringMatching(/^A\d+$/) });
  });
});

describe('the sample rules in json-rules-engine', () => {
  it('answers exactly one entitlement for premium phone support on cloud, and its calendar', async () => {
    const events = await createPolicyEngine(doc).run({ offering: 'cloud', tier: 'premium', service: 'phone_support' });
    expect(events.map((e) => e.type).sort()).toEqual(['calendar', 'entitlement']);
    expect(events.find((e) => e.type === 'entitlement')).toMatchObject({ params: { offering: 'cloud', tier: 'premium', service: 'phone_support', channel: 'dedicated' } });
    expect(events.find((e) => e.type === 'calendar')).toMatchObject({ params: { calendar: '标准工作日', offering: 'cloud', tier: null, service: null } });
  });

  it('offers performance tuning on premise only', async () => {
    const engine = createPolicyEngine(doc);
    // Every offering has a calendar; only the special-service answers matter here.
    const specials = async (facts: Parameters<ReturnType<typeof createPolicyEngine>['run']>[0]) => (await engine.run(facts)).filter((e) => e.type !== 'calendar');
    const onPremise = await specials({ offering: 'on_premise', service: 'performance_tuning' });
    expect(onPremise).toEqual([expect.objectContaining({ type: 'special_service', params: expect.objectContaining({ service: 'performance_tuning', onPremiseOnly: true }) })]);
    expect(await specials({ offering: 'cloud', service: 'performance_tuning' })).toEqual([]);
    expect(await specials({ offering: 'cloud', tier: 'premium', service: 'performance_tuning' })).toEqual([]);
    // A special service sold on both offerings does answer on cloud.
    expect(await specials({ offering: 'cloud', service: 'upgrade_migration' })).toEqual([expect.objectContaining({ type: 'special_service' })]);
  });
});

describe('the committed sample files', () => {
  it('rules/ matches what the committed workbook imports to, byte for byte', async () => {
    const result = await rulesForWorkbook(bytes);
    if (!result.ok) throw new Error(`the sample does not import: ${JSON.stringify(result.issues)}`);
    expect(result.json, STALE).toBe(fs.readFileSync(SAMPLE_RULES, 'utf8'));
  });

  it('imports/ matches what the sample generator writes, byte for byte', async () => {
    const generated = await writeSampleWorkbook();
    expect(generated.equals(bytes), STALE).toBe(true);
  });

  it('rules/ is the stable form of the rules document', () => {
    expect(fs.readFileSync(SAMPLE_RULES, 'utf8'), STALE).toBe(stableStringify(doc));
  });
});

describe('determinism and round trip', () => {
  it('gives the same JSON when the rules are built twice', async () => {
    const again = await readPolicyWorkbook(bytes);
    expect(stableStringify(buildRulesDocument(again.catalog, again.sha256))).toBe(stableStringify(doc));
    const [first, second] = await Promise.all([rulesForWorkbook(bytes), rulesForWorkbook(bytes)]);
    expect(first).toEqual(second);
  });

  it('exports a workbook that re-imports to identical rules, except for the workbook hash', async () => {
    const exported = await writeCatalogWorkbook(catalogFromRules(doc));
    expect(exported.equals(await writeCatalogWorkbook(catalogFromRules(doc))), 'export is deterministic').toBe(true);
    const reread = await readPolicyWorkbook(exported);
    expect(reread.issues).toEqual([]);
    expect(reread.sha256).not.toBe(readout.sha256);
    const redo = buildRulesDocument(reread.catalog, reread.sha256);
    expect(stableStringify(redo).replaceAll(reread.sha256, '<sha256>')).toBe(stableStringify(doc).replaceAll(readout.sha256, '<sha256>'));
  });
});
