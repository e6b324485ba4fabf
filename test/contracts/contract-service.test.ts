import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';

describeEachDatabase('customers and contracts', (current) => {
  let w: ContractWorld;
  beforeEach(async () => {
    w = await contractWorld(current().db);
  });

  it('creates, updates, reads and lists customers with their contacts', async () => {
    const c = await w.contracts.createCustomer({
      name: '华东精密制造有限公司',
      contacts: [
        { name: '王芳', email: 'wang.fang@example.cn', role: 'contact' },
        { name: '李强', email: 'li.qiang@kingdee.example', role: 'csm' },
      ],
    }, { name: 'test', address: null });
    expect(c.contacts.map((x) => x.role)).toEqual(['contact', 'csm']);
    await expect(w.contracts.createCustomer({ name: '华东精密制造有限公司' }, { name: 'test', address: null })).rejects.toMatchObject({ code: 'CUSTOMER_EXISTS' });
    await expect(w.contracts.createCustomer({ name: '', contacts: [{ name: 'x', email: 'nope' }] }, { name: 'test', address: null })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      // Every problem at once, not the first one only.
      details: [
        { field: 'name', message: expect.any(String) },
        { field: 'contacts.0.email', message: expect.any(String) },
      ],
    });
    const renamed = await w.contracts.updateCustomer(c.id, { name: '华东精密(集团)', contacts: [{ name: '王芳', email: null }] }, { name: 'test', address: null });
    expect(renamed).toMatchObject({ name: '华东精密(集团)', contacts: [{ name: '王芳', email: null, role: 'contact' }] });
    expect((await w.contracts.listCustomers({ search: '精密', limit: 10, offset: 0 })).map((x) => x.id)).toEqual([c.id]);
    expect(await w.contracts.listCustomers({ search: '100%_', limit: 10, offset: 0 })).toEqual([]);
  });

  it('validates contracts field by field and sells only what the offering may have', async () => {
    const customer = await w.contracts.createCustomer({ name: '云上零售' }, { name: 'test', address: null });
    await expect(w.contracts.createContract({ customerId: customer.id, offering: 'moon', tier: 'gold', startsOn: '2026-02-30', endsOn: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'offering', message: expect.any(String) },
        { field: 'tier', message: expect.any(String) },
        { field: 'startsOn', message: expect.any(String) },
        { field: 'endsOn', message: expect.any(String) },
      ],
    });
    const base = { customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2026-12-31' };
    await expect(w.contracts.createContract({ ...base, services: [{ service: 'cluster_ha', personDays: 10 }] })).rejects.toMatchObject({ code: 'ON_PREMISE_ONLY' });
    await expect(w.contracts.createContract({ ...base, services: [{ service: 'phone_support', personDays: 1 }] })).rejects.toMatchObject({ code: 'NOT_A_SPECIAL_SERVICE' });
    await expect(w.contracts.createContract({ ...base, customerId: 999 })).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });

    const contract = await w.contracts.createContract({ ...base, services: [{ service: 'data_repair', personDays: 2.5 }] });
    expect(contract).toMatchObject({ customerName: '云上零售', offering: 'cloud', tier: 'premium', services: [{ service: 'data_repair', personDays: 2.5 }] });
    const moved = await w.contracts.updateContract(contract.id, { ...base, offering: 'on_premise', services: [{ service: 'cluster_ha', personDays: 8 }] });
    expect(moved.services).toEqual([{ service: 'cluster_ha', personDays: 8 }]);
    expect((await w.contracts.listContracts({ customerId: customer.id, limit: 10, offset: 0 })).map((c) => c.id)).toEqual([contract.id]);
  });

  it('says what is wrong with each field and what to do, in Chinese and English, naming services by name', async () => {
    const customer = await w.contracts.createCustomer({ name: '措辞客户' }, { name: 'test', address: null });
    const base = { customerId: customer.id, offering: 'cloud', tier: 'basic', startsOn: '2026-12-31', endsOn: '2026-01-01' };
    const reversed = await w.contracts.createContract(base).catch((e: unknown) => e);
    expect(reversed).toMatchObject({
      code: 'VALIDATION_FAILED',
      messageZh: '合同有 1 处需要修改:结束日期不能早于开始日期(2026-12-31),请选择 2026-12-31 当天或之后的日期',
      message: 'The contract needs 1 correction: endsOn (end date) must not be before the start date (2026-12-31); choose 2026-12-31 or a later day',
      details: [{ field: 'endsOn', message: 'must not be before the start date (2026-12-31); choose 2026-12-31 or a later day', messageZh: '不能早于开始日期(2026-12-31),请选择 2026-12-31 当天或之后的日期' }],
    });
    const onPremise = await w.contracts.createContract({ ...base, endsOn: '2027-12-30', services: [{ service: 'data_repair', personDays: 1 }, { service: 'cluster_ha', personDays: 10 }] }).catch((e: unknown) => e);
    expect(onPremise).toMatchObject({
      code: 'ON_PREMISE_ONLY',
      messageZh: '集群和高可用部署仅面向私有云客户,公有云合同不能购买',
      details: [{ field: 'services.1.service', messageZh: '仅面向私有云客户:请取消勾选,或把部署改为“私有云(On Premise)”', message: 'is for on-premise customers only: untick it, or change the offering to on premise' }],
    });
    const twice = await w.contracts.createContract({ ...base, endsOn: '2027-12-30', services: [{ service: 'data_repair' }, { service: 'data_repair' }] }).catch((e: unknown) => e);
    expect(twice).toMatchObject({ code: 'VALIDATION_FAILED', messageZh: expect.stringContaining('专项服务“数据修复”重复列出'), details: [{ field: 'services.1.service' }] });
    // Every detail of every refusal carries both languages.
    for (const refusal of [reversed, onPremise, twice]) {
      for (const d of (refusal as { details: Record<string, unknown>[] }).details) expect(d).toEqual({ field: expect.any(String), message: expect.any(String), messageZh: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
  });

  it('decides for a stored contract, and shows everything it has', async () => {
    const customer = await w.contracts.createCustomer({ name: '私有云制造' }, { name: 'test', address: null });
    const contract = await w.contracts.createContract({
      customerId: customer.id,
      offering: 'on_premise',
      tier: 'preferred',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      services: [{ service: 'performance_tuning', personDays: 5 }],
    });
    const at = new Date('2026-06-01T02:00:00Z');
    expect((await w.contracts.check(contract.id, 'performance_tuning', at)).entitled).toBe(true);
    expect((await w.contracts.check(contract.id, 'db_migration', at)).reasons.map((r) => r.code)).toEqual(['NOT_PURCHASED']);
    const view = await w.contracts.entitlements(contract.id, at);
    expect(view.decisions.map((d) => d.service)).not.toContain('system_ops');
    expect(view.decisions.find((d) => d.service === 'code_diagnosis')?.quota).toMatchObject({ perYear: 2, used: 0, remaining: 2 });
    await expect(w.contracts.check(999, 'phone_support', at)).rejects.toMatchObject({ code: 'CONTRACT_NOT_FOUND' });
  });
});

describeEachDatabase('a policy change in the middle of a contract', (current) => {
  it('decides by the old version before the change and by the new one after', async () => {
    const clock = { now: new Date('2026-03-01T00:00:00Z') };
    const w = await contractWorld(current().db, () => clock.now);
    const customer = await w.contracts.createCustomer({ name: '年中变更客户' }, { name: 'test', address: null });
    const contract = await w.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const tables = sampleWorkbookTables();
    tables[0]!.rows.find((r) => r.at(-1) === 'issue_feedback')![2] = '4工作小时响应';
    const imported = await w.policies.importWorkbook({ bytes: await writeWorkbook(tables), filename: 'v2.xlsx', actor: 'test' });
    if (imported.status !== 'created') throw new Error('v2 not created');
    // The service's clock for activations is fixed at 2025-01-01, so a 2026 date is in its future.
    await w.policies.activate(2, 'test', new Date('2026-07-01T00:00:00+08:00'));

    const before = await w.contracts.check(contract.id, 'issue_feedback', new Date('2026-06-30T15:59:59Z'));
    const after = await w.contracts.check(contract.id, 'issue_feedback', new Date('2026-06-30T16:00:00Z'));
    expect(before).toMatchObject({ policy: { version: 1 }, responseWindow: { amount: 1, unit: 'working_day' } });
    expect(after).toMatchObject({ policy: { version: 2 }, responseWindow: { amount: 4, unit: 'working_hour' } });
  });
});
