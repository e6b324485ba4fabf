import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { SAMPLE_WORKBOOK_PATH } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';

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
      const customer = await store.createCustomer('命令行客户', [], at);
      const contract = await store.createContract({ customerId: customer.id, offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2099-12-31', services: [] }, at);
      const stored = await runCli(['check', '--contract', String(contract.id), '--service', 'code_diagnosis', '--at', at], env());
      expect(JSON.parse(stored.stdout)).toMatchObject({ entitled: true, quota: { perYear: 2, used: 0 } });

      const unknown = await runCli(['check', '--contract', '999', '--service', 'code_diagnosis'], env());
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Contract 999 does not exist');
      const neither = await runCli(['check', '--service', 'code_diagnosis'], env());
      expect(neither.stderr).toContain('give --contract, or --offering and --tier');
    });
  },
  { file: true },
);
