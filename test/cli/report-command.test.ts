import { expect, it } from 'vitest';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { createOutboxRepository } from '../../src/report/outbox/outbox-repository.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { SAMPLE_WORKBOOK_PATH } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { addDays } from '../../src/calendar/shanghai-time.ts';
import { shanghaiDate } from '../../src/calendar/instants.ts';

describeEachDatabase(
  'entitle report run',
  (current) => {
    const env = () => ({ DATABASE_URL: current().url, REPORT_MANAGERS: 'manager@kingdee.example' });

    // Each command is a tsx child process, slow on a busy machine: two minutes for the lot.
    it('runs a job by hand, dry or for real, once per period, and refuses what it cannot run', { timeout: 120_000 }, async () => {
      expect((await runCli(['import', SAMPLE_WORKBOOK_PATH, '--activate'], env())).code).toBe(0);
      const store = createContractRepository(current().db);
      const at = new Date().toISOString();
      const customer = await store.createCustomer('命令行客户', [{ name: '周工', email: 'zhou@cli.example', role: 'contact' }], at, () => null);
      await store.createContract({ customerId: customer.id, offering: 'cloud', tier: 'preferred', startsOn: '2025-11-28', endsOn: '2026-11-27', services: [] }, at);

      const dry = await runCli(['report', 'run', 'yearly', '--date', '2026-11-28', '--dry-run'], env());
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('试运行 dry run');
      expect(dry.stdout).toContain('+ 【金蝶云星空】命令行客户 年度服务报告(2025-11-28 至 2026-11-27)');
      expect(dry.stdout).toContain('To: zhou@cli.example');
      const outbox = createOutboxRepository(current().db);
      expect(await outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });

      const real = await runCli(['report', 'run', 'yearly', '--date', '2026-11-28', '--json'], env());
      expect(real.code, real.stderr).toBe(0);
      expect(JSON.parse(real.stdout.slice(0, real.stdout.lastIndexOf('}') + 1))).toMatchObject({ job: 'yearly', dryRun: false, messages: [{ recipient: expect.stringMatching(/^contract:\d+$/), created: true }] });
      expect(await outbox.counts()).toMatchObject({ pending: 1 });
      const again = await runCli(['report', 'run', 'yearly', '--date', '2026-11-28'], env());
      expect(again.stdout).toContain('= 【金蝶云星空】命令行客户');
      expect(await outbox.counts()).toMatchObject({ pending: 1 });

      const monthly = await runCli(['report', 'run', 'monthly', '--date', '2026-11-01', '--dry-run'], env());
      expect(monthly.stdout).toContain('To: manager@kingdee.example');
      expect(monthly.stdout).toContain('响应时效月报 2026-10');

      const unknown = await runCli(['report', 'run', 'nightly'], env());
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('unknown job nightly');
      const atRiskDate = await runCli(['report', 'run', 'at-risk', '--date', '2026-11-28'], env());
      expect(atRiskDate.code).toBe(1);
      expect(atRiskDate.stderr).toContain('at-risk needs an instant');
      const badDate = await runCli(['report', 'run', 'yearly', '--date', '2026-13-45'], env());
      expect(badDate.code).toBe(1);
      expect(badDate.stderr).toContain('Not a date: 2026-13-45');

      // Issue 13: a run for a day after today that would store or send is refused, and nothing is stored.
      const tomorrow = addDays(shanghaiDate(new Date()), 1);
      const early = await runCli(['report', 'run', 'yearly', '--date', tomorrow], env());
      expect(early.code).toBe(1);
      expect(early.stderr).toContain(`${tomorrow} 在今天(`);
      expect(early.stderr).toContain(`${tomorrow} is after today`);
      expect(await outbox.counts()).toMatchObject({ pending: 1 });
      const lookAhead = await runCli(['report', 'run', 'yearly', '--date', tomorrow, '--dry-run'], env());
      expect(lookAhead.code, lookAhead.stderr).toBe(0);
      expect(lookAhead.stdout).toContain('前瞻 look ahead');

      // A correction: the next revision, 更正版 in the subject, the reason audited.
      const contractId = (JSON.parse(real.stdout.slice(0, real.stdout.lastIndexOf('}') + 1)) as { messages: { recipient: string }[] }).messages[0]!.recipient.split(':')[1]!;
      const reissue = await runCli(['report', 'reissue', contractId, '2026-11-27', '--reason', '联系人更正'], env());
      expect(reissue.code, reissue.stderr).toBe(0);
      expect(reissue.stdout).toContain('第 2 版 revision 2 · 【金蝶云星空】【更正版】命令行客户 年度服务报告(2025-11-28 至 2026-11-27)第 2 版');
      expect(await outbox.counts()).toMatchObject({ pending: 2 });
      const [audit] = await current().db('audit_log').where({ action: 'report.reissue' });
      expect(JSON.parse(audit.details_json)).toMatchObject({ revision: 2, reason: '联系人更正' });
      const noReason = await runCli(['report', 'reissue', contractId, '2026-11-27'], env());
      expect(noReason.code).toBe(1);
      expect(noReason.stderr).toContain('--reason');
      const notAYear = await runCli(['report', 'reissue', contractId, '2027-11-27', '--reason', '合同已结束'], env());
      expect(notAYear.code).toBe(1);
      expect(notAYear.stderr).toContain('2027-11-27 is not the last day of a contract year');
    });
  },
  { file: true },
);
