// `entitle user …` and `entitle token …`: account administration from a terminal.
import os from 'node:os';
import readline from 'node:readline/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { Services } from '../bootstrap.ts';
import { ROLES } from '../accounts/roles.ts';
import { formatShanghai } from '../calendar/instants.ts';

type WithServices = <T>(fn: (s: Services) => Promise<T>) => Promise<T>;

const actor = () => ({ name: `cli:${os.userInfo().username}`, address: null });

/** Tokens made before tokens had owners: they work, as themselves, but may not approve. */
export const NO_OWNER = '无归属用户,不能审批 / no owner: cannot approve';

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
    .command('reset-password')
    .argument('<name>', '用户名 (username)')
    .description('生成一次性密码,只显示一次;用户下次登录时必须修改 (a one-time password, shown once, to be changed at the next sign-in)')
    .action(async (name: string) => {
      await withServices(async (s) => {
        const { user: changed, password } = await s.accounts.resetPassword(name, actor());
        console.log(`已重置密码 password reset for ${changed.username}; 一次性密码 one-time password (shown once): ${password}`);
      });
    });

  user
    .command('role')
    .argument('<name>', '用户名 (username)')
    .argument('<role>', `角色 (role): ${ROLES.join(', ')}`)
    .description('更改用户的角色;最后一位启用的管理员不能降级 (change a user’s role; the last enabled admin cannot be demoted)')
    .action(async (name: string, role: string) => {
      await withServices(async (s) => {
        const changed = await s.accounts.changeRole(name, role, actor());
        console.log(`角色已更改 role changed: ${changed.username} (${changed.role})`);
      });
    });

  user
    .command('list')
    .description('列出用户 (list users)')
    .action(async () => {
      await withServices(async (s) => {
        for (const u of await s.accounts.listUsers()) {
          const state = u.disabled ? 'disabled' : u.mustChangePassword ? 'active, must change password' : 'active';
          console.log([u.username, u.role, state, formatShanghai(u.createdAt)].join('\t'));
        }
      });
    });

  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(name)
      .argument('<name>', '用户名 (username)')
      .description(disabled ? '停用用户:不能登录,会话结束,其 API 令牌失效 (disable a user: no sign-in, sessions end, their API tokens stop working)' : '重新启用用户 (enable a user again)')
      .action(async (username: string) => {
        await withServices(async (s) => {
          const changed = await s.accounts.setDisabled(username, disabled, actor());
          console.log(disabled ? `已停用 disabled ${changed.username}` : `已启用 enabled ${changed.username}`);
        });
      });
  }

  user
    .command('unlock')
    .argument('[name]', '用户名 (username)')
    .option('--address <address>', '同时(或只)清除该地址的登录失败记录 (also, or only, forget the failures from this address)')
    .description('清除登录失败记录,解除限速 (forget failed sign-ins, lifting the throttle)')
    .action(async (username: string | undefined, opts: { address?: string }) => {
      if (username === undefined && opts.address === undefined) throw new InvalidArgumentError('请指定用户名或 --address (name a user or --address)');
      await withServices(async (s) => {
        const cleared = await s.accounts.unlock({ username, address: opts.address }, actor());
        const which = [username, opts.address && `address ${opts.address}`].filter(Boolean).join(', ');
        console.log(`已解锁 unlocked ${which}: 清除 ${cleared} 条失败记录 (${cleared} failed sign-ins forgotten)`);
      });
    });

  const token = program.command('token').description('管理 API 令牌 (manage API tokens)');
  token
    .command('create')
    .requiredOption('--user <name>', '令牌归属的用户:令牌的操作记在此人名下 (the person the token belongs to; its actions are theirs)')
    .option('--role <role>', `收窄令牌的角色,不能超出该用户的角色;默认即该用户的角色 (narrow the token to a role within the user's; default: the user's role): ${ROLES.join(', ')}`)
    .option('--name <name>', '用途说明 (what it is for)', '')
    .description('创建 API 令牌,只显示一次 (create an API token, shown once)')
    .action(async (opts: { user: string; role?: string; name: string }) => {
      await withServices(async (s) => {
        const { token: text, record } = await s.accounts.createToken({ owner: opts.user, name: opts.name, role: opts.role }, actor());
        console.log(`令牌 token ${record.id} (${record.owner?.username}, ${record.role}, ${record.name}); 只显示一次 shown once:`);
        console.log(text);
      });
    });

  token
    .command('list')
    .description('列出 API 令牌 (list API tokens): 编号、名称、归属用户、角色、状态、创建人、创建时间 (id, name, owner, role, state, created by, created at)')
    .action(async () => {
      await withServices(async (s) => {
        for (const t of await s.accounts.listTokens()) {
          const state = t.revokedAt ? `revoked ${formatShanghai(t.revokedAt)}` : t.owner?.disabled ? 'owner disabled' : 'active';
          const owner = t.owner ? t.owner.username : NO_OWNER;
          console.log([t.id, t.name, owner, t.role, state, t.createdBy, formatShanghai(t.createdAt)].join('\t'));
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
