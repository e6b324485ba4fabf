// `entitle check`: the same decision as POST /api/entitlements/check, printed as the same JSON.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Services } from '../bootstrap.ts';
import { contractFacts } from '../entitlement/entitlement-service.ts';
import { OFFERINGS, TIERS } from '../catalog/catalog-codes.ts';
import { parseInstant } from '../calendar/instants.ts';

type WithServices = <T>(fn: (s: Services) => Promise<T>) => Promise<T>;

export function addCheckCommand(program: Command, withServices: WithServices): void {
  program
    .command('check')
    .description('判定服务权益 (decide an entitlement), 输出与 API 相同的 JSON')
    .addOption(new Option('--offering <offering>', '部署 (offering)').choices(OFFERINGS))
    .addOption(new Option('--tier <tier>', '服务产品 (tier)').choices(TIERS))
    .option('--contract <id>', '已登记的合同编号,代替 --offering/--tier (a stored contract instead)')
    .requiredOption('--service <code>', '服务代码 (service code)')
    .option('--at <instant>', '时间,默认现在 (ISO-8601 instant, default now)')
    .option('--starts-on <date>', '合同开始日期 (contract start, YYYY-MM-DD)')
    .option('--ends-on <date>', '合同结束日期 (contract end, YYYY-MM-DD)')
    .action(async (opts: { offering?: string; tier?: string; contract?: string; service: string; at?: string; startsOn?: string; endsOn?: string }) => {
      const at = opts.at ? parseInstant(opts.at) : new Date();
      const contractId = opts.contract === undefined ? null : Number(opts.contract);
      if (contractId !== null && !(Number.isInteger(contractId) && contractId > 0)) throw new InvalidArgumentError('--contract 应为正整数 (a contract id is a positive integer)');
      if (contractId === null && (!opts.offering || !opts.tier)) throw new InvalidArgumentError('需要 --contract,或 --offering 与 --tier (give --contract, or --offering and --tier)');
      await withServices(async (s) => {
        // As in the API: a given --at is when the request arrived, and the answer says by when to respond.
        const options = { deadline: opts.at !== undefined };
        const decision =
          contractId !== null
            ? await s.contracts.check(contractId, opts.service, at, options)
            : await s.entitlements.check(contractFacts({ offering: opts.offering!, tier: opts.tier!, startsOn: opts.startsOn, endsOn: opts.endsOn }), opts.service, at, undefined, options);
        console.log(JSON.stringify(decision, null, 2));
      });
    });

  program
    .command('deadline')
    .description('计算响应截止时间及依据 (respond-by instant and its proof)')
    .addOption(new Option('--offering <offering>', '部署 (offering)').choices(OFFERINGS).makeOptionMandatory())
    .addOption(new Option('--tier <tier>', '服务产品 (tier)').choices(TIERS).makeOptionMandatory())
    .requiredOption('--service <code>', '服务代码 (service code)')
    .requiredOption('--at <instant>', '受理时间 (ISO-8601 instant the request arrived)')
    .action(async (opts: { offering: string; tier: string; service: string; at: string }) => {
      const at = parseInstant(opts.at);
      await withServices(async (s) => {
        const d = await s.entitlements.check(contractFacts({ offering: opts.offering, tier: opts.tier }), opts.service, at, undefined, { deadline: true });
        if (!d.respondBy) {
          const why = d.reasons.length ? d.reasons.map((r) => r.message).join('; ') : '该服务没有响应时限 / the service has no response window';
          console.error(`没有响应截止时间 (no deadline): ${why}`);
          process.exitCode = 1;
          return;
        }
        const { policy, offering, tier, service, responseWindow, respondBy, calendar, proof } = d;
        console.log(JSON.stringify({ policy, offering, tier, service, at: d.at, responseWindow, respondBy, calendar, proof }, null, 2));
      });
    });
}
