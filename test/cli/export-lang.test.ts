// entitle export --lang en and entitle sample --lang en (issue 18): the English workbook a version is written back
// to imports again to the same rules; a language the CLI does not know is a usage error in both languages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { writeEnglishSampleWorkbook } from '../../src/policy-workbook/sample-workbook-en.ts';
import { readWorkbookGrid } from '../../src/workbook/workbook-grid.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { SAMPLE_WORKBOOK_PATH } from '../support/fixtures.ts';
import { withoutSource } from '../support/rules-decisions.ts';
import { runCli } from '../support/run-cli.ts';
import { stableStringify } from '../../src/policy/stable-json.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-cli-lang-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const rulesOf = async (bytes: Buffer) => {
  const readout = await readPolicyWorkbook(bytes);
  expect(readout.issues).toEqual([]);
  return stableStringify(withoutSource(buildRulesDocument(readout.catalog, readout.sha256)));
};

describeEachDatabase(
  'entitle export --lang',
  (current) => {
    const env = () => ({ DATABASE_URL: current().url });

    it('writes an English workbook of a version that imports to the same rules', async () => {
      expect((await runCli(['import', SAMPLE_WORKBOOK_PATH], env())).code).toBe(0);
      const file = path.join(tmp, `export-en-${current().engine}.xlsx`);
      const exported = await runCli(['export', '1', file, '--lang', 'en'], env());
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain(`exported version 1 → ${file} (en)`);
      const bytes = fs.readFileSync(file);
      const grid = await readWorkbookGrid(bytes);
      expect(grid.sheets[0]!.rows[1]!.cells.map((c) => c.text)).toEqual(['Service item', 'Basic', 'Preferred', 'Premium', 'Code']);
      expect(await rulesOf(bytes)).toBe(await rulesOf(fs.readFileSync(SAMPLE_WORKBOOK_PATH)));
      const reimport = await runCli(['import', file, '--dry-run'], env());
      expect(reimport.code, reimport.stderr).toBe(0);
      expect(reimport.stdout).toContain('规则 rules: 68');
    }, 120_000);

    it('refuses a language it does not know, in Chinese and English, before touching anything', async () => {
      const file = path.join(tmp, `export-fr-${current().engine}.xlsx`);
      const refused = await runCli(['export', '1', file, '--lang', 'fr'], env());
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('未知的语言“fr”:可用 zh、en (unknown language "fr": use zh or en)');
      expect(fs.existsSync(file)).toBe(false);
    }, 60_000);
  },
  { file: true },
);

it('entitle sample --lang en writes the English sample, and no rules file unless asked', async () => {
  const out = path.join(tmp, 'sample-en.xlsx');
  const run = await runCli(['sample', '--lang', 'en', '--out', out], {});
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain(`wrote ${out}`);
  expect(run.stdout).toContain('11 test cases passed');
  expect(fs.readFileSync(out).equals(await writeEnglishSampleWorkbook())).toBe(true);
}, 60_000);
