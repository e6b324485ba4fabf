// `entitle doctor [--json]`: stored customers and contacts that break the rules new ones are held to, each with
// its id, field, value (shown safely) and what to do. Exits 1 when it finds any, so a script or CI can notice.
import type { Command } from 'commander';
import type { Services } from '../bootstrap.ts';
import type { DataProblem } from '../contracts/contact-doctor.ts';

type WithServices = <T>(fn: (s: Services) => Promise<T>) => Promise<T>;

export function formatProblems(problems: DataProblem[]): string {
  if (problems.length === 0) return '未发现问题:所有客户名称与联系人均符合规则 (no problems: every customer name and contact follows the rules)';
  const lines = [`发现 ${problems.length} 个问题 (found ${problems.length} problem(s)):`];
  for (const p of problems) {
    const who = p.kind === 'customer' ? `客户 customer #${p.customerId}` : `客户 customer #${p.customerId} 联系人 contact #${p.contactId}`;
    lines.push(`  ✗ ${who} ${p.field}: ${p.shown}`);
    lines.push(`      ${p.message.zh} / ${p.message.en}`);
    lines.push(`      处理 fix: ${p.fix.zh} / ${p.fix.en}`);
  }
  return lines.join('\n');
}

export function addDoctorCommand(program: Command, withServices: WithServices): void {
  program
    .command('doctor')
    .option('--json', '输出 JSON (print the problems as JSON)')
    .description('检查已保存的客户与联系人:名称中的控制字符、不是单个地址的邮箱 (check stored customers and contacts: control characters in names, addresses that are not one address); 有问题时退出码为 1 (exits 1 when it finds any)')
    .action(async (opts: { json?: boolean }) => {
      await withServices(async (s) => {
        const problems = await s.contracts.dataProblems();
        console.log(opts.json ? JSON.stringify({ problems }, null, 2) : formatProblems(problems));
        if (problems.length > 0) process.exitCode = 1;
      });
    });
}
