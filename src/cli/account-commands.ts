// `entitle user …` and `entitle token …`: account administration from a terminal.
import os from 'node:os';
import readline from 'node:readline/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { Services } from '../bootstrap.ts';
import { ROLES } from '../accounts/roles.ts';
import { formatShanghai } from '../policy/effective-date.ts';

type WithServices = <T>(fn: (s: Services) => Promise<T>) => Promise<T>;

const actor = () => ({ name: `cli:${os.userInfo().username}`, address: null });

/** From stdin when asked (scripts), by a prompt on a terminal, else generated and shown once. */
async function choosePassword(fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { password: Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '', generated: false };
  }
  if (process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Mute the echo while the password is typed.
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    const write = output._writeToOutput.bind(rl);
    output._writeToOutput = (s: string) => (s.includes('密码') ? write(s) : undefined);
    const password = await rl.question('新密码 new password: ');
    rl.close();
    process.stderr.write('\n');
    return { password, generated: false };
  }
  const { randomBytes } = await import('node:crypto');
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

export function addAccountCommands(program: Command, withServices: WithServices): void {
  const user = program.command('user').description('管理用户 (manage users)');
  user
    .command('add')
    .argument('<name>', '用户名 (username)')
    .requiredOption('--role <role>', `角色 (role): ${ROLES.join(', ')}`)
    .option('--password-stdin', '从标准输入读取密码 (read the password from stdin)')
    .description('添加用户 (add a user)')
    .action(async (name: string, opts: { role: string; passwordStdin?: boolean }) => {
      const { password, generated } = await choosePassword(opts.passwordStdin);
      await withServices(async (s) => {
        const created = await s.accounts.createUser(name, opts.role, password, actor());
        console.log(`已添加用户 added user ${created.username} (${created.role})`);
        if (generated) console.log(`初始密码 initial password (shown once): ${password}`);
      });
    });

  user
    .command('passwd')
    .argument('<name>', '用户名 (username)')
    .option('--password-stdin', '从标准输入读取密码 (read the password from stdin)')
    .description('设置用户密码 (set a user’s password)')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      const { password, generated } = await choosePassword(opts.passwordStdin);
      await withServices(async (s) => {
        await s.accounts.setPassword(name, password, actor());
        console.log(`已更新密码 password updated for ${name}`);
        if (generated) console.log(`新密码 new password (shown once): ${password}`);
      });
    });

  user
    .command('list')
    .description('列出用户 (list users)')
    .action(async () => {
      await withServices(async (s) => {
        for (const u of await s.accounts.listUsers()) {
          console.log([u.username, u.role, u.disabled ? 'disabled' : 'active', formatShanghai(u.createdAt)].join('\t'));
        }
      });
    });

  const token = program.command('token').description('管理 API 令牌 (manage API tokens)');
  token
    .command('create')
    .requiredOption('--role <role>', `角色 (role): ${ROLES.join(', ')}`)
    .option('--name <name>', '用途说明 (what it is for)', '')
    .description('创建 API 令牌,只显示一次 (create an API token, shown once)')
    .action(async (opts: { role: string; name: string }) => {
      await withServices(async (s) => {
        const { token: text, record } = await s.accounts.createToken(opts.name, opts.role, actor());
        console.log(`令牌 token ${record.id} (${record.role}, ${record.name}); 只显示一次 shown once:`);
        console.log(text);
      });
    });

  token
    .command('list')
    .description('列出 API 令牌 (list API tokens)')
    .action(async () => {
      await withServices(async (s) => {
        for (const t of await s.accounts.listTokens()) {
          const state = t.revokedAt ? `revoked ${formatShanghai(t.revokedAt)}` : 'active';
          console.log([t.id, t.name, t.role, state, t.createdBy, formatShanghai(t.createdAt)].join('\t'));
        }
      });
    });

  token
    .command('revoke')
    .argument('<id>', '令牌编号 (token id)', (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('令牌编号应为正整数 (a token id is a positive integer)');
      return n;
    })
    .description('撤销 API 令牌 (revoke an API token)')
    .action(async (id: number) => {
      await withServices(async (s) => {
        await s.accounts.revokeToken(id, actor());
        console.log(`已撤销令牌 revoked token ${id}`);
      });
    });
}
