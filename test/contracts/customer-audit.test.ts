// Customer and contact changes are audited with their old and new values, in the change's own transaction;
// names and addresses are held to one rule, and rows that break it are found by `entitle doctor`'s check.
import { beforeEach, expect, it } from 'vitest';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';

const SALES = { name: 'sales.user', address: '198.51.100.7' };

describeEachDatabase('customer changes in the audit log', (current) => {
  let w: ContractWorld;
  beforeEach(async () => {
    w = await contractWorld(current().db);
  });

  const entries = async () => (await w.audit.list({ limit: 100 })).filter((e) => e.action.startsWith('customer.')).reverse();

  it('records who created a customer, from where, with its name and contacts', async () => {
    const c = await w.contracts.createCustomer({ name: '华东精密', contacts: [{ name: '王芳', email: 'wang.fang@example.cn', role: 'contact' }] }, SALES);
    expect(await entries()).toEqual([
      expect.objectContaining({
        action: 'customer.create',
        actor: 'sales.user',
        address: '198.51.100.7',
        target: `customer:${c.id}`,
        details: { after: { name: '华东精密', contacts: [{ name: '王芳', email: 'wang.fang@example.cn', role: 'contact' }] } },
      }),
    ]);
  });

  it('records a change of contact address with the old and new value, only the fields that changed, and nothing for a save that changes nothing', async () => {
    const c = await w.contracts.createCustomer({ name: '苏州精工', contacts: [{ name: '周杰', email: 'zhou@example.cn', role: 'contact' }] }, SALES);
    await w.contracts.updateCustomer(c.id, { contacts: [{ name: '周杰', email: 'zhou.jie@attacker.example', role: 'contact' }] }, { name: 'manager.user', address: '203.0.113.5' });
    await w.contracts.updateCustomer(c.id, { name: '苏州精工', contacts: [{ name: '周杰', email: 'zhou.jie@attacker.example', role: 'contact' }] }, SALES);
    await w.contracts.updateCustomer(c.id, { name: '苏州精工集团' }, SALES);
    const [, redirect, rename, ...rest] = await entries();
    expect(redirect).toMatchObject({
      action: 'customer.update',
      actor: 'manager.user',
      address: '203.0.113.5',
      details: {
        before: { contacts: [{ name: '周杰', email: 'zhou@example.cn', role: 'contact' }] },
        after: { contacts: [{ name: '周杰', email: 'zhou.jie@attacker.example', role: 'contact' }] },
      },
    });
    expect(redirect!.details).not.toHaveProperty('before.name');
    expect(rename).toMatchObject({ action: 'customer.update', details: { before: { name: '苏州精工' }, after: { name: '苏州精工集团' } } });
    expect(rest).toEqual([]);
  });

  it('stores a change and its audit entry together or not at all', async () => {
    const store = createContractRepository(current().db);
    const at = new Date().toISOString();
    const failing = () => {
      throw new Error('the audit entry could not be written');
    };
    await expect(store.createCustomer('无审计客户', [], at, failing)).rejects.toThrow('audit entry');
    expect(await store.findCustomerByName('无审计客户')).toBeNull();
    const c = await w.contracts.createCustomer({ name: '有审计客户', contacts: [{ name: '李强', email: 'li@example.cn', role: 'csm' }] }, SALES);
    await expect(store.updateCustomer(c.id, { name: '改名失败', contacts: [] }, at, failing)).rejects.toThrow('audit entry');
    expect(await w.contracts.getCustomer(c.id)).toMatchObject({ name: '有审计客户', contacts: [{ name: '李强' }] });
  });

  it('refuses lists, display names and control characters, naming every field at once, and stores nothing', async () => {
    await expect(
      w.contracts.createCustomer(
        {
          name: '换行客户\r\nBcc: x@evil.example',
          contacts: [
            { name: '王芳', email: 'a@x.com,attacker' },
            { name: '李\u0000强', email: '"x"<b@y.com>' },
          ],
        },
        SALES,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'name' }, { field: 'contacts.0.email' }, { field: 'contacts.1.name' }, { field: 'contacts.1.email' }] });
    expect(await entries()).toEqual([]);
  });

  it('lists stored rows that break the rules, with ids, fields and safe values, and nothing for good rows', async () => {
    const good = await w.contracts.createCustomer({ name: '合规客户', contacts: [{ name: '周杰', email: 'zhou@example.cn', role: 'contact' }] }, SALES);
    expect(await w.contracts.dataProblems()).toEqual([]);
    // Rows from before the rules, written around the service.
    const db = current().db;
    const [bad] = await db('customers').insert({ name: '旧客户\r\n', created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z' });
    await db('customer_contacts').insert([
      { customer_id: Number(bad), name: '旧联系人', email: 'a@x.com,attacker', role: 'contact' },
      { customer_id: Number(bad), name: 'ok', email: 'ok@example.com', role: 'csm' },
      { customer_id: good.id, name: '李\u0000强', email: '"x"<b@y.com>', role: 'contact' },
    ]);
    const problems = await w.contracts.dataProblems();
    expect(problems.map((p) => [p.kind, p.customerId, p.field, p.code, p.shown])).toEqual([
      ['contact', good.id, 'name', 'control_character', '"李\\u0000强"'],
      ['contact', good.id, 'email', 'not_one_address', '"\\"x\\"<b@y.com>"'],
      ['customer', Number(bad), 'name', 'control_character', '"旧客户\\r\\n"'],
      ['contact', Number(bad), 'email', 'not_one_address', '"a@x.com,attacker"'],
    ]);
    expect(problems.every((p) => p.fix.en.includes(`/customers/${p.customerId}`))).toBe(true);
    expect(problems.filter((p) => p.kind === 'contact').every((p) => typeof p.contactId === 'number')).toBe(true);
  });
});
