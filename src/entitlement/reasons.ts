// Why a decision says no, in words the support desk can read out to a customer.

export const REASON_CODES = ['NOT_IN_TIER', 'NOT_OFFERED', 'ON_PREMISE_ONLY', 'NOT_PURCHASED', 'QUOTA_EXHAUSTED', 'CONTRACT_INACTIVE', 'NO_ACTIVE_POLICY'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  message: string;
}

const MESSAGES: Record<ReasonCode, string> = {
  NOT_IN_TIER: '客户的服务产品不包含该服务 / the customer’s tier does not include this service',
  NOT_OFFERED: '该部署形态的服务目录中没有该服务 / this offering’s catalog does not have this service',
  ON_PREMISE_ONLY: '该专项服务仅面向私有云客户 / this special service is for on-premise customers only',
  NOT_PURCHASED: '合同未购买该专项服务 / the contract has not bought this special service',
  QUOTA_EXHAUSTED: '额度已用完(本合同年度的次数,或合同购买的人天) / the quota is used up (this contract year’s uses, or the person-days bought on the contract)',
  CONTRACT_INACTIVE: '该时间不在合同有效期内 / the time is outside the contract’s term',
  NO_ACTIVE_POLICY: '该时间没有生效的策略版本 / no policy version is active at that time',
};

const REASONS = Object.fromEntries(REASON_CODES.map((code) => [code, Object.freeze({ code, message: MESSAGES[code] })])) as Record<ReasonCode, Reason>;

export function reason(code: ReasonCode): Reason {
  return REASONS[code];
}
