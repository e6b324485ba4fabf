// Issue 18's round-trip proof: the sample's catalog typed in English, turned on its side, and laid out side by side
// (test/support/layout-workbooks.ts) each imports cleanly and decides exactly as the sample does, rule for rule —
// and through the decision the desk uses.
import { beforeAll, describe, expect, it } from 'vitest';
import { decideAt } from '../../src/entitlement/entitlement-service.ts';
import { compilePolicy } from '../../src/policy/compiled-policy.ts';
import { stableStringify } from '../../src/policy/stable-json.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { writeSampleWorkbook } from '../../src/policy-workbook/sample-workbook.ts';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import { englishTransposedWorkbook, englishWorkbook, sideBySideWorkbook, transposedWorkbook } from '../support/layout-workbooks.ts';
import { decisionView, sameDecisions, withoutSource } from '../support/rules-decisions.ts';

async function imported(bytes: Buffer): Promise<{ doc: RulesDocument; issues: ImportIssue[] }> {
  const readout = await readPolicyWorkbook(bytes);
  return { doc: buildRulesDocument(readout.catalog, readout.sha256), issues: readout.issues };
}

let sample: RulesDocument;
const layouts: Record<'english' | 'englishTransposed' | 'transposed' | 'sideBySide', { doc: RulesDocument; issues: ImportIssue[] }> = {} as never;

beforeAll(async () => {
  sample = (await imported(await writeSampleWorkbook())).doc;
  const [english, englishTransposed, transposed, sideBySide] = await Promise.all(
    [englishWorkbook(), englishTransposedWorkbook(), transposedWorkbook(), sideBySideWorkbook()].map(async (b) => imported(await b)),
  );
  Object.assign(layouts, { english, englishTransposed, transposed, sideBySide });
});

describe.each(['english', 'englishTransposed', 'transposed', 'sideBySide'] as const)('the sample laid out %s', (layout) => {
  it('imports with no error and no warning', () => {
    expect(layouts[layout].issues).toEqual([]);
  });

  it('has a rule for every offering × tier × service and every special service the sample has, and no other', () => {
    expect(layouts[layout].doc.rules.map((r) => r.name).sort()).toEqual(sample.rules.map((r) => r.name).sort());
  });

  it('decides every rule as the sample does: included, channel, window, coverage, quota, kind, offerings', () => {
    const mismatches = sameDecisions(sample, layouts[layout].doc);
    expect(mismatches).toEqual([]);
  });

  it('prices, calendars and test cases mean the same', () => {
    const section = (doc: RulesDocument, key: 'prices' | 'calendars' | 'testCases') => decisionView(doc)[key];
    for (const key of ['prices', 'calendars', 'testCases'] as const) expect(section(layouts[layout].doc, key), key).toEqual(section(sample, key));
  });

  it('answers the desk as the sample does: premium on-premise emergency faults, basic cloud IM, the on-premise quota', async () => {
    const [mine, theirs] = await Promise.all([compilePolicy({ id: 1, version: 1 }, layouts[layout].doc), compilePolicy({ id: 2, version: 2 }, sample)]);
    const ask = (policy: typeof mine, offering: 'cloud' | 'on_premise', tier: 'basic' | 'preferred' | 'premium', service: string, used = 0) => {
      const d = decideAt(policy, { offering, tier, startsOn: null, endsOn: null, purchased: [] }, service, new Date('2026-03-13T17:00:00+08:00'), () => used, { deadline: true });
      return { entitled: d.entitled, reasons: d.reasons.map((r) => r.code), channel: d.channel, window: d.responseWindow, respondBy: d.respondBy ?? null, remaining: d.quota?.remaining ?? null };
    };
    const premiumFault = ask(mine, 'on_premise', 'premium', 'emergency_fault');
    expect(premiumFault).toMatchObject({ entitled: true, window: { amount: 2, unit: 'working_hour' }, respondBy: '2026-03-16T10:00:00+08:00' });
    expect(premiumFault).toEqual(ask(theirs, 'on_premise', 'premium', 'emergency_fault'));
    expect(ask(mine, 'cloud', 'basic', 'online_im')).toEqual(ask(theirs, 'cloud', 'basic', 'online_im'));
    expect(ask(mine, 'cloud', 'basic', 'online_im').reasons).toEqual(['NOT_IN_TIER']);
    expect(ask(mine, 'on_premise', 'premium', 'code_diagnosis', 3)).toEqual(ask(theirs, 'on_premise', 'premium', 'code_diagnosis', 3));
    expect(ask(mine, 'on_premise', 'premium', 'code_diagnosis', 3).remaining).toBe(1);
    expect(ask(mine, 'cloud', 'premium', 'cluster_ha')).toEqual(ask(theirs, 'cloud', 'premium', 'cluster_ha'));
  });
});

describe('the layouts that keep the Chinese words', () => {
  it.each(['transposed', 'sideBySide'] as const)('%s: every rule, calendar, price and case is identical but for its source', (layout) => {
    const byName = (doc: RulesDocument) => stableStringify({ ...withoutSource(doc), rules: [...withoutSource(doc).rules].sort((a, b) => (a.name < b.name ? -1 : 1)) });
    expect(byName(layouts[layout].doc)).toBe(byName(sample));
  });
});
