// The store's searches on both engines: customer-name search of contracts and customers (with LIKE's
// wildcards taken literally), and the lookup of stored contracts that an import would repeat.
import { beforeAll, expect, it } from 'vitest';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import type { ContractKey, ContractStore } from '../../src/contracts/contract-store.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';

const NAMES = ['上海云杉科技', '100%_纯净水', 'A!b 贸易', 'abc_d', 'Acme China', '上海港务'];

describeEachDatabase('contract queries', (current) => {
  let w: ContractWorld;
  let store: ContractStore;
  const ids: Record<string, { customer: number; contract: number }> = {};
  beforeAll(async () => {
    w = await contractWorld(current().db);
    store = createContractRepository(current().db);
    for (const name of NAMES) {
      const customer = await w.contracts.createCustomer({ name }, { name: 'test', address: null });
      const contract = await w.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2026-12-31' });
      ids[name] = { customer: customer.id, contract: contract.id };
    }
  });
  const contractsFound = async (search: string, customerId?: number) =>
    (await w.contracts.listContracts({ search, customerId, limit: 100, offset: 0 })).map((c) => c.customerName).sort();
  const customersFound = async (search: string) => (await w.contracts.listCustomers({ search, limit: 100, offset: 0 })).map((c) => c.name).sort();

  it('lists contracts whose customer name holds the search text, newest first', async () => {
    expect(await contractsFound('上海')).toEqual(['上海云杉科技', '上海港务']);
    expect((await w.contracts.listContracts({ search: '上海', limit: 100, offset: 0 })).map((c) => c.id)).toEqual([ids['上海港务']!.contract, ids['上海云杉科技']!.contract]);
    expect(await contractsFound('acme')).toEqual(['Acme China']);
    expect(await contractsFound('上海', ids['上海港务']!.customer)).toEqual(['上海港务']);
    expect(await contractsFound('北京')).toEqual([]);
    expect((await w.contracts.listContracts({ search: '上海', limit: 1, offset: 1 })).map((c) => c.customerName)).toEqual(['上海云杉科技']);
  });

  it('takes %, _ and ! in a search literally, for contracts and customers', async () => {
    expect(await contractsFound('%')).toEqual(['100%_纯净水']);
    expect(await contractsFound('_')).toEqual(['100%_纯净水', 'abc_d']);
    expect(await contractsFound('c_d')).toEqual(['abc_d']);
    expect(await contractsFound('!b')).toEqual(['A!b 贸易']);
    expect(await customersFound('%_')).toEqual(['100%_纯净水']);
    expect(await customersFound('_')).toEqual(['100%_纯净水', 'abc_d']);
    expect(await customersFound('!')).toEqual(['A!b 贸易']);
  });

  it('finds the stored contract an import row would repeat, by customer, offering, tier and start date (as in-file duplicates)', async () => {
    const key = (customerName: string, change: Partial<ContractKey> = {}): ContractKey => ({ customerName, offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', ...change });
    const keys = [
      key('上海港务'),
      key('上海港务', { tier: 'preferred' }),
      key('上海港务', { tier: 'premium' }),
      key('上海港务', { offering: 'on_premise' }),
      key('上海港务', { startsOn: '2026-02-01' }),
      key('上海'),
      key('abc_d'),
      // More names than one IN list holds, so the lookup runs in chunks.
      ...Array.from({ length: 1100 }, (_, i) => key(`不存在的客户${i}`)),
      key('100%_纯净水'),
    ];
    const found = await store.findContractIds(keys);
    expect(found).toHaveLength(keys.length);
    expect(found.slice(0, 7)).toEqual([ids['上海港务']!.contract, null, null, null, null, null, ids['abc_d']!.contract]);
    expect(found.slice(7, -1).every((id) => id === null)).toBe(true);
    expect(found.at(-1)).toBe(ids['100%_纯净水']!.contract);
    expect(await store.findContractIds([])).toEqual([]);
  });

  it('refuses to rename a customer onto another customer’s name, and allows keeping its own', async () => {
    const { customer } = ids['上海港务']!;
    await expect(w.contracts.updateCustomer(customer, { name: '上海云杉科技' }, { name: 'test', address: null })).rejects.toMatchObject({ code: 'CUSTOMER_EXISTS', details: [{ field: 'name', messageZh: '已有名为“上海云杉科技”的客户:请换一个名称,或在客户列表中打开该客户' }] });
    await expect(w.contracts.updateCustomer(customer, { name: '上海港务', contacts: [{ name: '陈静', email: null, role: 'csm' }] }, { name: 'test', address: null })).resolves.toMatchObject({
      name: '上海港务',
      contacts: [{ name: '陈静', email: null, role: 'csm' }],
    });
  });

  it('pages, counts, filters and sorts contracts in the database', async () => {
    const actor = { name: 'test', address: null };
    const extra = await w.contracts.createCustomer({ name: '筛选客户' }, actor);
    const ended = await w.contracts.createContract({ customerId: extra.id, offering: 'on_premise', tier: 'premium', startsOn: '2024-01-01', endsOn: '2024-12-31', services: [{ service: 'db_migration', personDays: 4 }] });
    const upcoming = await w.contracts.createContract({ customerId: extra.id, offering: 'on_premise', tier: 'preferred', startsOn: '2027-01-01', endsOn: '2027-12-31' });
    const today = '2026-06-01';
    const page = (q: Parameters<typeof w.contracts.pageContracts>[0]) => w.contracts.pageContracts(q);

    const all = await page({ offset: 0, limit: 3 });
    expect(all.total).toBe(NAMES.length + 2);
    expect(all.items.map((c) => c.id)).toEqual([upcoming.id, ended.id, ids['上海港务']!.contract]);
    const rest = await page({ offset: 3, limit: 100 });
    expect(rest.items).toHaveLength(NAMES.length - 1);
    expect(rest.total).toBe(NAMES.length + 2);

    expect(await page({ state: 'ended', today, offset: 0, limit: 10 })).toMatchObject({ total: 1, items: [{ id: ended.id }] });
    expect(await page({ state: 'upcoming', today, offset: 0, limit: 10 })).toMatchObject({ total: 1, items: [{ id: upcoming.id }] });
    expect((await page({ state: 'in_force', today, offset: 0, limit: 10 })).total).toBe(NAMES.length);
    expect(await page({ offering: 'on_premise', tier: 'premium', offset: 0, limit: 10 })).toMatchObject({ total: 1, items: [{ id: ended.id, services: [{ service: 'db_migration', personDays: 4 }] }] });
    expect(await page({ service: 'db_migration', offset: 0, limit: 10 })).toMatchObject({ total: 1, items: [{ id: ended.id }] });
    expect(await page({ search: '筛选', offering: 'on_premise', offset: 0, limit: 10 })).toMatchObject({ total: 2 });
    expect(await page({ search: '%', offset: 0, limit: 10 })).toMatchObject({ total: 1, items: [{ customerName: '100%_纯净水' }] });

    // Sorted by customer name, the id breaking ties; by end date, the soonest first.
    const byName = await page({ sort: 'customer', offset: 0, limit: 100 });
    const names = byName.items.map((c) => c.customerName);
    expect(names[0]).toBe('100%_纯净水');
    // A customer's contracts stand together (the engines order the names by their own collations).
    expect(names.lastIndexOf('筛选客户') - names.indexOf('筛选客户')).toBe(1);
    expect(byName.items.filter((c) => c.customerName === '筛选客户').map((c) => c.id)).toEqual([ended.id, upcoming.id]);
    const byEnd = await page({ sort: 'endsOn', offset: 0, limit: 2 });
    expect(byEnd.items.map((c) => c.endsOn)).toEqual(['2024-12-31', '2026-12-31']);
    const byStart = await page({ sort: 'startsOn', offset: 0, limit: 1 });
    expect(byStart.items.map((c) => c.id)).toEqual([upcoming.id]);
    // Paging through a sort neither repeats nor skips a contract.
    const walked = [...(await page({ sort: 'customer', offset: 0, limit: 3 })).items, ...(await page({ sort: 'customer', offset: 3, limit: 3 })).items, ...(await page({ sort: 'customer', offset: 6, limit: 3 })).items];
    expect(walked.map((c) => c.id)).toEqual(byName.items.map((c) => c.id));
  });

  it('pages and counts customers in the database, with how many contracts each holds', async () => {
    const first = await w.contracts.pageCustomers({ offset: 0, limit: 2 });
    expect(first.total).toBe(NAMES.length + 1);
    expect(first.items.map((c) => c.name)).toEqual(['100%_纯净水', 'A!b 贸易']);
    const newest = await w.contracts.pageCustomers({ sort: 'newest', offset: 0, limit: 1 });
    expect(newest.items).toMatchObject([{ name: '筛选客户', contracts: 2 }]);
    expect(await w.contracts.pageCustomers({ search: '上海', offset: 0, limit: 10 })).toMatchObject({ total: 2, items: [{ contracts: 1 }, { contracts: 1 }] });
    expect(await w.contracts.pageCustomers({ search: '_', offset: 1, limit: 10 })).toMatchObject({ total: 2, items: [{ name: 'abc_d' }] });
  });
});
