import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { SAMPLE_WORKBOOK_PATH } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { addBusinessTime } from '../../src/calendar/business-time.ts';
import { standardCalendar } from '../../src/calendar/china-holidays.ts';
import { formatShanghaiIso } from '../../src/calendar/shanghai-time.ts';

describeEachDatabase(
  'entitle check',
  (current) => {
    const env = () => ({ DATABASE_URL: current().url });

    it('prints the same decision JSON as the API, for an inline or a stored contract', async () => {
      expect((await runCli(['import', SAMPLE_WORKBOOK_PATH, '--activate'], env())).code).toBe(0);
      const at = new Date(Date.now() + 60_000).toISOString();
      const inline = await runCli(['check', '--offering', 'on_premise', '--tier', 'premium', '--service', 'system_ops', '--at', at], env());
      expect(inline.code, inline.stderr).toBe(0);
      expect(JSON.parse(inline.stdout)).toMatchObject({ entitled: false, reasons: [{ code: 'NOT_OFFERED' }] });

      const store = createContractRepository(current().db);
      const customer = await store.createCustomer('命令行客户', [], at, () => null);
      const contract = await store.createContract({ customerId: customer.id, offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2099-12-31', services: [] }, at);
      const stored = await runCli(['check', '--contract', String(contract.id), '--service', 'code_diagnosis', '--at', at], env());
      expect(JSON.parse(stored.stdout)).toMatchObject({ entitled: true, quota: { perYear: 2, used: 0 } });

      const unknown = await runCli(['check', '--contract', '999', '--service', 'code_diagnosis'], env());
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Contract 999 does not exist');
      const neither = await runCli(['check', '--service', 'code_diagnosis'], env());
      expect(neither.stderr).toContain('give --contract, or --offering and --tier');
    });

    it('prints the respond-by instant with its proof, from `check --at` and `deadline`', async () => {
      expect((await runCli(['import', SAMPLE_WORKBOOK_PATH, '--activate'], env())).code).toBe(0);
      const at = new Date(Date.now() + 60_000);
      // 尊享: 0.5 working day = 4 working hours on 标准工作日, counted by the calendar module itself.
      const expected = formatShanghaiIso(addBusinessTime(standardCalendar(), at.getTime(), 4 * 3_600_000).at);
      const args = ['--offering', 'cloud', '--tier', 'premium', '--service', 'issue_feedback', '--at', at.toISOString()];
      const deadline = await runCli(['deadline', ...args], env());
      expect(deadline.code, deadline.stderr).toBe(0);
      const printed = JSON.parse(deadline.stdout);
      expect(printed).toMatchObject({ service: 'issue_feedback', responseWindow: { amount: 0.5, unit: 'working_day' }, respondBy: expected, calendar: '标准工作日' });
      expect(printed.proof.intervals.reduce((sum: number, i: { hours: number }) => sum + i.hours, 0)).toBeCloseTo(4, 6);
      expect(printed.proof.sentence.zh).toContain('前响应');
      const check = await runCli(['check', ...args], env());
      expect(JSON.parse(check.stdout)).toMatchObject({ entitled: true, respondBy: expected, proof: printed.proof });
      const now = await runCli(['check', '--offering', 'cloud', '--tier', 'premium', '--service', 'issue_feedback'], env());
      expect(JSON.parse(now.stdout).respondBy).toBeUndefined();

      const refused = await runCli(['deadline', '--offering', 'cloud', '--tier', 'basic', '--service', 'online_im', '--at', at.toISOString()], env());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('the customer’s tier does not include this service');
      const noWindow = await runCli(['deadline', '--offering', 'cloud', '--tier', 'basic', '--service', 'community', '--at', at.toISOString()], env());
      expect(noWindow.stderr).toContain('the service has no response window');
    });
  },
  { file: true },
);
