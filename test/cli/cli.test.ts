import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { csvFile } from '../support/bad-files.ts';
import { buildSheet } from '../support/workbook-builder.ts';
import { SAMPLE_RULES_PATH, SAMPLE_WORKBOOK_PATH } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { expectedMissingYears } from '../support/holiday-years.ts';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describeEachDatabase(
  'entitle CLI',
  (current) => {
    const env = () => ({ DATABASE_URL: current().url });

    it('migrates, imports with --dry-run (storing nothing), then imports and activates', async () => {
      expect((await runCli(['migrate'], env())).code).toBe(0);

      const dry = await runCli(['import', SAMPLE_WORKBOOK_PATH, '--dry-run'], env());
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('规则 rules: 68');
      expect(dry.stdout).toContain('说明: 已忽略');
      expect(dry.stdout).toContain('dry run: nothing stored');
      // The sample's own 测试用例, run at import against its rules.
      expect(dry.stdout).toContain('测试用例 test cases: 11,通过 passed 11,未通过 failed 0');
      expect(dry.stdout).toContain('✓ 通过 passed 测试用例!A5: cloud premium phone_support @ 2026-03-02 10:00');
      expect((await runCli(['policies'], env())).stdout).toContain('no policy versions yet');

      const real = await runCli(['import', SAMPLE_WORKBOOK_PATH, '--activate'], env());
      expect(real.code, real.stderr).toBe(0);
      expect(real.stdout).toContain('created version 1 (active)');

      const again = await runCli(['import', SAMPLE_WORKBOOK_PATH], env());
      expect(again.stdout).toContain('already imported as version 1');

      const list = await runCli(['policies', '--json'], env());
      const versions = JSON.parse(list.stdout) as { version: number; status: string }[];
      expect(versions.map((v) => [v.version, v.status])).toEqual([[1, 'active']]);
    });

    it('prints the stored rules exactly as reviewed in rules/', async () => {
      const rules = await runCli(['rules', '1'], env());
      expect(rules.code).toBe(0);
      expect(rules.stdout).toBe(fs.readFileSync(SAMPLE_RULES_PATH, 'utf8'));
    });

    it('exports a version that imports again as the same rules', async () => {
      const file = path.join(tmp, `export-${current().engine}.xlsx`);
      const exported = await runCli(['export', '1', file], env());
      expect(exported.code, exported.stderr).toBe(0);
      const reimport = await runCli(['import', file, '--dry-run'], env());
      expect(reimport.code).toBe(0);
      expect(reimport.stdout).toContain('规则 rules: 68');
      // None from the workbook; the holiday-data warning for each year it and the shipped data lack, when one is due.
      const missing = expectedMissingYears();
      expect(reimport.stdout).toContain(`警告 warnings: ${missing.length}`);
      for (const year of missing) expect(reimport.stdout).toContain(`[NO_HOLIDAY_DATA_FOR_YEAR] 节假日: 本版本的“节假日”表与系统内置数据都没有 ${year} 年的节假日`);
    });

    it('prints every cell error and exits 1 on a bad workbook, storing nothing', async () => {
      const csv = path.join(tmp, 'contracts.xlsx');
      fs.writeFileSync(csv, csvFile());
      const bad = await runCli(['import', csv, '--activate'], env());
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('NOT_XLSX');
      expect(bad.stderr).toContain('import failed');

      const big = await runCli(['import', SAMPLE_WORKBOOK_PATH], { ...env(), MAX_UPLOAD_MB: '0.001' });
      expect(big.code).toBe(1);
      expect(big.stderr).toContain('file too large');

      const missing = await runCli(['import', path.join(tmp, 'nope.xlsx')], env());
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('file not found');

      const versions = JSON.parse((await runCli(['policies', '--json'], env())).stdout) as unknown[];
      expect(versions).toHaveLength(1);
    });

    it('prints every cell error of a workbook at once', async () => {
      const file = path.join(tmp, `bad-cells-${current().engine}.xlsx`);
      fs.writeFileSync(
        file,
        await buildSheet('公有云', [
          ['服务项目', '基础服务', '优选服务', '尊享服务'],
          ['7*24问题反馈', '2工作周响应', '1工作日响应', '0.5工作日响应'],
          ['系统运维', '5*8小时', '7*25小时', '7*12小时'],
          ['神秘服务', '✓', '✓', '✓'],
        ]),
      );
      const bad = await runCli(['import', file], env());
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('3 个错误');
      for (const where of ['公有云!B2', '公有云!C3', '公有云!A4']) expect(bad.stderr).toContain(where);
      expect(bad.stderr).toContain('"2工作周响应"');
    });

    it('rejects bad arguments with a clear message', async () => {
      const orphan = await runCli(['import', SAMPLE_WORKBOOK_PATH, '--effective-from', '2030-01-01'], env());
      expect(orphan.code).toBe(1);
      expect(orphan.stderr).toContain('--effective-from needs --activate');
      const badVersion = await runCli(['rules', 'abc'], env());
      expect(badVersion.code).not.toBe(0);
      expect(badVersion.stderr).toContain('positive integer');
      const badDate = await runCli(['activate', '1', '--effective-from', '2026-13-45'], env());
      expect(badDate.code).not.toBe(0);
      expect(badDate.stderr).toContain('YYYY-MM-DD');
      // A past date moves in the installation's first policy while nothing has been decided (README, Moving in);
      // once a version was in force before the date, it is refused.
      const movedIn = await runCli(['activate', '1', '--effective-from', '2020-01-01'], env());
      expect(movedIn.code).toBe(0);
      expect(movedIn.stdout).toContain('version 1 effective from 2020-01-01');
      const second = path.join(tmp, `second-${current().engine}.xlsx`);
      expect((await runCli(['export', '1', second], env())).code).toBe(0);
      expect((await runCli(['import', second], env())).code).toBe(0);
      const past = await runCli(['activate', '2', '--effective-from', '2021-01-01'], env());
      expect(past.code).toBe(1);
      expect(past.stderr).toContain('in the past');
      expect(past.stderr).toContain('version 1 was already in force before it');
      const badConfig = await runCli(['policies'], { DATABASE_URL: 'postgres://x/y' });
      expect(badConfig.code).toBe(1);
      expect(badConfig.stderr).toContain('DATABASE_URL');
      const down = await runCli(['policies'], { DATABASE_URL: 'mysql://root@127.0.0.1:9/none' });
      expect(down.code).toBe(1);
      expect(down.stderr).toContain('cannot open or migrate the database mysql://root@127.0.0.1:9/none');
      expect(down.stderr).not.toMatch(/\n\s+at /);
    });

    it('withdraws a scheduled activation before it takes effect, once (issue 16)', async () => {
      // A version of its own: the sample written back (the same bytes as an earlier export find that version).
      expect((await runCli(['import', SAMPLE_WORKBOOK_PATH], env())).code).toBe(0);
      const file = path.join(tmp, `withdraw-${current().engine}.xlsx`);
      expect((await runCli(['export', '1', file], env())).code).toBe(0);
      const imported = await runCli(['import', file], env());
      const version = /version (\d+)/.exec(imported.stdout)?.[1];
      expect(version, imported.stdout).toBeDefined();
      expect((await runCli(['activate', version!, '--effective-from', '2030-01-01'], env())).code).toBe(0);
      const withdrawn = await runCli(['withdraw', version!], env());
      expect(withdrawn.code, withdrawn.stderr).toBe(0);
      expect(withdrawn.stdout).toContain(`withdrew version ${version}'s activation from 2030-01-01`);
      const again = await runCli(['withdraw', version!], env());
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('no scheduled activation');
    }, 120_000);

    it('stores a workbook whose test case fails as a draft, prints the case, and refuses --activate with exit 1 (issue 17)', async () => {
      const file = path.join(tmp, `failing-case-${current().engine}.xlsx`);
      const tables = sampleWorkbookTables();
      tables.find((t) => t.sheet === '测试用例')!.rows.find((r) => r[2] === '7＊24电话支持')![8] = '标准坐席';
      fs.writeFileSync(file, await writeWorkbook(tables));
      const imported = await runCli(['import', file, '--activate'], env());
      expect(imported.code).toBe(1);
      expect(imported.stdout).toContain('未通过 failed 1');
      expect(imported.stdout).toContain('✗ 未通过 FAILED 测试用例!A5: cloud premium phone_support');
      expect(imported.stdout).toContain('渠道 channel @I5: 期望 expected 标准坐席 / standard agent;判定 decided 专属坐席 / dedicated agent');
      const version = /created version (\d+) \(draft\)/.exec(imported.stdout)?.[1];
      expect(version, imported.stdout).toBeDefined();
      expect(imported.stderr).toContain('测试用例未通过,不能启用:测试用例!A5');
      const activate = await runCli(['activate', version!], env());
      expect(activate.code).toBe(1);
      expect(activate.stderr).toContain('cannot be activated: 测试用例!A5');
    }, 120_000);
  },
  { file: true },
);
