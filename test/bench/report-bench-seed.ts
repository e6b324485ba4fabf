// bench:reports' seed: contracts, contacts, requests and quota use in bulk, with realistic deadlines and answers.
import { performance } from 'node:perf_hooks';
import { STANDARD_CALENDAR_NAME, type standardCalendar } from '../../src/calendar/china-holidays.ts';
import { addBusinessTime } from '../../src/calendar/business-time.ts';
import { isMysql, type Database } from '../../src/db/database.ts';
import { migrateLatest } from '../../src/db/migrations.ts';
import { contractFacts, createEntitlementService } from '../../src/entitlement/entitlement-service.ts';
import { createPolicyCache } from '../../src/entitlement/policy-cache.ts';
import type { Offering, Tier } from '../../src/catalog/catalog-codes.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';
import { sampleWorkbook } from '../support/fixtures.ts';
import { random } from './bench-support.ts';

export const REQUESTS_PER_CONTRACT = 20;
export const YEAR_START = '2025-11-28';
const YEAR_START_MS = Date.parse(`${YEAR_START}T00:00:00+08:00`);
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SEEDED_AT = '2025-11-20T02:00:00.000Z';

// ---------------------------------------------------------------------------------------------------
// Seeding: multi-row inserts of 1,000 rows (500 on SQLite, where knex writes them as a compound SELECT and
// SQLite stops at 500 terms), 20 statements per transaction.

const CHUNKS_PER_TRANSACTION = 20;

async function bulkInsert(db: Database, table: string, total: number, row: (i: number) => Record<string, unknown>): Promise<void> {
  const chunk = isMysql(db) ? 1000 : 500;
  for (let start = 0; start < total; start += chunk * CHUNKS_PER_TRANSACTION) {
    await db.transaction(async (trx) => {
      const end = Math.min(total, start + chunk * CHUNKS_PER_TRANSACTION);
      for (let from = start; from < end; from += chunk) {
        const rows: Record<string, unknown>[] = [];
        for (let i = from; i < Math.min(end, from + chunk); i++) rows.push(row(i));
        await trx(table).insert(rows);
      }
    });
  }
}

const pad = (n: number) => String(n).padStart(5, '0');
const iso = (ms: number) => new Date(ms).toISOString();

/** What intake records for a service on a contract of this offering and tier: window, calendar, proof. */
interface Profile {
  windowAmount: number | null;
  windowUnit: string | null;
  windowMs: number | null;
  calendarName: string | null;
  calendar: ReturnType<typeof standardCalendar> | null;
  proofJson: string | null;
}

const WINDOWED = ['emergency_fault', 'issue_feedback'] as const;
/** Services without a response window: their requests are stored without a deadline, as intake does. */
const OTHERS = ['online_im', 'phone_support', 'code_diagnosis'] as const;
const SUMMARIES = ['凭证过账时提示“科目余额不平衡”,无法继续', '月末结账后报表取数异常,资产负债表不平', '采购订单审核按钮灰显,权限已检查', '云星空登录缓慢,首页加载超过30秒', '二次开发插件在审核时报空引用异常', '库存单据同步到总账时丢失辅助核算'];

export interface SeedCounts {
  customers: number;
  contacts: number;
  contracts: number;
  contractServices: number;
  requests: number;
  late: number;
  unanswered: number;
  withoutWindow: number;
  quotaUses: number;
  seconds: number;
}

