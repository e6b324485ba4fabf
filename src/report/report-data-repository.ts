// The reports' read model: the knex implementation of ReportDataStore, the same on SQLite and MySQL. It reads,
// and never writes, six tables that other modules own: contracts, customers, customer_contacts, contract_services
// and quota_usage (src/contracts) and service_requests (src/requests). Reading them here directly is deliberate:
// each report figure is one query that joins what it needs (a request with its contract's offering, tier and
// customer; a page of contracts with their contacts and purchased services in two more queries; quota uses
// counted per contract year in SQL), paged by id, where going through N owning stores would cost a round trip
// per contract and per store on a run over thousands of contracts (bench:reports). The owning modules keep
// every write and every rule about these rows; a change to their columns must be made here too.
import type { Knex } from 'knex';
import type { ContractRow } from '../contracts/contract-repository.ts';
import type { Contact, ContactRole } from '../contracts/contract-store.ts';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { RequestFacts } from './compliance.ts';
import type { ReportContract, ReportDataStore, RequestWithContract } from './report-data-store.ts';

/** The contracts columns a report selects. */
type ReportContractRow = Omit<ContractRow, 'created_at' | 'updated_at'>;

interface RequestRow {
  id: number;
  contract_id: number;
  service: string;
  summary?: string;
  opened_at: string;
  respond_by: string | null;
  responded_at: string | null;
  window_ms: string | number | null;
  calendar: string | null;
  policy_version: number;
  customer_name?: string;
  offering?: string;
  tier?: string;
}

// Without the summary, which no yearly figure needs: the contract's requests are then read from the
// covering index alone (migration 008), not from rows scattered over the table.
const REQUEST_COLUMNS = ['r.id', 'r.contract_id', 'r.service', 'r.opened_at', 'r.respond_by', 'r.responded_at', 'r.window_ms', 'r.calendar', 'r.policy_version'];
/** Bound parameters per statement stay far below SQLite's and MySQL's limits. */
const CHUNK = 500;

const toFacts = (r: RequestRow): RequestFacts => ({
  id: Number(r.id),
  contractId: Number(r.contract_id),
  service: r.service,
  openedAt: r.opened_at,
  respondBy: r.respond_by,
  respondedAt: r.responded_at,
  windowMs: r.window_ms === null ? null : Number(r.window_ms),
  calendar: r.calendar,
  policyVersion: Number(r.policy_version),
});

