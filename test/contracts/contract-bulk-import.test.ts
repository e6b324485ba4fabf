// The import's writes in bulk (chunks of 500 names, contacts and contracts): the same outcome as one row at a
// time — stored customers reused as the database compares names, a contact known by name not added again, ids
// in row order — and all rows or none when one fails late in a big file; meanwhile the event loop keeps turning.
import { performance } from 'node:perf_hooks';
import { beforeEach, expect, it } from 'vitest';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import type { ContractStore } from '../../src/contracts/contract-store.ts';
import type { Offering, Tier } from '../../src/catalog/catalog-codes.ts';
import { describeEachDatabase } from '../support/databases.ts';

type ImportRow = Parameters<ContractStore['importContracts']>[0][number];
const AT = '2026-12-04T02:00:00.000Z';
const TIERS: Tier[] = ['basic', 'preferred', 'premium'];

function row(customerName: string, i: number, contact: ImportRow['contact'] = null): ImportRow {
  return { customerName, contact, contract: { offering: (i % 2 === 0 ? 'cloud' : 'on_premise') as Offering, tier: TIERS[i % 3]!, startsOn: `20${20 + (i % 7)}-01-01`, endsOn: `20${20 + (i % 7)}-12-31`, services: [] } };
}
const contact = (name: string, email: string | null = null) => ({ name, email, role: 'contact' as const });

