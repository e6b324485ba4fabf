// The entitlement check as the support desk, the API and the CLI ask it.
import { DomainError } from '../shared/domain-error.ts';
import { OFFERINGS, TIERS, isOffering, isTier, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import type { CompiledPolicy } from '../policy/compiled-policy.ts';
import { blankDecision, decide, type ContractFacts, type Decision, type UsageTally } from './decision.ts';
import { deadlineFor } from './deadline.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import type { PolicyCache } from './policy-cache.ts';
import { reason } from './reasons.ts';

export class EntitlementError extends DomainError<'UNKNOWN_SERVICE' | 'INVALID_CONTRACT'> {}

export interface InlineContract {
  offering: string;
  tier: string;
  startsOn?: string | null;
  endsOn?: string | null;
}

export function contractFacts(inline: InlineContract): ContractFacts {
  const problems: { field: string; message: string }[] = [];
  if (!isOffering(inline.offering)) problems.push({ field: 'offering', message: `one of ${OFFERINGS.join(', ')}` });
  if (!isTier(inline.tier)) problems.push({ field: 'tier', message: `one of ${TIERS.join(', ')}` });
  for (const field of ['startsOn', 'endsOn'] as const) {
    const value = inline[field];
    if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) problems.push({ field, message: 'a date YYYY-MM-DD' });
  }
  if (inline.startsOn && inline.endsOn && inline.endsOn < inline.startsOn) problems.push({ field: 'endsOn', message: 'not before startsOn' });
  if (problems.length > 0) {
    throw new EntitlementError('INVALID_CONTRACT', `合同信息无效:${problems.map((p) => p.field).join('、')}`, `Invalid contract: ${problems.map((p) => `${p.field} must be ${p.message}`).join('; ')}`, problems);
  }
  return { offering: inline.offering as Offering, tier: inline.tier as Tier, startsOn: inline.startsOn ?? null, endsOn: inline.endsOn ?? null, purchased: [] };
}

export interface CheckOptions {
  deadline?: boolean;
}

/**
 * The decision with, under `deadline`, by when to respond and resolve: what the desk is told, and what a workbook's
 * test cases are checked against (workbook-cases.ts), so that the two never decide differently.
 */
export function decideAt(policy: CompiledPolicy, contract: ContractFacts, service: string, at: Date, usedInPeriod?: (from: string, to: string) => number | UsageTally, options: CheckOptions = {}): Decision {
  const decision = decide(policy, contract, service, at, usedInPeriod);
  if (options.deadline && decision.entitled) {
    const calendar = policy.calendarFor(contract.offering, contract.tier, service);
    if (decision.responseWindow) Object.assign(decision, deadlineFor(calendar, decision.responseWindow, at));
    // The resolution target, when the workbook sets one: counted on the same calendar, from the same arrival.
    const resolution = policy.resolutionFor(contract.offering, contract.tier, service);
    if (resolution) {
      decision.resolution = { window: resolution.window, resolveBy: deadlineFor(calendar, resolution.window, at).respondBy, source: resolution.source };
      decision.calendar = calendar.name;
    }
  }
  return decision;
}

export function createEntitlementService(cache: PolicyCache) {
  function noPolicy(contract: ContractFacts, service: string, at: Date): Decision {
    const decision = blankDecision({ id: 0, version: 0 }, contract, service, at, [{ check: 'policy.active', passed: false, detail: at.toISOString() }]);
    decision.reasons = [reason('NO_ACTIVE_POLICY')];
    return decision;
  }

  function assertKnown(policy: CompiledPolicy, service: string): void {
    if (policy.isKnown(service)) return;
    const known = policy.knownServices();
    throw new EntitlementError('UNKNOWN_SERVICE', `未知的服务代码 ${service}`, `Unknown service code ${service}`, { field: 'service', known });
  }

  return {
    /**
     * With `deadline`, an entitled decision with a response window also says by when to respond, counted on
     * the calendar the policy assigns, from `at` as the moment the request arrived.
     */
    async check(contract: ContractFacts, service: string, at: Date, usedInPeriod?: (from: string, to: string) => number | UsageTally, options: CheckOptions = {}): Promise<Decision> {
      const policy = await cache.at(at);
      if (!policy) return noPolicy(contract, service, at);
      assertKnown(policy, service);
      return decideAt(policy, contract, service, at, usedInPeriod, options);
    },

    /** Read the activations again on the next check: a record found that the version in force had changed. */
    refreshPolicy(): void {
      cache.invalidate();
    },

    /** A calendar as a given policy version defines it: what a recorded deadline keeps being measured on. */
    async calendar(version: number, name: string): Promise<Calendar | null> {
      const policy = await cache.version(version);
      return policy?.calendarNamed(name) ?? null;
    },

    /** Whether a special service may go on a contract of this offering: sales may not sell what support cannot deliver. */
    async sellable(offering: Offering, service: string, at: Date): Promise<'ok' | 'ON_PREMISE_ONLY' | 'NOT_A_SPECIAL_SERVICE' | 'NO_ACTIVE_POLICY'> {
      const policy = await cache.at(at);
      if (!policy) return 'NO_ACTIVE_POLICY';
      if (!policy.isSpecial(service)) return 'NOT_A_SPECIAL_SERVICE';
      if (policy.special(offering, service)) return 'ok';
      return offering === 'cloud' && policy.special('on_premise', service) ? 'ON_PREMISE_ONLY' : 'NOT_A_SPECIAL_SERVICE';
    },

    /** Every service of the contract's offering, tier services first: "what does this customer have". */
    async all(contract: ContractFacts, at: Date): Promise<Decision[]> {
      const policy = await cache.at(at);
      if (!policy) return [];
      const services = [...policy.tierServices(contract.offering), ...policy.specialServices()];
      return services.map((s) => decide(policy, contract, s, at));
    },
  };
}

export type EntitlementService = ReturnType<typeof createEntitlementService>;
