// What every report looks up besides its rows: the policy in force on a day, service names, and the
// calendars stored deadlines were computed on. Memoised per run, since a run asks the same thing thousands of times.
import type { Calendar } from '../calendar/calendar-types.ts';
import { standardCalendar, STANDARD_CALENDAR_NAME } from '../calendar/china-holidays.ts';
import type { EntitlementService } from '../entitlement/entitlement-service.ts';
import type { PolicyCache } from '../entitlement/policy-cache.ts';
import { SPECIAL_SERVICES, TIER_SERVICES, TIERS, type Offering } from '../catalog/catalog-codes.ts';
import type { CompiledPolicy } from '../policy/compiled-policy.ts';
import { parseInstant } from '../calendar/instants.ts';

const CATALOG_NAMES = new Map<string, string>([...TIER_SERVICES, ...SPECIAL_SERVICES].map((s) => [s.code, s.names[0]!]));

export interface ReportLookups {
  /** The policy in force at the end of a Shanghai date (or, when none was yet, the one in force now). */
  policyOn(date: string): Promise<CompiledPolicy | null>;
  /** The name a policy gives a service (the workbook's 服务项目), else the catalog's, else the code. */
  serviceName(policy: CompiledPolicy | null, offering: Offering, service: string): string;
  /** The calendar a recorded deadline was computed on; null when that version no longer has it. */
  calendar(version: number, name: string | null): Promise<Calendar | null>;
  /**
   * The calendar whose working time the at-risk alerts keep (none are sent outside it) and the experts' review
   * deadlines count on: 标准工作日 of the policy in force at `at`, or the shipped one when no policy is.
   */
  workingCalendar(at: Date): Promise<Calendar>;
}

export function createReportLookups(cache: PolicyCache, entitlements: EntitlementService): ReportLookups {
  const policies = new Map<string, Promise<CompiledPolicy | null>>();
  const calendars = new Map<string, Promise<Calendar | null>>();
  const names = new Map<string, string>();
  return {
    policyOn(date) {
      let found = policies.get(date);
      if (!found) {
        // A policy first activated after the day (a new installation) still names the services and grants.
        found = cache.at(new Date(parseInstant(`${date}T23:59:59+08:00`).getTime())).then((policy) => policy ?? cache.at(new Date()));
        policies.set(date, found);
      }
      return found;
    },
    serviceName(policy, offering, service) {
      const key = `${policy?.version ?? 0}|${offering}|${service}`;
      let name: string | undefined = names.get(key);
      if (name === undefined) {
        const special = policy?.special(offering, service);
        const label = policy ? (TIERS.map((t) => policy.entitlement(offering, t, service)?.label).find(Boolean) ?? (special?.listings.find((l) => l.offering === offering) ?? special?.listings[0])?.label) : undefined;
        name = label ?? CATALOG_NAMES.get(service) ?? service;
        names.set(key, name);
      }
      return name;
    },
    async workingCalendar(at) {
      return (await cache.at(at))?.calendarNamed(STANDARD_CALENDAR_NAME) ?? standardCalendar();
    },
    calendar(version, name) {
      if (name === null) return Promise.resolve(null);
      const key = `${version}|${name}`;
      let found = calendars.get(key);
      if (!found) {
        found = entitlements.calendar(version, name);
        calendars.set(key, found);
      }
      return found;
    },
  };
}