export async function seed(db: Database, contracts: number): Promise<SeedCounts> {
  const started = performance.now();
  await migrateLatest(db);
  // The sample policy, imported and activated long before the contract year, as test/support/contract-setup.ts does.
  const policies = createPolicyService(createPolicyRepository(db), () => new Date('2025-01-01T00:00:00Z'));
  const imported = await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'bench', activate: true });
  if (imported.status !== 'created') throw new Error(`the sample policy did not import: ${JSON.stringify(imported).slice(0, 2000)}`);
  const policyId = imported.version.id;
  const policyVersion = imported.version.version;
  const cache = createPolicyCache(policies, { refreshMs: 0 });
  const entitlements = createEntitlementService(cache);
  const policy = await cache.at(new Date('2026-03-03T02:00:00Z'));
  if (!policy) throw new Error('no policy in force during the contract year');

  // What intake would store per offering × tier × service, asked of the entitlement service itself.
  const profiles = new Map<string, Profile>();
  for (const offering of ['cloud', 'on_premise'] as Offering[]) {
    for (const tier of ['preferred', 'premium'] as Tier[]) {
      for (const service of [...WINDOWED, ...OTHERS]) {
        const d = await entitlements.check(contractFacts({ offering, tier, startsOn: YEAR_START, endsOn: '2026-11-27' }), service, new Date('2026-03-03T02:00:00Z'), () => 0, { deadline: true });
        if (!d.entitled) throw new Error(`the sample policy does not entitle ${offering}/${tier} to ${service}`);
        const windowed = d.responseWindow && d.proof;
        profiles.set(`${offering}|${tier}|${service}`, {
          windowAmount: windowed ? d.responseWindow!.amount : null,
          windowUnit: windowed ? d.responseWindow!.unit : null,
          windowMs: windowed ? Math.round(d.proof!.workingHours * HOUR_MS) : null,
          calendarName: windowed ? (d.calendar ?? STANDARD_CALENDAR_NAME) : null,
          calendar: windowed ? policy.calendarFor(offering, tier, service) : null,
          proofJson: windowed ? JSON.stringify(d.proof) : null,
        });
      }
    }
  }

  const next = random(20261127);
  const offerings: Offering[] = [];
  const tiers: Tier[] = [];
  for (let i = 0; i < contracts; i++) {
    offerings.push(next() < 0.55 ? 'cloud' : 'on_premise');
    tiers.push(next() < 0.6 ? 'preferred' : 'premium');
  }

  await bulkInsert(db, 'customers', contracts, (i) => ({ id: i + 1, name: `基准客户${pad(i + 1)}有限公司`, created_at: SEEDED_AT, updated_at: SEEDED_AT }));
  await bulkInsert(db, 'customer_contacts', 2 * contracts, (k) => {
    const n = (k >> 1) + 1;
    return k % 2 === 0
      ? { customer_id: n, name: `联系人${pad(n)}`, email: `it.contact${pad(n)}@customer${pad(n)}.example.com`, role: 'contact' }
      : { customer_id: n, name: `客户成功经理${(n % 40) + 1}`, email: `csm${(n % 40) + 1}@kingdee.example.com`, role: 'csm' };
  });
  await bulkInsert(db, 'contracts', contracts, (i) => ({
    id: i + 1,
    customer_id: i + 1,
    offering: offerings[i],
    tier: tiers[i],
    starts_on: YEAR_START,
    // Half end with this contract year, half run another year: both have a year ending on 2026-11-27.
    ends_on: i % 2 === 0 ? '2026-11-27' : '2027-11-27',
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  }));
  // Some on-premise contracts bought performance tuning or on-site support (facts the advice rules read).
  const services: { contract_id: number; service: string; person_days: number }[] = [];
  for (let i = 0; i < contracts; i++) {
    const r = next();
    if (offerings[i] === 'on_premise' && r < 0.15) services.push({ contract_id: i + 1, service: 'performance_tuning', person_days: 2 });
    else if (r > 0.9) services.push({ contract_id: i + 1, service: 'onsite_support', person_days: 3 });
  }
  await bulkInsert(db, 'contract_services', services.length, (i) => services[i]!);

  // Requests in the order they arrive, across all contracts (ids by opened_at, as in production), 09:00–18:00
  // Shanghai on every day of the contract year.
  const total = contracts * REQUESTS_PER_CONTRACT;
  const contractOf = new Int32Array(total);
  const openedMs = new Float64Array(total);
  for (let k = 0; k < total; k++) {
    contractOf[k] = Math.floor(k / REQUESTS_PER_CONTRACT);
    openedMs[k] = YEAR_START_MS + Math.floor(next() * 365) * DAY_MS + 9 * HOUR_MS + Math.floor(next() * 9 * 60) * 60_000 + Math.floor(next() * 60) * 1000;
  }
  const order = Uint32Array.from({ length: total }, (_, k) => k).sort((a, b) => openedMs[a]! - openedMs[b]!);
  let late = 0;
  let unanswered = 0;
  let withoutWindow = 0;
  await bulkInsert(db, 'service_requests', total, (n) => {
    const k = order[n]!;
    const c = contractOf[k]!;
    const opened = openedMs[k]!;
    const pick = next();
    const service = pick < 0.15 ? 'emergency_fault' : pick < 0.85 ? 'issue_feedback' : OTHERS[Math.floor(next() * OTHERS.length)]!;
    const p = profiles.get(`${offerings[c]}|${tiers[c]}|${service}`)!;
    let respondBy: string | null = null;
    let atRiskFrom: string | null = null;
    let respondedAt: string | null;
    if (p.calendar && p.windowMs !== null) {
      const deadline = addBusinessTime(p.calendar, opened, p.windowMs).at;
      respondBy = iso(deadline);
      atRiskFrom = iso(addBusinessTime(p.calendar, opened, 0.75 * p.windowMs).at);
      const fate = next();
      if (fate < 0.02) {
        respondedAt = null;
        unanswered++;
      } else if (fate < 0.07) {
        respondedAt = iso(deadline + Math.floor((1 + next() * 47) * HOUR_MS));
        late++;
      } else {
        respondedAt = iso(opened + Math.floor(next() * 0.95 * (deadline - opened)));
      }
    } else {
      withoutWindow++;
      respondedAt = next() < 0.02 ? null : iso(opened + Math.floor((0.5 + next() * 24) * HOUR_MS));
    }
    const openedAt = iso(opened);
    return {
      contract_id: c + 1,
      service,
      summary: `${SUMMARIES[k % SUMMARIES.length]}(工单 ${pad(c + 1)}-${(k % REQUESTS_PER_CONTRACT) + 1})`,
      opened_at: openedAt,
      policy_id: policyId,
      policy_version: policyVersion,
      window_amount: p.windowAmount,
      window_unit: p.windowUnit,
      window_ms: p.windowMs,
      calendar: p.calendarName,
      respond_by: respondBy,
      at_risk_from: atRiskFrom,
      proof_json: p.proofJson,
      responded_at: respondedAt,
      responded_by: respondedAt === null ? null : 'desk',
      created_by: 'desk',
      created_at: openedAt,
      idempotency_key: null,
    };
  });

  // 开发技术支持 (code_diagnosis) used 1–3 times this contract year by 40% of the contracts.
  const uses: { contract: number; at: number }[] = [];
  for (let i = 0; i < contracts; i++) {
    if (next() >= 0.4) continue;
    const times = 1 + Math.floor(next() * 3);
    for (let t = 0; t < times; t++) uses.push({ contract: i + 1, at: YEAR_START_MS + Math.floor(next() * 360) * DAY_MS + 3 * HOUR_MS });
  }
  await bulkInsert(db, 'quota_usage', uses.length, (i) => ({
    contract_id: uses[i]!.contract,
    service: 'code_diagnosis',
    period_start: YEAR_START,
    used_at: iso(uses[i]!.at),
    person_days: 2,
    note: '代码诊断(非现场)',
    override_reason: null,
    actor: 'bench',
    idempotency_key: null,
    created_at: iso(uses[i]!.at),
  }));

  return {
    customers: contracts,
    contacts: 2 * contracts,
    contracts,
    contractServices: services.length,
    requests: total,
    late,
    unanswered,
    withoutWindow,
    quotaUses: uses.length,
    seconds: (performance.now() - started) / 1000,
  };
}

