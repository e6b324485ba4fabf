// The support desk's question — is this customer entitled, through which channel, by when, with how much
// quota left — answered from a compiled policy and the contract's facts. Pure: no I/O.
import { TIERS, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import type { CompiledPolicy } from '../policy/compiled-policy.ts';
import type { Coverage, Channel, ResponseWindow } from '../catalog/catalog.ts';
import type { EntitlementParams } from '../policy-workbook/tiers/tier-rules.ts';
import type { RuleSource } from '../policy-workbook/rules-base.ts';
import { contractYear } from './contract-year.ts';
import { shanghaiDate, toUtcIso } from '../calendar/instants.ts';
import { reason, type Reason, type ReasonCode } from './reasons.ts';
import type { DeadlineProofView } from './deadline.ts';

export interface ContractFacts {
  offering: Offering;
  tier: Tier;
  startsOn: string | null;
  endsOn: string | null;
  /** Special services bought on the contract; an inline contract has bought none. */
  purchased: readonly string[];
  /**
   * Person-days bought for each special service, where the contract states them (above 0). Those services are
   * drawn down through the quota ledger over the contract's whole term; one bought as an item (项, 0 person-days)
   * is not: it is a delivery, not a budget of days.
   */
  purchasedPersonDays?: Readonly<Record<string, number>>;
}

/** A tier grant's yearly count (代码诊断, 限一年四次, 2人天/次): uses in the current contract year. */
export interface YearlyQuotaState {
  kind: 'yearly_uses';
  perYear: number;
  /** What one use may record without a manager's override. */
  personDaysEach: number;
  /** false: 非现场, an on-site use needs a manager's override. */
  onsite: boolean;
  /** Uses in the contract year. */
  used: number;
  remaining: number;
  /** The person-days those uses recorded. */
  personDaysUsed: number;
  periodStart: string;
  periodEnd: string;
}

/** Person-days of a special service bought on the contract, drawn down over its whole term (they were bought once). */
export interface PersonDayQuotaState {
  kind: 'person_days';
  /** Person-days bought; `used` and `remaining` are person-days too (remaining never below 0). */
  purchased: number;
  used: number;
  remaining: number;
  periodStart: string;
  periodEnd: string;
}

export type QuotaState = YearlyQuotaState | PersonDayQuotaState;

/** What the ledger holds for a quota in its period: uses and the person-days they recorded. */
export interface UsageTally {
  uses: number;
  personDays: number;
}

export interface ExplanationStep {
  check: string;
  passed: boolean;
  detail: string;
}

export interface Decision {
  policy: { id: number; version: number };
  offering: Offering;
  tier: Tier;
  service: string;
  at: string;
  entitled: boolean;
  available: boolean;
  channel: Channel | null;
  responseWindow: ResponseWindow | null;
  coverage: Coverage | null;
  quota: QuotaState | null;
  deliverables: string[];
  reasons: Reason[];
  upgrade: { tier: Tier } | null;
  source: RuleSource | null;
  explanation: ExplanationStep[];
  /** Only when asked at a given instant, entitled, with a response window: by when to respond, and why. */
  respondBy?: string;
  calendar?: string;
  proof?: DeadlineProofView;
  /**
   * Only when asked at a given instant, entitled, and the policy's 解决时限 table covers the service: the target,
   * and by when to resolve if the request never waits for the customer (waiting pauses the clock).
   */
  resolution?: { window: ResponseWindow; resolveBy: string; source: RuleSource };
}

/**
 * `usedInPeriod(periodStart, periodEnd)` says what the ledger holds for the period: a count of uses, or the uses and
 * their person-days. It is asked only for quota-bearing services: a tier quota's contract year, or the contract's
 * whole term for a special service bought in person-days.
 */
export function decide(
  policy: CompiledPolicy,
  contract: ContractFacts,
  service: string,
  at: Date,
  usedInPeriod: (periodStart: string, periodEnd: string) => number | UsageTally = () => 0,
): Decision {
  const { offering, tier } = contract;
  const reasons: ReasonCode[] = [];
  const explanation: ExplanationStep[] = [];
  const today = shanghaiDate(at);
  const active = (!contract.startsOn || contract.startsOn <= today) && (!contract.endsOn || today <= contract.endsOn);
  explanation.push({
    check: 'contract.active',
    passed: active,
    detail: `${contract.startsOn ?? '…'} ≤ ${today} ≤ ${contract.endsOn ?? '…'}`,
  });
  if (!active) reasons.push('CONTRACT_INACTIVE');

  const base = blankDecision({ id: policy.id, version: policy.version }, contract, service, at, explanation);

  if (policy.isSpecial(service)) {
    const special = policy.special(offering, service);
    explanation.push({ check: 'rule special.' + service, passed: Boolean(special), detail: `service = ${service}, offering = ${offering}` });
    if (!special) reasons.push(policy.special('on_premise', service) && offering === 'cloud' ? 'ON_PREMISE_ONLY' : 'NOT_OFFERED');
    const purchased = contract.purchased.includes(service);
    if (special) {
      explanation.push({ check: 'contract.purchased', passed: purchased, detail: service });
      if (!purchased) reasons.push('NOT_PURCHASED');
    }
    const bought = contract.purchasedPersonDays?.[service] ?? 0;
    if (special && purchased && bought > 0) {
      const periodStart = contract.startsOn ?? today;
      const periodEnd = contract.endsOn ?? today;
      const used = roundTenths(tallyOf(usedInPeriod(periodStart, periodEnd)).personDays);
      const remaining = Math.max(0, roundTenths(bought - used));
      base.quota = { kind: 'person_days', purchased: bought, used, remaining, periodStart, periodEnd };
      explanation.push({ check: 'quota.person_days', passed: remaining > 0, detail: `${used} / ${bought} 人天 (${periodStart} – ${periodEnd})` });
      if (remaining <= 0) reasons.push('QUOTA_EXHAUSTED');
    }
    const listing = special?.listings.find((l) => l.offering === offering);
    base.available = Boolean(special);
    base.deliverables = listing?.description ? [listing.description] : [];
    base.source = listing?.source ?? special?.source ?? null;
    return finish(base, reasons);
  }

  const grant = policy.entitlement(offering, tier, service);
  explanation.push(grant ? ruleStep(grant) : { check: `rule ${offering}.${tier}.${service}`, passed: false, detail: `no rule for ${service} in ${offering}` });
  if (!grant) return finish(base, [...reasons, 'NOT_OFFERED']);
  if (!grant.included) {
    const upgradeTier = TIERS.slice(TIERS.indexOf(tier) + 1).find((t) => policy.entitlement(offering, t, service)?.included) ?? null;
    base.available = true;
    base.source = grant.source;
    base.upgrade = upgradeTier ? { tier: upgradeTier } : null;
    return finish(base, [...reasons, 'NOT_IN_TIER']);
  }

  let quota: QuotaState | null = null;
  if (grant.quota) {
    const year = contractYear(contract.startsOn ?? today, today);
    const { periodStart } = year;
    // The last year of a contract that ends off an anniversary is short, ending on the end date (docs/domain.md).
    const endsOn = contract.endsOn ?? year.periodEnd;
    // Stryker disable next-line EqualityOperator: on the anniversary's eve both dates are the same
    const periodEnd = endsOn < year.periodEnd ? endsOn : year.periodEnd;
    const { uses: used, personDays } = tallyOf(usedInPeriod(periodStart, periodEnd));
    quota = { kind: 'yearly_uses', ...grant.quota, used, remaining: Math.max(0, grant.quota.perYear - used), personDaysUsed: roundTenths(personDays), periodStart, periodEnd };
    explanation.push({ check: 'quota.remaining', passed: quota.remaining > 0, detail: `${used} / ${grant.quota.perYear} (${periodStart} – ${periodEnd})` });
    if (quota.remaining === 0) reasons.push('QUOTA_EXHAUSTED');
  }
  base.available = true;
  base.channel = grant.channel;
  base.responseWindow = grant.responseWindow;
  base.coverage = grant.coverage;
  base.quota = quota;
  base.deliverables = grant.deliverables;
  base.source = grant.source;
  return finish(base, reasons);
}

/** A bare count is the uses alone (callers from before person-days were kept). */
function tallyOf(value: number | UsageTally): UsageTally {
  return typeof value === 'number' ? { uses: value, personDays: 0 } : value;
}

/** Person-days are kept in tenths: 4 − 3.7 is 0.3, not 0.2999999999999998. */
export function roundTenths(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A decision that grants nothing yet; the checks fill it in. */
export function blankDecision(policy: Decision['policy'], contract: Pick<ContractFacts, 'offering' | 'tier'>, service: string, at: Date, explanation: ExplanationStep[]): Decision {
  return {
    policy,
    offering: contract.offering,
    tier: contract.tier,
    service,
    at: toUtcIso(at),
    // Stryker disable next-line BooleanLiteral: finish() sets entitled on every path.
    entitled: false,
    available: false,
    channel: null,
    responseWindow: null,
    coverage: null,
    quota: null,
    deliverables: [],
    // Stryker disable next-line ArrayDeclaration: finish() sets reasons on every path.
    reasons: [],
    upgrade: null,
    source: null,
    explanation,
  };
}

// The rule's step of an explanation never changes for a compiled policy: build it once per rule.
const ruleSteps = new WeakMap<EntitlementParams, ExplanationStep>();

function ruleStep(grant: EntitlementParams): ExplanationStep {
  let step = ruleSteps.get(grant);
  // Stryker disable next-line ConditionalExpression: a cache; building the step every time gives an equal step.
  if (!step) {
    const { offering, tier, service } = grant;
    step = Object.freeze({
      check: `rule ${offering}.${tier}.${service}`,
      passed: grant.included,
      detail: `offering = ${offering}, tier = ${tier}, service = ${service}: ${grant.text || '(空 / blank)'}`,
    });
    ruleSteps.set(grant, step);
  }
  return step;
}

function finish(decision: Decision, codes: ReasonCode[]): Decision {
  // A decision is a fresh object; filling it in place saves copying it once more per request.
  // Stryker disable next-line ConditionalExpression,MethodExpression: the empty case is a shortcut, and no path names a code twice, so the de-duplication drops nothing.
  decision.reasons = codes.length === 0 ? [] : codes.filter((c, i) => codes.indexOf(c) === i).map(reason);
  decision.entitled = decision.reasons.length === 0;
  return decision;
}
