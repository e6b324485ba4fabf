// `entitle import` reads through the parse pool too (worker threads started from bin/entitle.js): a hostile
// workbook is refused with its limit named, a broken one with a reference whose cause goes to stderr's log,
// PARSE_* settings apply, and the command exits when done (the pool is stopped).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';
import { HOSTILE_CASES } from '../fixtures/hostile/hostile-corpus.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-cli-refusals-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function corpusFile(name: string): string {
  const c = HOSTILE_CASES.find((x) => x.name === name)!;
  const file = path.join(tmp, c.filename);
  fs.writeFileSync(file, c.build());
  return file;
}

describeEachDatabase(
  'entitle import through the parse pool',
  (current) => {
    const env = () => ({ DATABASE_URL: current().url });

    it('refuses a whole-sheet merge, naming the sheet and the limit, and stores nothing', async () => {
      const res = await runCli(['import', corpusFile('whole-sheet-merge')], env());
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('[MERGED_AREA_LIMIT] 公有云');
      expect(res.stderr).toContain('over the limit of 50,000');
      expect((await runCli(['policies'], env())).stdout).toContain('no policy versions yet');
    });

    it('refuses a workbook the library cannot read with a reference, and logs the library’s words under it on stderr', async () => {
      const res = await runCli(['import', corpusFile('broken-comments-reference')], { ...env(), LOG_LEVEL: 'warn' });
      expect(res.code).toBe(1);
      const reference = /参考编号 ([0-9A-F]{8})/.exec(res.stderr)?.[1];
      expect(reference, res.stderr).toBeDefined();
      const logLine = res.stderr.split('\n').find((l) => l.startsWith('{') && l.includes(`"reference":"${reference}"`));
      expect(logLine).toContain('Cannot read properties of undefined');
      // The issue itself, as printed for the person, is in our words.
      const issueLines = res.stderr.split('\n').filter((l) => !l.startsWith('{'));
      expect(issueLines.join('\n')).not.toMatch(/Cannot read properties/);
      expect(res.stdout).toBe('');
    });

    it('applies PARSE_HEAP_MB: a file needing more is refused naming the limit, and the command still exits', async () => {
      const res = await runCli(['import', corpusFile('cells-within-limits')], { ...env(), PARSE_HEAP_MB: '64' });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('读取该文件需要的内存超过了 64 MB 的上限(PARSE_HEAP_MB)');
      expect(res.stderr).toContain('needs more memory than the 64 MB limit (PARSE_HEAP_MB)');
    });
  },
  { file: true },
);
