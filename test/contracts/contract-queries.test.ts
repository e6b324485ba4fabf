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
    await expect(w.contracts.updateCustomer(customer, { name: '上海云杉科技' }, { name: 'test', address: null })).rejects.toMatchObject({ code: 'CUSTOMER_EXISTS', details: [{ field: 'name', message: 'taken' }] });
    await expect(w.contracts.updateCustomer(customer, { name: '上海港务', contacts: [{ name: '陈静', email: null, role: 'csm' }] }, { name: 'test', address: null })).resolves.toMatchObject({
      name: '上海港务',
      contacts: [{ name: '陈静', email: null, role: 'csm' }],
    });
  });
});
