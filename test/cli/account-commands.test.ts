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
    }, 120_000);

    it('creates tokens owned by a user, lists their owners (and the old ones without), and revokes them', async () => {
      await runCli(['user', 'add', 'erp.bot', '--role', 'support', '--password-stdin'], env(), { input: 'a long enough password\n' });
      const created = await runCli(['token', 'create', '--user', 'erp.bot', '--name', 'CRM'], env());
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toContain('token 1 (erp.bot, support, CRM)');
      const token = created.stdout.trim().split('\n').at(-1)!;
      expect(token).toMatch(/^ent_/);
      expect((await runCli(['token', 'list'], env())).stdout).toMatch(/^1\tCRM\terp\.bot\tsupport\tactive/m);

      const noUser = await runCli(['token', 'create', '--name', 'CRM'], env());
      expect(noUser.code).toBe(1);
      expect(noUser.stderr).toContain("required option '--user <name>'");
      const wider = await runCli(['token', 'create', '--user', 'li.wei', '--role', 'manager'], env());
      expect(wider.code).toBe(1);
      expect(wider.stderr).toContain('would do more than li.wei (Sales) may');
      const unknown = await runCli(['token', 'create', '--user', 'nobody'], env());
      expect(unknown.stderr).toContain('No user named nobody');

      // A token from before owners existed says what it may not do.
      await current().db('api_tokens').insert({ name: 'old ERP', role: 'manager', token_hash: 'f'.repeat(64), created_at: new Date().toISOString(), created_by: 'cli:root', user_id: null });
      expect((await runCli(['token', 'list'], env())).stdout).toMatch(/^2\told ERP\t无归属用户,不能审批 \/ no owner: cannot approve\tmanager\tactive/m);

      await runCli(['user', 'disable', 'erp.bot'], env());
      expect((await runCli(['token', 'list'], env())).stdout).toMatch(/^1\tCRM\terp\.bot\tsupport\towner disabled/m);
      expect((await runCli(['user', 'list'], env())).stdout).toMatch(/^erp\.bot\tsupport\tdisabled/m);
      expect((await runCli(['user', 'enable', 'erp.bot'], env())).stdout).toContain('enabled erp.bot');

      expect((await runCli(['token', 'revoke', '1'], env())).stdout).toContain('revoked token 1');
      expect((await runCli(['token', 'list'], env())).stdout).toMatch(/^1\tCRM\terp\.bot\tsupport\trevoked/m);
      const again = await runCli(['token', 'revoke', '1'], env());
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already revoked');
      expect((await runCli(['token', 'revoke', 'x'], env())).stderr).toContain('positive integer');
    }, 120_000);

    it('unlocks an account or an address, and says how many failures it forgot', async () => {
      const { db } = current();
      const user = await db('users').where({ username: 'li.wei' }).first();
      const at = new Date().toISOString();
      await db('login_failures').insert([1, 2, 3].map((i) => ({ user_id: user.id, address: `10.0.0.${i}`, at })));
      await db('login_failures').insert({ user_id: null, address: '10.0.0.9', at });
      const unlocked = await runCli(['user', 'unlock', 'li.wei'], env());
      expect(unlocked.code, unlocked.stderr).toBe(0);
      expect(unlocked.stdout).toContain('unlocked li.wei: 清除 3 条失败记录 (3 failed sign-ins forgotten)');
      expect((await runCli(['user', 'unlock', '--address', '10.0.0.9'], env())).stdout).toContain('unlocked address 10.0.0.9: 清除 1 条');
      const neither = await runCli(['user', 'unlock'], env());
      expect(neither.code).toBe(1);
      expect(neither.stderr).toContain('name a user or --address');
      const audited = await db('audit_log').where({ action: 'user.unlock' }).orderBy('id');
      expect(audited.map((e: { target: string; actor: string }) => [e.target, e.actor.startsWith('cli:')])).toEqual([
        ['li.wei', true],
        ['address:10.0.0.9', true],
      ]);
    }, 120_000);

    it('changes a role and resets a password through the same functions as the admin pages, keeping the last admin', async () => {
      expect((await runCli(['user', 'add', 'boss', '--role', 'admin', '--password-stdin'], env(), { input: 'a long enough password\n' })).code).toBe(0);
      const demote = await runCli(['user', 'role', 'boss', 'sales'], env());
      expect(demote.code).toBe(1);
      expect(demote.stderr).toContain('last enabled');
      expect((await runCli(['user', 'add', 'qian.er', '--role', 'sales', '--password-stdin'], env(), { input: 'a long enough password\n' })).code).toBe(0);
      const promoted = await runCli(['user', 'role', 'qian.er', 'manager'], env());
      expect(promoted.stdout).toContain('role changed: qian.er (manager)');
      const reset = await runCli(['user', 'reset-password', 'qian.er'], env());
      expect(reset.stdout).toMatch(/one-time password \(shown once\): [a-z2-9]{4}(-[a-z2-9]{4}){3}$/m);
      const { db } = current();
      const user = await db('users').where({ username: 'qian.er' }).first();
      expect(user.role).toBe('manager');
      expect(Boolean(user.must_change_password)).toBe(true);
      expect((await db('audit_log').whereIn('action', ['user.role', 'user.reset_password']).orderBy('id')).map((e: { action: string }) => e.action)).toEqual(['user.role', 'user.reset_password']);
    }, 120_000);
  },
  { file: true },
);
