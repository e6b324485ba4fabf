import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';

describeEachDatabase(
  'entitle user and token commands',
  (current) => {
    const env = () => ({ DATABASE_URL: current().url });

    it('adds users with a password from stdin or a generated one, and refuses bad input', async () => {
      const added = await runCli(['user', 'add', 'li.wei', '--role', 'sales', '--password-stdin'], env(), { input: 'a long enough password\n' });
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toContain('added user li.wei (sales)');
      expect(added.stdout).not.toContain('a long enough password');

      const generated = await runCli(['user', 'add', 'wang.wu', '--role', 'support'], env());
      expect(generated.stdout).toMatch(/initial password \(shown once\): \S{16}/);

      const dup = await runCli(['user', 'add', 'li.wei', '--role', 'sales'], env());
      expect(dup.code).toBe(1);
      expect(dup.stderr).toContain('already exists');
      const badRole = await runCli(['user', 'add', 'zhao', '--role', 'boss'], env());
      expect(badRole.stderr).toContain('Unknown role boss');
      const weak = await runCli(['user', 'passwd', 'li.wei', '--password-stdin'], env(), { input: 'short\n' });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('at least 10 characters');

      const list = await runCli(['user', 'list'], env());
      expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3))).toEqual([
        ['li.wei', 'sales', 'active'],
        ['wang.wu', 'support', 'active'],
      ]);
    });

    it('creates, lists and revokes API tokens', async () => {
      const created = await runCli(['token', 'create', '--role', 'support', '--name', 'CRM'], env());
      expect(created.code, created.stderr).toBe(0);
      const token = created.stdout.trim().split('\n').at(-1)!;
      expect(token).toMatch(/^ent_/);
      expect((await runCli(['token', 'list'], env())).stdout).toMatch(/^1\tCRM\tsupport\tactive/m);
      expect((await runCli(['token', 'revoke', '1'], env())).stdout).toContain('revoked token 1');
      expect((await runCli(['token', 'list'], env())).stdout).toMatch(/^1\tCRM\tsupport\trevoked/m);
      const again = await runCli(['token', 'revoke', '1'], env());
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already revoked');
      expect((await runCli(['token', 'revoke', 'x'], env())).stderr).toContain('positive integer');
    });
  },
  { file: true },
);
