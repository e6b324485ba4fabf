import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.ts';
import { createLogger } from '../../src/logger.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { sampleWorkbook } from '../support/fixtures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
const json = async (res: Response): Promise<any> => res.json();

describeEachDatabase('HTTP app', (current) => {
  let server: Server;
  let base: string;
  let policies: ReturnType<typeof createPolicyService>;

  beforeAll(async () => {
    const { db } = current();
    policies = createPolicyService(createPolicyRepository(db));
    const app = createApp({ policies, checkDatabase: async () => void (await db.raw('select 1')), logger: createLogger('silent') });
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is healthy at once and ready only once a policy is active', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect((await json(notReady)).error.code).toBe('NO_ACTIVE_POLICY');

    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 's.xlsx', actor: 'a', activate: true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await json(ready)).toEqual({ status: 'ready', policyVersion: 1 });
  });

  it('lists versions and serves rules, with one error shape for everything else', async () => {
    const list = await json(await fetch(`${base}/api/policies`));
    expect(list.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'active']]);
    const rules = await json(await fetch(`${base}/api/policies/1/rules`));
    expect(rules.rules).toHaveLength(66);

    for (const [url, status, code] of [
      ['/api/policies/9/rules', 404, 'VERSION_NOT_FOUND'],
      ['/api/policies/x/rules', 400, 'BAD_VERSION'],
      ['/nowhere', 404, 'NOT_FOUND'],
    ] as const) {
      const res = await fetch(`${base}${url}`);
      expect(res.status, url).toBe(status);
      const body = await json(res);
      expect(body.error).toMatchObject({ code });
      expect(body.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});
