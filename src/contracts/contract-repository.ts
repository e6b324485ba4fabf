// The knex implementation of ContractStore, the same on SQLite and MySQL.
import type { Knex } from 'knex';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import { findStoredContractIds, importContractRows } from './contract-bulk-repository.ts';
import { contractCounts, contractPageIds, countContracts, countCustomers, customerPageRows } from './contract-list-repository.ts';
import { insertAuditEntry } from '../audit/audit-log.ts';
import { holdDecidedVersion } from '../policy/decided-version-repository.ts';
import type {
  Contact,
  ContactRole,
  Contract,
  ContractInput,
  ContractStore,
  ContractSummary,
  Customer,
  LedgerState,
  StoredContact,
  UsageRecord,
} from './contract-store.ts';

interface CustomerRow {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

/** A contracts row joined with its customer's name; the report repository reads the same shape. */
export interface ContractRow {
  id: number;
  customer_id: number;
  customer_name: string;
  offering: string;
  tier: string;
  starts_on: string;
  ends_on: string;
  created_at: string;
  updated_at: string;
}

interface UsageRow {
  id: number;
  contract_id: number;
  service: string;
  period_start: string;
  used_at: string;
  person_days: string | number;
  onsite: number | boolean;
  note: string | null;
  override_reason: string | null;
  actor: string;
  idempotency_key: string | null;
  policy_version: number | null;
}

const toUsage = (r: UsageRow): UsageRecord => ({
  id: Number(r.id),
  contractId: Number(r.contract_id),
  service: r.service,
  periodStart: r.period_start,
  usedAt: r.used_at,
  personDays: Number(r.person_days),
  onsite: Boolean(r.onsite),
  note: r.note,
  overrideReason: r.override_reason,
  actor: r.actor,
  policyVersion: r.policy_version === null ? null : Number(r.policy_version),
});

/** Sums come back as text (MySQL's DECIMAL) or a float (SQLite); the ledger is kept in tenths. */
const tenths = (value: unknown) => Math.round(Number(value ?? 0) * 10) / 10;

const toSummary = (r: Omit<ContractRow, 'created_at' | 'updated_at'>): ContractSummary => ({
  id: Number(r.id),
  customerId: Number(r.customer_id),
  customerName: r.customer_name,
  offering: r.offering as Offering,
  tier: r.tier as Tier,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
});

type Q = Knex | Knex.Transaction;

export function createContractRepository(db: Knex): ContractStore {
  const mysql = db.client.config.client === 'mysql2';

  async function customers(q: Q, rows: CustomerRow[]): Promise<Customer[]> {
    if (rows.length === 0) return [];
    const contacts = (await q('customer_contacts')
      .whereIn(
        'customer_id',
        rows.map((r) => r.id),
      )
      .orderBy('id')) as { customer_id: number; name: string; email: string | null; role: ContactRole }[];
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      contacts: contacts.filter((c) => Number(c.customer_id) === Number(r.id)).map((c) => ({ name: c.name, email: c.email, role: c.role })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async function contracts(q: Q, rows: ContractRow[]): Promise<Contract[]> {
    if (rows.length === 0) return [];
    const services = (await q('contract_services')
      .whereIn(
        'contract_id',
        rows.map((r) => r.id),
      )
      .orderBy('service')) as { contract_id: number; service: string; person_days: string | number }[];
    return rows.map((r) => ({
      ...toSummary(r),
      services: services.filter((s) => Number(s.contract_id) === Number(r.id)).map((s) => ({ service: s.service, personDays: Number(s.person_days) })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  /** Uses and person-days in a contract year (periodStart), or over the whole contract (null). */
  async function tally(q: Q, contractId: number, service: string, periodStart: string | null) {
    const query = q('quota_usage').where({ contract_id: contractId, service });
    if (periodStart !== null) query.where({ period_start: periodStart });
    const row = (await query.count({ n: '*' }).sum({ days: 'person_days' }).first()) as { n: number | string; days: number | string | null } | undefined;
    return { uses: Number(row?.n ?? 0), personDays: tenths(row?.days) };
  }

  const contractQuery = (q: Q) =>
    q('contracts as c')
      .join('customers as u', 'u.id', 'c.customer_id')
      .select('c.id', 'c.customer_id', 'u.name as customer_name', 'c.offering', 'c.tier', 'c.starts_on', 'c.ends_on', 'c.created_at', 'c.updated_at');

  async function getContract(q: Q, id: number): Promise<Contract | null> {
    const row = (await contractQuery(q).where('c.id', id).first()) as ContractRow | undefined;
    return row ? ((await contracts(q, [row]))[0] ?? null) : null;
  }

  async function getCustomer(q: Q, id: number): Promise<Customer | null> {
    const row = (await q('customers').where({ id }).first()) as CustomerRow | undefined;
    return row ? ((await customers(q, [row]))[0] ?? null) : null;
  }

  async function writeContacts(q: Q, customerId: number, list: Contact[]): Promise<void> {
    await q('customer_contacts').where({ customer_id: customerId }).del();
    if (list.length > 0) await q('customer_contacts').insert(list.map((c) => ({ customer_id: customerId, name: c.name, email: c.email, role: c.role })));
  }

  async function writeServices(q: Q, contractId: number, input: ContractInput): Promise<void> {
    await q('contract_services').where({ contract_id: contractId }).del();
    if (input.services.length > 0) {
      await q('contract_services').insert(input.services.map((s) => ({ contract_id: contractId, service: s.service, person_days: s.personDays })));
    }
  }

  async function insertContract(q: Q, input: ContractInput, at: string): Promise<number> {
    const [id] = await q('contracts').insert({
      customer_id: input.customerId,
      offering: input.offering,
      tier: input.tier,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      created_at: at,
      updated_at: at,
    });
    await writeServices(q, Number(id), input);
    return Number(id);
  }

  return {
    async createCustomer(name, contacts, at, audit) {
      return db.transaction(async (trx) => {
        const [id] = await trx('customers').insert({ name, created_at: at, updated_at: at });
        await writeContacts(trx, Number(id), contacts);
        const created = (await getCustomer(trx, Number(id)))!;
        const entry = audit(null, created);
        if (entry) await insertAuditEntry(trx, entry, at);
        return created;
      });
    },

    async updateCustomer(id, change, at, audit) {
      return db.transaction(async (trx) => {
        // The row lock makes "before" the state this change replaces, also when two saves race (SQLite runs one
        // transaction at a time anyway).
        const lock = trx('customers').where({ id });
        if (!(await (mysql ? lock.forUpdate() : lock).first())) return null;
        const before = (await getCustomer(trx, id))!;
        await trx('customers').where({ id }).update({ ...(change.name ? { name: change.name } : {}), updated_at: at });
        if (change.contacts) await writeContacts(trx, id, change.contacts);
        const after = (await getCustomer(trx, id))!;
        const entry = audit(before, after);
        if (entry) await insertAuditEntry(trx, entry, at);
        return after;
      });
    },

    async customersAfter(afterId, limit) {
      const rows = (await db('customers').where('id', '>', afterId).orderBy('id').limit(limit).select('id', 'name')) as { id: number; name: string }[];
      if (rows.length === 0) return [];
      const contacts = (await db('customer_contacts')
        .whereIn(
          'customer_id',
          rows.map((r) => r.id),
        )
        .orderBy('id')) as { id: number; customer_id: number; name: string; email: string | null; role: ContactRole }[];
      const byCustomer = new Map<number, StoredContact[]>();
      for (const c of contacts) {
        const list = byCustomer.get(Number(c.customer_id)) ?? [];
        list.push({ id: Number(c.id), name: c.name, email: c.email, role: c.role });
        byCustomer.set(Number(c.customer_id), list);
      }
      return rows.map((r) => ({ id: Number(r.id), name: r.name, contacts: byCustomer.get(Number(r.id)) ?? [] }));
    },

    getCustomer: (id) => getCustomer(db, id),

    async findCustomerByName(name) {
      const row = (await db('customers').where({ name }).first()) as CustomerRow | undefined;
      return row ? ((await customers(db, [row]))[0] ?? null) : null;
    },

    async listCustomers(query) {
      const list = await customers(db, (await customerPageRows(db, query)) as CustomerRow[]);
      const counts = await contractCounts(
        db,
        list.map((c) => c.id),
      );
      return list.map((c) => ({ ...c, contracts: counts.get(c.id) ?? 0 }));
    },

    countCustomers: (search) => countCustomers(db, search),

    async createContract(input, at, audit) {
      return db.transaction(async (trx) => {
        const created = (await getContract(trx, await insertContract(trx, input, at)))!;
        const entry = audit?.(null, created);
        if (entry) await insertAuditEntry(trx, entry, at);
        return created;
      });
    },

    async updateContract(id, input, at, audit) {
      return db.transaction(async (trx) => {
        const before = audit ? await getContract(trx, id) : null;
        const updated = await trx('contracts').where({ id }).update({
          customer_id: input.customerId,
          offering: input.offering,
          tier: input.tier,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          updated_at: at,
        });
        if (!updated) return null;
        await writeServices(trx, id, input);
        const after = (await getContract(trx, id))!;
        const entry = audit?.(before, after);
        if (entry) await insertAuditEntry(trx, entry, at);
        return after;
      });
    },

    getContract: (id) => getContract(db, id),

    async contractsInScope({ tiers, services, everyContract }, today, limit) {
      const count = async (q: Knex.QueryBuilder) => Number(((await q) as { n: number | string }[])[0]?.n ?? 0);
      // (offering = ? and tier = ?) or …: a range on contracts_offering_tier_ends_on_index per pair.
      const inPairs = (w: Knex.QueryBuilder) => {
        for (const p of tiers) w.orWhere((x) => x.where('c.offering', p.offering).andWhere('c.tier', p.tier));
      };
      const inForce = await count(db('contracts as c').where('c.ends_on', '>=', today).count({ n: '*' }));
      if (!everyContract && tiers.length === 0 && services.length === 0) return { matching: 0, inForce, first: [] };
      let matching = inForce;
      if (!everyContract) {
        matching = tiers.length ? await count(db('contracts as c').where('c.ends_on', '>=', today).where(inPairs).count({ n: '*' })) : 0;
        if (services.length) {
          // The holders of the services (contract_services_service_contract_id_index), outside the pairs already counted.
          const holders = db('contract_services as s').join('contracts as c', 'c.id', 's.contract_id').whereIn('s.service', services).where('c.ends_on', '>=', today);
          if (tiers.length) holders.whereNot(inPairs);
          matching += await count(holders.countDistinct({ n: 's.contract_id' }));
        }
      }
      // The newest first: a walk down the primary key that stops at `limit` matches, and only then the customers'
      // names. Joined in the same statement, SQLite read every customer's contracts and sorted them (44 ms at 100k).
      const newest = db('contracts as c').where('c.ends_on', '>=', today).orderBy('c.id', 'desc').limit(limit);
      if (!everyContract) {
        newest.where((w) => {
          if (tiers.length) w.orWhere(inPairs);
          if (services.length) w.orWhereExists(db('contract_services as s').where('s.contract_id', db.ref('c.id')).whereIn('s.service', services).select(db.raw('1')));
        });
      }
      const rows = (await db
        .from(newest.select('c.id', 'c.customer_id', 'c.offering', 'c.tier', 'c.starts_on', 'c.ends_on').as('n'))
        .join('customers as u', 'u.id', 'n.customer_id')
        .orderBy('n.id', 'desc')
        .select('n.id', 'n.customer_id', 'u.name as customer_name', 'n.offering', 'n.tier', 'n.starts_on', 'n.ends_on')) as Omit<ContractRow, 'created_at' | 'updated_at'>[];
      return { matching, inForce, first: rows.map(toSummary) };
    },

    async listContracts(query) {
      // The page's ids first (contract-list-repository.ts), then its rows, in the page's order.
      const page = await contractPageIds(db, query);
      if (page.length === 0) return [];
      const rows = (await contractQuery(db).whereIn('c.id', page)) as ContractRow[];
      const at = new Map(page.map((id, i) => [id, i]));
      return contracts(db, rows.sort((a, b) => at.get(Number(a.id))! - at.get(Number(b.id))!));
    },

    countContracts: (filter) => countContracts(db, filter),

    findContractIds: (keys) => findStoredContractIds(db, keys),

    usageTally: (contractId, service, periodStart) => tally(db, contractId, service, periodStart),

    async findUsageByKey(key) {
      const row = (await db('quota_usage').where({ idempotency_key: key }).first()) as UsageRow | undefined;
      return row ? toUsage(row) : null;
    },

    async recordUsage(usage, over, allow, audit) {
      return db.transaction(async (trx) => {
        // First: the version the use was decided under must still be in force at its instant (moving in may have
        // changed that); its row is held in share mode until the use is stored.
        await holdDecidedVersion(trx, { version: usage.policyVersion, at: usage.usedAt });
        // The contract row is the lock: parallel uses of one contract queue here. SQLite's single
        // connection already runs one transaction at a time.
        const lock = trx('contracts').where({ id: usage.contractId });
        await (mysql ? lock.forUpdate() : lock).first();
        const used = await tally(trx, usage.contractId, usage.service, over === 'year' ? usage.periodStart : null);
        const bought = (await trx('contract_services').where({ contract_id: usage.contractId, service: usage.service }).first('person_days')) as { person_days: string | number } | undefined;
        const before: LedgerState = { ...used, purchasedPersonDays: tenths(bought?.person_days) };
        if (!allow(before)) return { refused: true as const, before };
        const [id] = await trx('quota_usage').insert({
          contract_id: usage.contractId,
          service: usage.service,
          period_start: usage.periodStart,
          used_at: usage.usedAt,
          person_days: usage.personDays,
          onsite: usage.onsite,
          note: usage.note,
          override_reason: usage.overrideReason,
          actor: usage.actor,
          idempotency_key: usage.idempotencyKey,
          policy_version: usage.policyVersion,
          created_at: new Date().toISOString(),
        });
        const recorded = toUsage((await trx('quota_usage').where({ id: Number(id) }).first()) as UsageRow);
        const entry = audit?.(recorded, before);
        // When it was recorded, as created_at above: a use may be entered for an earlier day.
        if (entry) await insertAuditEntry(trx, entry, new Date().toISOString());
        return { usage: recorded, before };
      });
    },

    async premiumWithoutCsm(contractIds) {
      const found = new Set<number>();
      for (let i = 0; i < contractIds.length; i += 500) {
        const rows = (await db('contracts as c')
          .whereIn('c.id', contractIds.slice(i, i + 500))
          .where('c.tier', 'premium')
          .whereNotExists(db('customer_contacts as k').whereRaw('k.customer_id = c.customer_id').where('k.role', 'csm').select(db.raw('1')))
          .select('c.id')) as { id: number }[];
        for (const r of rows) found.add(Number(r.id));
      }
      return found;
    },

    importContracts: (rows, at, audit) => importContractRows(db, rows, at, audit),
  };
}
