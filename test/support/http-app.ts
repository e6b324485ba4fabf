// A real app on a real database for HTTP tests: one user and one API token per role, the sample active.
import request from 'supertest';
import type { Express } from 'express';
import { createAccountRepository } from '../../src/accounts/account-repository.ts';
import { createAccountService, type AccountService } from '../../src/accounts/account-service.ts';
import { ROLES, type Role } from '../../src/accounts/roles.ts';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.ts';
import type { Database } from '../../src/db/database.ts';
import { createApp, type AppDeps } from '../../src/http/create-app.ts';
import { createLogger } from '../../src/logger.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { sampleWorkbook } from './fixtures.ts';

export const PASSWORD = 'a long test password';
export const TABLES = ['sessions', 'login_failures', 'api_tokens', 'audit_log', 'users', 'policy_activations', 'policy_blobs', 'policy_versions'];

export interface TestApp {
  app: Express;
  deps: AppDeps;
  policies: PolicyService;
  accounts: AccountService;
  audit: AuditLog;
  tokens: Record<Role, string>;
}

export async function createTestApp(db: Database, options: { maxFileBytes?: number; activateSample?: boolean } = {}): Promise<TestApp> {
  for (const t of TABLES) await db(t).del();
  const audit = createAuditLog(db);
  const policies = createPolicyService(createPolicyRepository(db), () => new Date(), audit);
  const accounts = createAccountService(createAccountRepository(db), audit);
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    await accounts.createUser(role === 'admin' ? 'admin' : `${role}.user`, role, PASSWORD, { name: 'test' });
    tokens[role] = (await accounts.createToken(`${role} test`, role, { name: 'test' })).token;
  }
  if (options.activateSample ?? true) {
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'test', activate: true });
  }
  const deps: AppDeps = {
    policies,
    accounts,
    audit,
    checkDatabase: async () => void (await db.raw('select 1')),
    logger: createLogger('silent'),
    sessionSecret: 'test-session-secret-that-is-long-enough',
    upload: { maxFileBytes: options.maxFileBytes ?? 10 * 1024 * 1024, maxUncompressedBytes: 30 * 1024 * 1024 },
  };
  return { app: createApp(deps), deps, policies, accounts, audit, tokens };
}

/** A browser-like session: cookies kept, signed in through the real form, with the CSRF token of its pages. */
export async function signIn(app: Express, username: string, password = PASSWORD) {
  const agent = request.agent(app);
  const form = await agent.get('/sign-in');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  const res = await agent.post('/sign-in').type('form').send({ username, password, _csrf: csrf });
  const page = await agent.get('/policies');
  const sessionCsrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return { agent, status: res.status, csrf: sessionCsrf };
}

export const usernameOf = (role: Role) => (role === 'admin' ? 'admin' : `${role}.user`);
