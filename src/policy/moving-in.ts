// Moving in: an installation's first policy may take effect from a past date (the start of the oldest contract,
// say) so that the contracts and open requests from before the install can be entered — but only while nothing
// has been decided in that period under another version. "Decided" is a record: a service request (at its
// arrival), a quota use (at its instant) or a quote (when it was made), each of which keeps the version it was
// decided under. Everything else stays as activation always was: history is never rewritten.
import { DomainError } from '../shared/domain-error.ts';
import { formatShanghai } from '../calendar/instants.ts';
import type { DecisionRecordRef } from './policy-store.ts';

export type { BackdateFacts, DecisionRecordRef } from './policy-store.ts';

/** The version a record was about to be decided under is no longer the one in force at its instant. */
export class PolicyChangedError extends DomainError<'POLICY_CHANGED'> {
  constructor(decided: number, inForce: number | null) {
    super(
      'POLICY_CHANGED',
      `生效的策略版本刚刚变更(此前按版本 ${decided} 判定,现为${inForce === null ? '无生效版本' : `版本 ${inForce}`}):未保存任何内容,请重新查看后重试`,
      `The policy version in force changed while this was being recorded (decided under version ${decided}, now ${inForce === null ? 'none' : `version ${inForce}`}): nothing was stored; look again and retry`,
      { decidedUnder: decided, inForce },
      // Nothing was stored; the instance reads the activations again, so a retry decides under the version in force.
      { retryAfterSeconds: 1 },
    );
  }
}

const KIND_NAMES: Record<DecisionRecordRef['kind'], { zh: string; en: string; atZh: string; atEn: string }> = {
  service_request: { zh: '服务请求', en: 'service request', atZh: '受理于', atEn: 'opened' },
  quota_use: { zh: '额度使用记录', en: 'quota use', atZh: '发生于', atEn: 'used' },
  quote: { zh: '报价单', en: 'quote', atZh: '创建于', atEn: 'made' },
};

/** "服务请求 #12(合同 #3,受理于 2026-11-30 10:00)" in both languages. */
export function describeRecord(r: DecisionRecordRef): { zh: string; en: string } {
  const k = KIND_NAMES[r.kind];
  const when = formatShanghai(r.at);
  const contractZh = r.contractId === null ? '' : `合同 #${r.contractId},`;
  const contractEn = r.contractId === null ? '' : `contract #${r.contractId}, `;
  const version = r.version === null ? { zh: '未记录版本', en: 'version not recorded' } : { zh: `按版本 ${r.version} 判定`, en: `decided under version ${r.version}` };
  return {
    zh: `${k.zh} ${r.name}(${contractZh}${k.atZh} ${when},${version.zh})`,
    en: `${k.en} ${r.name} (${contractEn}${k.atEn} ${when}, ${version.en})`,
  };
}
