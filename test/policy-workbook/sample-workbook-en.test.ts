// The English sample workbook (imports/sample-policy-en.xlsx): imports cleanly, English through and through where
// people type, its own test cases pass, it decides exactly as the Chinese sample does, and the committed file is what
// the generator writes.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWorkbookCases } from '../../src/entitlement/workbook-cases.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { writeSampleWorkbook } from '../../src/policy-workbook/sample-workbook.ts';
import { writeEnglishSampleWorkbook } from '../../src/policy-workbook/sample-workbook-en.ts';
import type { EntitlementParams } from '../../src/policy-workbook/tiers/tier-rules.ts';
import { decisionView, sameDecisions } from '../support/rules-decisions.ts';

const SAMPLE_EN_XLSX = path.resolve('imports/sample-policy-en.xlsx');
const STALE = 'imports/sample-policy-en.xlsx is stale: run npm run sample:generate and commit the result';

let bytes: Buffer;
let readout: WorkbookReadout;
let doc: RulesDocument;
let chinese: RulesDocument;

beforeAll(async () => {
  bytes = fs.readFileSync(SAMPLE_EN_XLSX);
  readout = await readPolicyWorkbook(bytes);
  doc = buildRulesDocument(readout.catalog, readout.sha256);
  const zh = await readPolicyWorkbook(await writeSampleWorkbook());
  chinese = buildRulesDocument(zh.catalog, zh.sha256);
});

function entitlement(name: string): EntitlementParams {
  const rule = doc.rules.find((r) => r.name === name);
  if (rule?.event.type !== 'entitlement') throw new Error(`no entitlement rule ${name}`);
  return rule.event.params;
}

describe('the English sample workbook', () => {
  it('imports with no error and no warning', () => {
    expect(readout.issues).toEqual([]);
  });

  it('has English sheets: a tier table each for Public Cloud and On Premise, one special-services table with a column per offering, and the other sheets', () => {
    expect(readout.sheets.map((s) => [s.name, s.role, s.tables.map((t) => `${t.kind}/${t.offering}`)])).toEqual([
      ['Read me', 'ignored', []],
      ['Public Cloud', 'catalog', ['tiers/cloud']],
      ['On Premise', 'catalog', ['tiers/on_premise']],
      ['Special services', 'catalog', ['special_services/cloud']],
      ['Prices', 'prices', []],
      ['Calendars', 'calendars', []],
      ['Holidays', 'holidays', []],
      ['Test cases', 'test_cases', []],
    ]);
    expect(readout.sheets.flatMap((s) => [...(s.priceTables ?? []), ...(s.calendarTables ?? []), ...(s.caseTables ?? [])].map((t) => `${t.kind}:${t.rows}`))).toEqual([
      'tier_prices:6',
      'service_prices:9',
      'price_settings:3',
      'calendars:1',
      'calendar_assignments:2',
      'holidays:39',
      'test_cases:11',
    ]);
  });

  it('quotes the cells as typed in English', () => {
    expect(entitlement('cloud.premium.phone_support')).toMatchObject({ label: '7x24 phone support', text: 'Dedicated agent', channel: 'dedicated' });
    expect(entitlement('on_premise.premium.issue_feedback')).toMatchObject({ text: 'Response within 0.5 working day', responseWindow: { amount: 0.5, unit: 'working_day' } });
    expect(entitlement('cloud.premium.system_ops')).toMatchObject({ text: '7x12', coverage: { daysPerWeek: 7, hoursPerDay: 12 } });
    expect(entitlement('cloud.preferred.code_diagnosis')).toMatchObject({ quota: { perYear: 2, personDaysEach: 2, onsite: false }, deliverables: ['Code diagnosis'] });
    expect(entitlement('cloud.premium.customer_success').deliverables).toEqual(['A named customer success manager', 'One service report a year with HQ expert advice', 'Tailored online training courses']);
  });

  it('decides every offering × tier × service and every special service exactly as the Chinese sample does', () => {
    expect(doc.rules.map((r) => r.name).sort()).toEqual(chinese.rules.map((r) => r.name).sort());
    expect(sameDecisions(chinese, doc)).toEqual([]);
  });

  it('prices, calendars (holidays by date) and test cases mean what the Chinese sample’s mean', () => {
    const mine = decisionView(doc);
    const theirs = decisionView(chinese);
    expect(mine.prices).toEqual(theirs.prices);
    expect(mine.calendars).toEqual(theirs.calendars);
    expect(mine.testCases).toEqual(theirs.testCases);
  });

  it('passes its own test cases, so it can be activated', async () => {
    const results = await runWorkbookCases(doc);
    expect(results).toMatchObject({ passed: 11, failed: 0 });
  });

  it('is what the generator writes, byte for byte', async () => {
    expect((await writeEnglishSampleWorkbook()).equals(bytes), STALE).toBe(true);
  });
});