describeEachDatabase('contract import in bulk', (current) => {
  let store: ContractStore;
  const count = async (table: string) => Number((await current().db(table).count({ n: '*' }).first())?.n);
  const contactsOf = async (customer: string) =>
    (await current().db('customer_contacts as k').join('customers as c', 'c.id', 'k.customer_id').where('c.name', customer).orderBy('k.id').select('k.name', 'k.email')) as { name: string; email: string | null }[];

  beforeEach(async () => {
    for (const t of ['contract_services', 'contracts', 'customer_contacts', 'customers']) await current().db(t).del();
    store = createContractRepository(current().db);
  });

  it('stores every row over several chunks and answers the ids in row order', async () => {
    // 1,300 rows of 650 customers, each twice, far apart: more than one chunk of names, contacts and contracts.
    const rows = Array.from({ length: 1300 }, (_, i) => row(`批量客户${i % 650}`, i, i % 3 === 0 ? contact(`联系人${i % 650}`, `c${i}@example.cn`) : null));
    const ids = await store.importContracts(rows, AT);
    expect(ids).toHaveLength(1300);
    expect(new Set(ids).size).toBe(1300);
    const stored = (await current().db('contracts as c').join('customers as u', 'u.id', 'c.customer_id').whereIn('c.id', ids).select('c.id', 'u.name', 'c.offering', 'c.tier', 'c.starts_on', 'c.ends_on', 'c.created_at')) as Record<string, string | number>[];
    const byId = new Map(stored.map((s) => [Number(s.id), s]));
    rows.forEach((r, i) => {
      expect(byId.get(ids[i]!)).toEqual({ id: ids[i], name: r.customerName, offering: r.contract.offering, tier: r.contract.tier, starts_on: r.contract.startsOn, ends_on: r.contract.endsOn, created_at: AT });
    });
    expect(await count('customers')).toBe(650);
    // Customers come in the order the file first names them, as they did row by row.
    const customers = (await current().db('customers').orderBy('id').select('name')) as { name: string }[];
    expect(customers.slice(0, 3).map((c) => c.name)).toEqual(['批量客户0', '批量客户1', '批量客户2']);
    // A contact named in several rows of its customer is stored once, with the e-mail of the first of them.
    expect(await contactsOf('批量客户0')).toEqual([{ name: '联系人0', email: 'c0@example.cn' }]);
    expect(await count('customer_contacts')).toBe(new Set(rows.filter((r) => r.contact).map((r) => r.customerName)).size);
  });

  it('reuses stored customers and adds only the contacts they do not know by name', async () => {
    const stored = await store.createCustomer('苏州精工', [contact('周杰', 'zhou@example.cn'), { name: '陈静', email: null, role: 'csm' }], AT, () => null);
    const ids = await store.importContracts(
      [
        row('苏州精工', 0, contact('周杰', 'another@example.cn')),
        row('宁波港务', 1, contact('李娜', 'li@example.cn')),
        row('苏州精工', 2, contact('王芳', 'wang@example.cn')),
        row('苏州精工', 3, contact('陈静', 'chen@example.cn')),
        row('宁波港务', 4, contact('李娜', 'li.na@example.cn')),
        row('苏州精工', 5, contact('王芳', null)),
      ],
      AT,
    );
    expect(ids).toHaveLength(6);
    expect(await count('customers')).toBe(2);
    const customerIds = (await current().db('contracts').whereIn('id', ids).orderBy('id').select('customer_id')) as { customer_id: number }[];
    expect(customerIds.filter((c) => Number(c.customer_id) === stored.id)).toHaveLength(4);
    // Known by name, whatever the role (陈静 is the CSM): not added again.
    expect(await contactsOf('苏州精工')).toEqual([
      { name: '周杰', email: 'zhou@example.cn' },
      { name: '陈静', email: null },
      { name: '王芳', email: 'wang@example.cn' },
    ]);
    expect(await contactsOf('宁波港务')).toEqual([{ name: '李娜', email: 'li@example.cn' }]);
  });

  it('finds customers and contacts as the database compares names: another case is the same on MySQL, another on SQLite', async () => {
    await store.createCustomer('Acme China', [contact('Zhou Jie')], AT, () => null);
    await store.importContracts([row('ACME CHINA', 0, contact('ZHOU JIE')), row('Foo Trading', 1, contact('Li Na')), row('FOO TRADING', 2, contact('LI NA')), row('acme china', 3, contact('Wang Fang'))], AT);
    const names = ((await current().db('customers').orderBy('id').select('name')) as { name: string }[]).map((c) => c.name);
    if (current().engine === 'mysql') {
      expect(names).toEqual(['Acme China', 'Foo Trading']);
      expect(await contactsOf('Acme China')).toEqual([
        { name: 'Zhou Jie', email: null },
        { name: 'Wang Fang', email: null },
      ]);
      expect(await contactsOf('Foo Trading')).toEqual([{ name: 'Li Na', email: null }]);
    } else {
      expect(names).toEqual(['Acme China', 'ACME CHINA', 'Foo Trading', 'FOO TRADING', 'acme china']);
      expect(await count('customer_contacts')).toBe(5);
    }
    // The stored-contract check looks names up the same way: the first row's contract is Acme China's on MySQL only.
    const first = Number(((await current().db('contracts').orderBy('id').first('id')) as { id: number }).id);
    expect(await store.findContractIds([{ customerName: 'acme china', offering: 'cloud', tier: 'basic', startsOn: '2020-01-01' }])).toEqual([current().engine === 'mysql' ? first : null]);
  });

  it('stores nothing when a row late in a big file fails', async () => {
    await store.createCustomer('已有客户', [contact('周杰')], AT, () => null);
    const before = { customers: await count('customers'), contacts: await count('customer_contacts'), contracts: await count('contracts') };
    const rows = Array.from({ length: 3000 }, (_, i) => row(`客户${i}`, i, contact(`联系人${i}`)));
    // Row 2,901 breaks a NOT NULL constraint, after every customer, every contact and five chunks of contracts.
    rows[2900] = { ...rows[2900]!, contract: { ...rows[2900]!.contract, offering: null as unknown as Offering } };
    await expect(store.importContracts(rows, AT)).rejects.toThrow();
    expect({ customers: await count('customers'), contacts: await count('customer_contacts'), contracts: await count('contracts') }).toEqual(before);
    // And a contact without a name fails in its own phase, as late.
    const badContact = rows.map((r, i) => (i === 2990 ? { ...r, contact: contact(null as unknown as string) } : i === 2900 ? row('客户2900', 2900) : r));
    await expect(store.importContracts(badContact, AT)).rejects.toThrow();
    expect({ customers: await count('customers'), contacts: await count('customer_contacts'), contracts: await count('contracts') }).toEqual(before);
    // The same file, repaired, imports whole.
    expect(await store.importContracts(badContact.map((r, i) => (i === 2990 ? row('客户2990', 2990) : r)), AT)).toHaveLength(3000);
  });

  it('lets timers fire between its statements while it stores 20,000 rows', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => row(`响应客户${Math.floor(i / 2)}`, i, i % 4 === 0 ? null : contact(`联系人${i % 50}`, `c${i}@example.cn`)));
    // The largest pause between two turns of a 5 ms timer while the rows are stored.
    let last = performance.now();
    let largest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      largest = Math.max(largest, now - last);
      last = now;
    }, 5);
    try {
      expect(await store.importContracts(rows, AT)).toHaveLength(20_000);
    } finally {
      clearInterval(timer);
      // A timer that never got a turn has a single pause: the whole import.
      largest = Math.max(largest, performance.now() - last);
    }
    // Row by row, SQLite held the event loop for the whole import (several seconds at this size); now a pause is
    // one statement of at most 500 rows. A correctness bound, generous for a busy two-core machine, not a benchmark.
    expect(largest).toBeLessThan(1000);
  });
});
