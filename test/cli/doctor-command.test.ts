// `entitle doctor`: stored customers and contacts that break the rules are listed with ids, fields, safe values
// and what to do, and the exit code says whether there were any.
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';

describeEachDatabase(
  'entitle doctor',
  (current) => {
    const env = () => ({ DATABASE_URL: current().url });
    const at = '2025-01-01T00:00:00.000Z';

    it('exits 0 and says so when every row follows the rules', async () => {
      const db = current().db;
      const [id] = await db('customers').insert({ name: '合规客户', created_at: at, updated_at: at });
      await db('customer_contacts').insert({ customer_id: Number(id), name: '周杰', email: 'zhou@example.cn', role: 'contact' });
      const clean = await runCli(['doctor'], env());
      expect(clean.code, clean.stderr).toBe(0);
      expect(clean.stdout).toContain('no problems');
    });

    it('lists each bad customer and contact, shown safely, with what to do, and exits 1; --json carries the same', async () => {
      const db = current().db;
      const [id] = await db('customers').insert({ name: '旧客户\r\nBcc: x@evil.example', created_at: at, updated_at: at });
      const [contactId] = await db('customer_contacts').insert({ customer_id: Number(id), name: '旧联系人', email: 'a@x.com,attacker', role: 'contact' });
      const text = await runCli(['doctor'], env());
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`customer #${id} name: "旧客户\\r\\nBcc: x@evil.example"`);
      expect(text.stdout).toContain(`contact #${contactId} email: "a@x.com,attacker"`);
      expect(text.stdout).toContain(`/customers/${id}`);
      // Nothing raw reaches the terminal: the line break stays escaped.
      expect(text.stdout).not.toContain('\r\nBcc');

      const json = await runCli(['doctor', '--json'], env());
      expect(json.code).toBe(1);
      const { problems } = JSON.parse(json.stdout) as { problems: { customerId: number; contactId: number | null; field: string; value: string; code: string }[] };
      expect(problems.map((p) => [p.customerId, p.contactId, p.field, p.value, p.code])).toEqual([
        [Number(id), null, 'name', '旧客户\r\nBcc: x@evil.example', 'control_character'],
        [Number(id), Number(contactId), 'email', 'a@x.com,attacker', 'not_one_address'],
      ]);
    });
  },
  { file: true },
);
