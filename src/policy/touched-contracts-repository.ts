// One page of the contracts in force that a policy change touches, for the impact list: the same scope and indexes as
// the count (contractsInScope in contract-repository.ts), newest first, walking the primary key down and stopping
// at the page's end; then, for that page only, the customers' names and which of the changed special services each
// holds. Never a walk over every contract: the pairs come from the diff, once, and each is a range on
// contracts_offering_tier_ends_on_index.
import type { Knex } from 'knex';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';

export interface TouchedScope {
  tiers: { offering: Offering; tier: Tier }[];
  services: string[];
  everyContract: boolean;
}

export interface TouchedContract {
  id: number;
  customerId: number;
  customerName: string;
  offering: Offering;
  tier: Tier;
  startsOn: string;
  endsOn: string;
  /** Of the scope's special services, those this contract holds. */
  heldServices: string[];
}

interface Row {
  id: number;
  customer_id: number;
  customer_name: string;
  offering: string;
  tier: string;
  starts_on: string;
  ends_on: string;
}

export async function touchedContractsPage(db: Knex, scope: TouchedScope, today: string, offset: number, limit: number): Promise<TouchedContract[]> {
  const { tiers, services, everyContract } = scope;
  if (!everyContract && tiers.length === 0 && services.length === 0) return [];
  const inPairs = (w: Knex.QueryBuilder) => {
    for (const p of tiers) w.orWhere((x) => x.where('c.offering', p.offering).andWhere('c.tier', p.tier));
  };
  const page = db('contracts as c').where('c.ends_on', '>=', today).orderBy('c.id', 'desc').offset(offset).limit(limit);
  if (!everyContract) {
    page.where((w) => {
      if (tiers.length) w.orWhere(inPairs);
      if (services.length) w.orWhereExists(db('contract_services as s').where('s.contract_id', db.ref('c.id')).whereIn('s.service', services).select(db.raw('1')));
    });
  }
  const rows = (await db
    .from(page.select('c.id', 'c.customer_id', 'c.offering', 'c.tier', 'c.starts_on', 'c.ends_on').as('n'))
    .join('customers as u', 'u.id', 'n.customer_id')
    .orderBy('n.id', 'desc')
    .select('n.id', 'n.customer_id', 'u.name as customer_name', 'n.offering', 'n.tier', 'n.starts_on', 'n.ends_on')) as Row[];
  const held = new Map<number, string[]>();
  if (services.length && rows.length) {
    const found = (await db('contract_services')
      .whereIn('contract_id', rows.map((r) => Number(r.id)))
      .whereIn('service', services)
      .select('contract_id', 'service')) as { contract_id: number; service: string }[];
    for (const f of found) held.set(Number(f.contract_id), [...(held.get(Number(f.contract_id)) ?? []), f.service].sort());
  }
  return rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    customerName: r.customer_name,
    offering: r.offering as Offering,
    tier: r.tier as Tier,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    heldServices: held.get(Number(r.id)) ?? [],
  }));
}
