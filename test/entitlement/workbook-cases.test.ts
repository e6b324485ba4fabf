// A workbook's 测试用例 run against its own rules through the desk's decision: the sample's cases pass; a case that
// expects otherwise fails, each missed expectation naming its cell with what was expected and what was decided.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWorkbookCases } from '../../src/entitlement/workbook-cases.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import type { TestCaseRecord } from '../../src/policy-workbook/test-cases/case-rules.ts';
import { SAMPLE_WORKBOOK_PATH } from '../support/fixtures.ts';

let sample: RulesDocument;

beforeAll(async () => {
  const readout = await readPolicyWorkbook(fs.readFileSync(SAMPLE_WORKBOOK_PATH));
  sample = buildRulesDocument(readout.catalog, readout.sha256);
});

/** The sample with its cases replaced. */
const withCases = (edit: (cases: TestCaseRecord[]) => TestCaseRecord[]): RulesDocument => ({ ...sample, testCases: edit(structuredClone(sample.testCases!)) });
const caseAt = (cases: TestCaseRecord[], cell: string) => cases.find((c) => c.source.cell === cell)!;

describe('running a workbook’s test cases', () => {
  it('passes every case of the sample', async () => {
    const results = await runWorkbookCases(sample);
    expect(results).toMatchObject({ total: 11, passed: 11, failed: 0 });
    expect(results!.cases.map((c) => c.checks.length)).toEqual([3, 3, 2, 2, 3, 2, 2, 1, 2, 2, 3]);
  });

  it('runs nothing for a document without cases', async () => {
    expect(await runWorkbookCases({ ...sample, testCases: undefined })).toBeNull();
    expect(await runWorkbookCases({ ...sample, testCases: [] })).toBeNull();
  });

  it('fails a case that expects otherwise, naming each missed expectation’s cell, expected against decided', async () => {
    const results = await runWorkbookCases(
      withCases((cases) => {
        caseAt(cases, 'A5').expect.channel = 'standard'; // premium phone support is a dedicated agent
        caseAt(cases, 'A3').expect.respondBy = '2026-03-10T18:00:00+08:00'; // one working day is 8 hours: Wednesday 10:00
        caseAt(cases, 'A12').expect.remaining = 2; // one of two used
        return cases;
      }),
    );
    expect(results).toMatchObject({ total: 11, passed: 8, failed: 3 });
    const failed = results!.cases.filter((c) => !c.passed);
    expect(failed.map((c) => [c.sheet, c.cell, c.checks.filter((k) => !k.passed).map((k) => [k.field, k.cell, k.expected.zh, k.decided.zh])])).toEqual([
      ['测试用例', 'A3', [['respondBy', 'K3', '2026-03-10 18:00', '2026-03-11 10:00']]],
      ['测试用例', 'A5', [['channel', 'I5', '标准坐席', '专属坐席']]],
      ['测试用例', 'A12', [['remaining', 'L12', '2', '1']]],
    ]);
    // The checks that hold still say so.
    expect(failed[0]!.checks.filter((k) => k.passed).map((k) => k.field)).toEqual(['entitled', 'responseWindow']);
    expect(failed[1]!.checks.find((k) => k.field === 'channel')).toMatchObject({ expected: { en: 'standard agent' }, decided: { en: 'dedicated agent' } });
  });

  it('decides with the contract facts the row states: uses so far, and whether the special service was bought', async () => {
    const results = await runWorkbookCases(
      withCases((cases) => {
        caseAt(cases, 'A13').used = 3; // premium code diagnosis: 4 a year, 3 used
        caseAt(cases, 'A10').purchased = false; // performance tuning not bought
        return cases;
      }),
    );
    const byCell = new Map(results!.cases.map((c) => [c.cell, c]));
    expect(byCell.get('A13')!.checks.map((k) => [k.field, k.passed, k.decided.en])).toEqual([
      ['entitled', false, '✓ entitled'],
      ['reason', false, 'none'],
      ['remaining', false, '1'],
    ]);
    expect(byCell.get('A10')!.checks).toEqual([expect.objectContaining({ field: 'entitled', passed: false, decided: { zh: '✗ 无权', en: '✗ not entitled' } })]);
  });

  it('says why a case expecting a reason was decided with another', async () => {
    const results = await runWorkbookCases(withCases((cases) => [{ ...caseAt(cases, 'A9'), expect: { reason: 'NOT_PURCHASED' } }]));
    expect(results!.cases[0]!.checks[0]).toMatchObject({
      field: 'reason',
      cell: 'H9',
      passed: false,
      expected: { zh: '合同未购买该专项服务(NOT_PURCHASED)', en: 'the contract has not bought this special service (NOT_PURCHASED)' },
      decided: { zh: '该专项服务仅面向私有云客户(ON_PREMISE_ONLY)' },
    });
  });
});
