import { beforeAll, expect, it } from 'vitest';
import type { Customer } from '../../src/contracts/contract-store.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

type Session = Awaited<ReturnType<typeof signIn>>;

const SCRIPT = '<script>alert(1)</script>';
const SCRIPT_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

/** The form fields of a contact row. */
const contactRow = (i: number, name: string, email: string, role = 'contact', remove = false) => ({
  [`contact_${i}_name`]: name,
  [`contact_${i}_email`]: email,
  [`contact_${i}_role`]: role,
  ...(remove ? { [`contact_${i}_remove`]: '1' } : {}),
});

describeEachDatabase('the customer page', (current) => {
  let t: TestApp;
  let sales: Session;
  let customer: Customer;
  let contractId: number;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    sales = await signIn(t.app, usernameOf('sales'));
    customer = await t.deps.contracts.createCustomer({ name: '苏州精工', contacts: [{ name: '周杰', email: 'zhou@example.cn', role: 'contact' }] }, { name: 'test', address: null });
    contractId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2026-12-31' })).id;
  });
  const save = (session: Session, fields: Record<string, string>) => session.agent.post(`/customers/${customer.id}`).type('form').send({ _csrf: session.csrf, ...fields });

  it('is linked from the contract page and lists the customer’s contacts, contracts and two blank rows', async () => {
    expect((await sales.agent.get(`/contracts/${contractId}`)).text).toContain(`href="/customers/${customer.id}"`);
    const page = await sales.agent.get(`/customers/${customer.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="contact_0_name" maxlength="100" value="周杰"');
    expect(page.text).toContain('name="contact_1_name" maxlength="100" value=""');
    expect(page.text).toContain('name="contact_2_name" maxlength="100" value=""');
    expect(page.text).not.toContain('name="contact_3_name"');
    expect(page.text).toContain('客户成功经理');
    expect(page.text).toContain(`<a href="/contracts/${contractId}">#${contractId}</a>`);
    expect((await sales.agent.get(`/customers/${customer.id}?lang=en`)).text).toContain('Customer-success manager');
    // The choice is remembered in a cookie: back to Chinese for the other tests.
    expect((await sales.agent.get(`/customers/${customer.id}?lang=zh`)).text).toContain('客户成功经理');
  });

  it('adds contacts from blank rows, ignores rows left blank, and removes ticked ones', async () => {
    const added = await save(sales, {
      name: '苏州精工(集团)',
      ...contactRow(0, '周杰', 'zhou@example.cn', 'contact'),
      ...contactRow(1, '李娜', 'li.na@kingdee.example', 'csm'),
      ...contactRow(2, '', ''),
    });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/customers/${customer.id}`);
    expect(await t.deps.contracts.getCustomer(customer.id)).toMatchObject({
      name: '苏州精工(集团)',
      contacts: [
        { name: '周杰', email: 'zhou@example.cn', role: 'contact' },
        { name: '李娜', email: 'li.na@kingdee.example', role: 'csm' },
      ],
    });
    const page = await sales.agent.get(`/customers/${customer.id}`);
    expect(page.text).toContain('name="contact_3_name" maxlength="100" value=""');

    const removed = await save(sales, { name: '苏州精工(集团)', ...contactRow(0, '周杰', 'zhou@example.cn', 'contact', true), ...contactRow(1, '李娜', 'li.na@kingdee.example', 'csm'), ...contactRow(2, '', ''), ...contactRow(3, '', '') });
    expect(removed.status).toBe(303);
    expect((await t.deps.contracts.getCustomer(customer.id)).contacts).toEqual([{ name: '李娜', email: 'li.na@kingdee.example', role: 'csm' }]);
  });

  it('shows a refused save again as typed, each problem on the row it belongs to, and stores nothing', async () => {
    const before = await t.deps.contracts.getCustomer(customer.id);
    // Row 0 is removed, so the domain's contacts.0 is form row 1 and contacts.1 is form row 2.
    const res = await save(sales, { name: '新名称', ...contactRow(0, '李娜', 'li.na@kingdee.example', 'csm', true), ...contactRow(1, '王芳', 'wang@example.cn'), ...contactRow(2, '', 'not-an-email', 'csm') });
    expect(res.status).toBe(400);
    // In Chinese only, on the row each problem came from, and in the summary with the row's number.
    expect(res.text).toContain('有 2 处需要修改');
    expect(res.text).toContain('<a href="#f-contact_2_name">第 3 位联系人的姓名:不能为空</a>');
    expect(res.text).toContain('<a href="#f-contact_2_email">第 3 位联系人的邮箱:应为一个邮箱地址');
    for (const text of ['内容无效', 'Invalid', 'contacts.1', 'must not be empty']) expect(res.text).not.toContain(text);
    expect(res.text).toContain('value="新名称"');
    expect(res.text).toMatch(/name="contact_0_remove" value="1" aria-label="删除 1" checked>/);
    expect(res.text).toMatch(/name="contact_1_email"[^>]*value="wang@example.cn" aria-label="邮箱 2">\s*<\/td>/);
    expect(res.text).toMatch(/id="f-contact_2_name"[^>]*aria-invalid="true" aria-describedby="f-contact_2_name-error">\s*<p class="field-error" id="f-contact_2_name-error">不能为空<\/p>/);
    expect(res.text).toMatch(/id="f-contact_2_email"[^>]*value="not-an-email"[^>]*aria-invalid="true"[^>]*>\s*<p class="field-error" id="f-contact_2_email-error">应为一个邮箱地址,如 wang.fang@example.com[^<]*<\/p>/);
    expect(res.text).toMatch(/<select id="f-contact_2_role" name="contact_2_role"[^>]*>\s*<option value="contact">[^<]*<\/option><option value="csm" selected>/);
    expect(await t.deps.contracts.getCustomer(customer.id)).toEqual(before);
  });

  it('refuses a rename onto another customer’s name with 409, as the API now does', async () => {
    await t.deps.contracts.createCustomer({ name: '宁波港务' }, { name: 'test', address: null });
    const res = await save(sales, { name: '宁波港务', ...contactRow(0, '李娜', 'li.na@kingdee.example', 'csm') });
    expect(res.status).toBe(409);
    expect(res.text).toContain('客户“宁波港务”已存在');
    expect(res.text).toMatch(/name="name"[^>]*value="宁波港务" aria-invalid="true" aria-describedby="f-name-error">\s*<p class="field-error" id="f-name-error">已有名为“宁波港务”的客户:请换一个名称,或在客户列表中打开该客户<\/p>/);
    expect(res.text).not.toContain('taken');
    expect((await t.deps.contracts.getCustomer(customer.id)).name).toBe('苏州精工(集团)');
  });

  it('shows support the contacts read-only and refuses its save', async () => {
    const support = await signIn(t.app, usernameOf('support'));
    const page = await support.agent.get(`/customers/${customer.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<td>李娜</td>');
    expect(page.text).toContain('客户成功经理');
    expect(page.text).not.toContain(`action="/customers/${customer.id}"`);
    const res = await save(support, { name: '改名' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('FORBIDDEN');
    expect((await t.deps.contracts.getCustomer(customer.id)).name).toBe('苏州精工(集团)');
  });

  it('answers 404 for a customer that does not exist, and 400 for an id that is not one', async () => {
    expect((await sales.agent.get('/customers/999999')).status).toBe(404);
    expect((await sales.agent.get('/customers/abc')).status).toBe(400);
  });

  it('escapes markup in a customer name on every page that shows it', async () => {
    const res = await save(sales, { name: `${SCRIPT}精工`, ...contactRow(0, `${SCRIPT}`, '') });
    expect(res.status).toBe(303);
    const pages = {
      customer: await sales.agent.get(`/customers/${customer.id}`),
      contract: await sales.agent.get(`/contracts/${contractId}`),
      edit: await sales.agent.get(`/contracts/${contractId}/edit`),
      list: await sales.agent.get('/contracts'),
      search: await sales.agent.get(`/contracts?search=${encodeURIComponent(SCRIPT)}`),
      refused: await save(sales, { name: `${SCRIPT}精工`, ...contactRow(0, SCRIPT, 'bad') }),
      readOnly: await (await signIn(t.app, usernameOf('support'))).agent.get(`/customers/${customer.id}`),
    };
    for (const [label, page] of Object.entries(pages)) {
      expect(page.text, label).toContain(SCRIPT_ESCAPED);
      expect(page.text, label).not.toMatch(/<script/i);
    }
    expect(pages.search.text).toContain(`<a href="/customers/${customer.id}">${SCRIPT_ESCAPED}精工</a>`);
  });

  it('lists customers a page at a time, searched and sorted by the database, with their contacts and contracts', async () => {
    const actor = { name: 'test', address: null };
    for (let i = 0; i < 55; i++) await t.deps.contracts.createCustomer({ name: `列表客户${String(i).padStart(2, '0')}` }, actor);
    const withCsm = await t.deps.contracts.createCustomer({ name: '列表_经理客户', contacts: [{ name: '何敏', email: null, role: 'csm' }] }, actor);
    const support = await signIn(t.app, usernameOf('support'));
    const total = Number(((await current().db('customers').count({ n: '*' })) as { n: number | string }[])[0]!.n);
    const first = await support.agent.get('/customers');
    expect(first.status).toBe(200);
    expect(first.text).toContain(`第 1–50 条,共 ${total} 条`);
    expect(first.text.match(/<td data-label="客户名称"><a href="\/customers\/\d+">/g)).toHaveLength(50);
    expect((await support.agent.get('/customers?page=2')).text).toContain(`第 51–${total} 条,共 ${total} 条`);
    // The search takes _ literally, and shows the customer-success manager among the contacts.
    const found = await support.agent.get(`/customers?q=${encodeURIComponent('列表_')}`);
    expect(found.text).toContain('共 1 条');
    expect(found.text).toContain(`<a href="/customers/${withCsm.id}">列表_经理客户</a>`);
    expect(found.text).toContain('何敏 <span class="note">(客户成功经理)</span>');
    expect(found.text).toContain('0 份合同');
    const newest = await support.agent.get('/customers?sort=newest');
    expect(newest.text.indexOf('列表_经理客户')).toBeLessThan(newest.text.indexOf('列表客户54'));
    expect((await support.agent.get('/customers?q=nobody-has-this')).text).toContain('没有名称含该文字的客户');
    // From the contracts list, and from a customer's page a new contract for it.
    expect((await support.agent.get('/contracts')).text).toContain('href="/customers"');
    expect((await sales.agent.get(`/customers/${customer.id}`)).text).toContain(`href="/contracts?forCustomer=${customer.id}#new-contract"`);
  });
});
