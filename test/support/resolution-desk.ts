// What the resolution tests start from, on a real database: the sample with a 解决时限 target active
// (resolution-workbooks.ts), one customer with a 私有云 尊享 and a 私有云 基础 contract for 2026–2027, and a clock the
// test moves, starting on Mon 2026-03-02 09:00 in Shanghai (a working day on 标准工作日).
import type { Services } from '../../src/composition-root.ts';
import type { Database } from '../../src/db/database.ts';
import type { ServiceRequestView } from '../../src/requests/request-service.ts';
import { contractWorld, type ContractWorld } from './contract-setup.ts';
import { sampleWithResolutionTargets } from './resolution-workbooks.ts';

export const DESK_USER = { name: 'support.user', address: null };

export interface ResolutionDesk {
  w: ContractWorld & Services;
  premium: number;
  basic: number;
  now(): Date;
  /** Moves the clock to a Shanghai wall time, e.g. '2026-03-02T16:00:00'. */
  to(local: string): void;
  /** Opens a 问题反馈 request at the clock's time, on the 尊享 contract unless told. */
  open(contractId?: number): Promise<ServiceRequestView>;
}

export async function resolutionDesk(db: Database, start = '2026-03-02T09:00:00'): Promise<ResolutionDesk> {
  let now = new Date(`${start}+08:00`);
  const w = await contractWorld(db, () => now);
  const outcome = await w.policies.importWorkbook({ bytes: await sampleWithResolutionTargets(), filename: 'targets.xlsx', actor: 'test', activate: true });
  if (outcome.status !== 'created') throw new Error(`the workbook with resolution targets was not imported: ${JSON.stringify(outcome)}`);
  w.entitlements.refreshPolicy();
  const customer = await w.contracts.createCustomer({ name: '宁波港务' }, { name: 'test', address: null });
  const contract = async (tier: 'premium' | 'basic') =>
    (await w.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier, startsOn: '2026-01-01', endsOn: '2027-12-31' })).id;
  const premium = await contract('premium');
  const basic = await contract('basic');
  return {
    w,
    premium,
    basic,
    now: () => now,
    to: (local) => {
      now = new Date(`${local}+08:00`);
    },
    open: async (contractId = premium) => (await w.requests.open({ contractId, service: 'issue_feedback', openedAt: now, summary: '凭证无法过账' }, DESK_USER)).request,
  };
}