const toWithContract = (r: RequestRow): RequestWithContract => ({
  ...toFacts(r),
  summary: r.summary ?? '',
  customerName: r.customer_name ?? '',
  offering: r.offering as Offering,
  tier: r.tier as Tier,
});

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export function createReportDataRepository(db: Knex): ReportDataStore {
  const contracts = () =>
    db('contracts as c').join('customers as u', 'u.id', 'c.customer_id').select('c.id', 'c.customer_id', 'u.name as customer_name', 'c.offering', 'c.tier', 'c.starts_on', 'c.ends_on');
  const requests = () =>
    db('service_requests as r')
      .join('contracts as c', 'c.id', 'r.contract_id')
      .join('customers as u', 'u.id', 'c.customer_id')
      .select(...REQUEST_COLUMNS, 'r.summary', 'u.name as customer_name', 'c.offering', 'c.tier');

  /** Contacts and purchased services of a page of contracts: two queries, not two per contract. */
  async function complete(rows: ReportContractRow[]): Promise<ReportContract[]> {
    if (rows.length === 0) return [];
    const customerIds = [...new Set(rows.map((r) => Number(r.customer_id)))];
    const contacts = (await db('customer_contacts').whereIn('customer_id', customerIds).orderBy('id')) as { customer_id: number; name: string; email: string | null; role: ContactRole }[];
    const services = (await db('contract_services').whereIn('contract_id', rows.map((r) => r.id))) as { contract_id: number; service: string; person_days: string | number }[];
    const contactsOf = new Map<number, Contact[]>();
    for (const c of contacts) {
      const list = contactsOf.get(Number(c.customer_id)) ?? [];
      list.push({ name: c.name, email: c.email, role: c.role });
      contactsOf.set(Number(c.customer_id), list);
    }
    return rows.map((r) => ({
      id: Number(r.id),
      customerId: Number(r.customer_id),
      customerName: r.customer_name,
      offering: r.offering as Offering,
      tier: r.tier as Tier,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      contacts: contactsOf.get(Number(r.customer_id)) ?? [],
      services: services.filter((s) => Number(s.contract_id) === Number(r.id)).map((s) => ({ service: s.service, personDays: Number(s.person_days) })),
    }));
  }

  return {
    async contractsForYearEnd({ yearEnd, monthDays, tiers, afterId, limit }) {
      const rows = (await contracts()
        .whereIn('c.tier', tiers)
        .where('c.starts_on', '<=', yearEnd)
        .where('c.ends_on', '>=', yearEnd)
        .where('c.id', '>', afterId)
        .where((q) => q.whereIn(db.raw('substr(c.starts_on, 6, 5)') as unknown as string, monthDays).orWhere('c.ends_on', yearEnd))
        .orderBy('c.id')
        .limit(limit)) as ReportContractRow[];
      return complete(rows);
    },

    async getContract(id) {
      const row = (await contracts().where('c.id', id).first()) as ReportContractRow | undefined;
      return row ? ((await complete([row]))[0] ?? null) : null;
    },

    async requestsOf(contractIds, from, to) {
      const out: RequestFacts[] = [];
      for (const ids of chunks(contractIds)) {
        const rows = (await db('service_requests as r')
          .select(...REQUEST_COLUMNS)
          .whereIn('r.contract_id', ids)
          .where('r.opened_at', '>=', from)
          .where('r.opened_at', '<', to)) as RequestRow[];
        for (const r of rows) out.push(toFacts(r));
      }
      // Sorted here: an ORDER BY id would send MySQL through the primary key instead of the covering index.
      return out.sort((a, b) => a.id - b.id);
    },

    async requestsOpened({ from, to, afterId, limit }) {
      const rows = (await requests().where('r.opened_at', '>=', from).where('r.opened_at', '<', to).where('r.id', '>', afterId).orderBy('r.id').limit(limit)) as RequestRow[];
      return rows.map(toWithContract);
    },

    async atRiskCandidates({ now, afterId, limit }) {
      const rows = (await requests()
        // Answered after `now` was still unanswered then: a report fixed at a past cut-off lists it as it stood.
        .where((q) => q.whereNull('r.responded_at').orWhere('r.responded_at', '>', now))
        .where('r.opened_at', '<=', now)
        .where('r.at_risk_from', '<=', now)
        .where('r.respond_by', '>', now)
        .where('r.id', '>', afterId)
        .orderBy('r.id')
        .limit(limit)) as RequestRow[];
      return rows.map(toWithContract);
    },

    async breachCandidates({ now, since, afterId, limit }) {
      const rows = (await requests()
        .where((q) => q.whereNull('r.responded_at').orWhere('r.responded_at', '>', now))
        .where('r.opened_at', '<=', now)
        .where('r.respond_by', '>', since)
        .where('r.respond_by', '<=', now)
        .where('r.id', '>', afterId)
        .orderBy('r.id')
        .limit(limit)) as RequestRow[];
      return rows.map(toWithContract);
    },

    async getRequest(id) {
      const row = (await requests().where('r.id', id).first()) as RequestRow | undefined;
      return row ? toWithContract(row) : null;
    },

    async usageCounts(service, periods, asOf) {
      const counts = new Map<number, number>();
      const wanted = new Map(periods.map((p) => [p.contractId, p.periodStart]));
      for (const part of chunks(periods)) {
        const rows = (await db('quota_usage')
          .select('contract_id', 'period_start')
          .count({ n: '*' })
          .where('service', service)
          .where('used_at', '<=', asOf)
          .whereIn('contract_id', part.map((p) => p.contractId))
          .whereIn('period_start', [...new Set(part.map((p) => p.periodStart))])
          .groupBy('contract_id', 'period_start')) as { contract_id: number; period_start: string; n: number | string }[];
        for (const r of rows) {
          if (wanted.get(Number(r.contract_id)) === r.period_start) counts.set(Number(r.contract_id), Number(r.n));
        }
      }
      return counts;
    },
  };
}
