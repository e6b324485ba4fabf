// Four eyes hold for every caller: an API token acts as its owner (OWN_QUOTE applies, the audit log names
// the person and the token), a token of a disabled owner stops working, and a token made before tokens had
// owners may do anything but approve.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { PASSWORD, createTestApp, signIn, type TestApp } from '../support/http-app.ts';

const test = { name: 'test' };

describeEachDatabase('API tokens act for their owners', (current) => {
  let t: TestApp;
  let overLimit: number;
  let secondManager: string;
  let legacyToken: string;
  let legacyId: number;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const pendingQuote = async (token: string) => {
    const res = await request(t.app).post('/api/quotes').set(bearer(token)).send({ customerName: '四眼客户', offering: 'cloud', tier: 'premium', termYears: 1, discountBasisPoints: overLimit });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.quote.status).toBe('pending_approval');
    return res.body.quote as { number: string; createdBy: string };
  };

  beforeAll(async () => {
    t = await createTestApp(current().db);
    overLimit = ((await t.policies.getRules(1)).prices as PriceList).discount.salesLimitBasisPoints + 100;
    await t.accounts.createUser('li.manager', 'manager', PASSWORD, test);
    secondManager = (await t.accounts.createToken({ owner: 'li.manager', name: 'li’s script' }, test)).token;
    // A token as they were before this change: no owner.
    legacyToken = 'ent_a-token-from-before-owners-existed';
    const hash = createHash('sha256').update(legacyToken).digest('hex');
    await current().db('api_tokens').insert({ name: 'old ERP', role: 'manager', token_hash: hash, created_at: new Date().toISOString(), created_by: 'cli:root', user_id: null });
    legacyId = (await t.accounts.listTokens()).find((tok) => tok.name === 'old ERP')!.id;
  });

  it('refuses a manager’s token the approval of the manager’s own quote (OWN_QUOTE), as it refuses the manager in the browser', async () => {
    const quote = await pendingQuote(t.tokens.manager);
    expect(quote.createdBy).toBe('manager.user');
    const byToken = await request(t.app).post(`/api/quotes/${quote.number}/approve`).set(bearer(t.tokens.manager)).send({});
    expect([byToken.status, byToken.body.error.code]).toEqual([403, 'OWN_QUOTE']);
    expect(byToken.body.error.message).toContain('不能审批自己出具的报价单');
    const { agent, csrf } = await signIn(t.app, 'manager.user');
    const inBrowser = await agent.post(`/api/quotes/${quote.number}/approve`).set('X-CSRF-Token', csrf).send({});
    expect([inBrowser.status, inBrowser.body.error.code]).toEqual([403, 'OWN_QUOTE']);
    expect((await request(t.app).get(`/api/quotes/${quote.number}`).set(bearer(t.tokens.manager))).body.quote.status).toBe('pending_approval');

    // Another manager's token decides, in that manager's name, and the audit log says through which token.
    const approved = await request(t.app).post(`/api/quotes/${quote.number}/approve`).set(bearer(secondManager)).send({ note: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.quote).toMatchObject({ status: 'issued', decidedBy: 'li.manager' });
    const tokenId = (await t.accounts.listTokens()).find((tok) => tok.owner?.username === 'li.manager')!.id;
    const [entry] = await t.audit.list({ action: 'quote.approve', limit: 1 });
    expect(entry).toMatchObject({ actor: 'li.manager', via: `token:${tokenId}`, target: quote.number });
  });

  it('refuses a quote made in the browser to the maker’s token', async () => {
    const { agent, csrf } = await signIn(t.app, 'li.manager');
    const made = await agent.post('/api/quotes').set('X-CSRF-Token', csrf).send({ customerName: '四眼客户', offering: 'cloud', tier: 'premium', termYears: 1, discountBasisPoints: overLimit });
    expect(made.body.quote.createdBy).toBe('li.manager');
    const own = await request(t.app).post(`/api/quotes/${made.body.quote.number}/reject`).set(bearer(secondManager)).send({});
    expect([own.status, own.body.error.code]).toEqual([403, 'OWN_QUOTE']);
  });

  it('lets a token without an owner do anything its role may except approve or reject, with a clear refusal', async () => {
    expect((await request(t.app).get('/api/policies').set(bearer(legacyToken))).status).toBe(200);
    const quote = await pendingQuote(legacyToken);
    expect(quote.createdBy).toBe(`token:${legacyId}`);
    for (const decision of ['approve', 'reject']) {
      const res = await request(t.app).post(`/api/quotes/${quote.number}/${decision}`).set(bearer(legacyToken)).send({});
      expect(res.status, decision).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'TOKEN_WITHOUT_OWNER', details: null });
      expect(res.body.error.message).toBe(
        '此 API 令牌没有归属用户,不能审批:请管理员用 entitle token create --user 用户名 为审批人创建令牌 / This API token has no owner and cannot approve: an admin can create one for the approver with entitle token create --user NAME',
      );
    }
    // A person approves the quote the ownerless token made.
    expect((await request(t.app).post(`/api/quotes/${quote.number}/approve`).set(bearer(t.tokens.manager)).send({})).status).toBe(200);
    const [entry] = await t.audit.list({ action: 'quote.approve', limit: 1 });
    expect(entry).toMatchObject({ actor: 'manager.user', target: quote.number });
  });

  it('stops a token when its owner is disabled, and takes it back when enabled', async () => {
    const { token } = await t.accounts.createToken({ owner: 'support.user', name: 'desk script' }, test);
    const check = () => request(t.app).get('/api/requests').set(bearer(token));
    expect((await check()).status).toBe(200);
    await t.accounts.setDisabled('support.user', true, test);
    const refused = await check();
    expect([refused.status, refused.body.error.code]).toEqual([401, 'INVALID_TOKEN']);
    await t.accounts.setDisabled('support.user', false, test);
    expect((await check()).status).toBe(200);
  });
});
