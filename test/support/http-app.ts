// A real app on a real database for HTTP tests: one user and one API token per role, the sample active.
import request from 'supertest';
import type { AccountService } from '../../src/accounts/account-service.ts';
import type { PasswordHasher } from '../../src/accounts/password.ts';
import { ROLES, type Role } from '../../src/accounts/roles.ts';
import type { AuditLog } from '../../src/audit/audit-log.ts';
import type { Config } from '../../src/config/config.ts';
import type { Database } from '../../src/db/database.ts';
import { createApp, type AppDeps, type HttpApp } from '../../src/http/create-app.ts';
import { createLogger } from '../../src/logger.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { fastTestHasher } from './fast-hasher.ts';
import { sampleWorkbook } from './fixtures.ts';
import { MANAGERS, testConfig, testServices } from './test-services.ts';

export const PASSWORD = 'a long test password';
export const TABLES = ['idempotency_keys', 'job_runs', 'report_reviews', 'outbox', 'quotes', 'service_requests', 'quota_usage', 'contract_services', 'contracts', 'customer_contacts', 'customers', 'sessions', 'login_failures', 'api_tokens', 'audit_log', 'users', 'policy_activations', 'policy_blobs', 'policy_versions'];

export interface TestApp {
  app: HttpApp;
  deps: AppDeps;
  policies: PolicyService;
  accounts: AccountService;
  audit: AuditLog;
  tokens: Record<Role, string>;
}

export interface TestAppOptions {
  maxFileBytes?: number;
  activateSample?: boolean;
  /** The sample takes effect at this past instant instead of now, for tests about past dates (an import as of then). */
  sampleActiveSince?: Date;
  /** Where quote PDFs find Chromium (a path that does not exist: PDFs are unavailable). */
  chromiumPath?: string;
  /** A cheap test-only hasher unless the test is about hashing or the sign-in throttle (argon2idHasher). */
  hasher?: PasswordHasher;
  /** Single sign-on against a test provider (test/support/oidc-provider.ts). */
  oidc?: Config['oidc'];
}

export async function createTestApp(db: Database, options: TestAppOptions = {}): Promise<TestApp> {
  for (const t of TABLES) await db(t).del();
  // The services as the composition root builds them for the server, with the tests' overrides (test-services.ts).
  const config = testConfig({ chromiumPath: options.chromiumPath, oidc: options.oidc });
  const services = testServices(db, { hasher: options.hasher ?? fastTestHasher }, config);
  const { policies, accounts, audit } = services;
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    await accounts.createUser(usernameOf(role), role, PASSWORD, { name: 'test' });
    // Each role's token is its user's: what it does is that person's (four eyes hold for tokens too).
    tokens[role] = (await accounts.createToken({ owner: usernameOf(role), name: `${role} test` }, { name: 'test' })).token;
  }
  if (options.activateSample ?? true) {
    const since = options.sampleActiveSince;
    // Seeding, not wiring: an importer whose "now" is the past instant the sample takes effect from.
    const importer = since ? createPolicyService(createPolicyRepository(db), () => since, audit) : policies;
    await importer.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'test', activate: true });
  }
  const deps: AppDeps = {
    ...services,
    reportSettings: { managers: MANAGERS, schedulerEnabled: false },
    // No SMTP server: the .eml writer, in the test's own var/outbox.
    outboxDir: config.mail.outboxDir,
    checkDatabase: async () => void (await db.raw('select 1')),
    logger: createLogger('silent'),
    sessionSecret: 'test-session-secret-that-is-long-enough',
    upload: { maxFileBytes: options.maxFileBytes ?? 10 * 1024 * 1024, maxUncompressedBytes: 30 * 1024 * 1024 },
  };
  return { app: createApp(deps), deps, policies, accounts, audit, tokens };
}

/** A browser-like session: cookies kept, signed in through the real form, with the CSRF token of its pages. */
export async function signIn(app: HttpApp, username: string, password = PASSWORD) {
  const agent = request.agent(app);
  const form = await agent.get('/sign-in');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  const res = await agent.post('/sign-in').type('form').send({ username, password, _csrf: csrf });
  const page = await agent.get('/policies');
  const sessionCsrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return { agent, status: res.status, csrf: sessionCsrf };
}

export const usernameOf = (role: Role) => (role === 'admin' ? 'admin' : `${role}.user`);

// ---- Helpers for the HTTP suites (authorization matrix, sessions, uploads, escaping). ----

/** Rows in the tables an import writes, to show that a refused upload left nothing behind. */
export async function storedCounts(db: Database): Promise<{ versions: number; blobs: number; activations: number }> {
  const count = async (table: string) => Number(((await db(table).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
  return { versions: await count('policy_versions'), blobs: await count('policy_blobs'), activations: await count('policy_activations') };
}

/** A supertest parser that keeps the body as the exact bytes sent. */
export function rawBody(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  // At run time the response is Node's IncomingMessage; superagent's type does not say so.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The sample workbook's tables, edited, written the way the sample is (without its instructions sheet). */
export async function editedSample(edit: (tables: WorkbookTable[]) => void): Promise<Buffer> {
  const tables = sampleWorkbookTables();
  edit(tables);
  return writeWorkbook(tables);
}

/** The sample's tier table or special-service table for one offering. */
export function tableOf(tables: WorkbookTable[], offering: 'cloud' | 'on_premise', kind: 'tier' | 'special'): WorkbookTable {
  const found = tables.find((t) => t.sheet.includes(offering === 'cloud' ? '公有云' : 'On Premise') && (t.header[0] === '专项服务产品') === (kind === 'special'));
  if (!found) throw new Error(`no ${offering} ${kind} table in the sample`);
  return found;
}

/** The row of a table whose code column holds `code`. */
export function rowOf(table: WorkbookTable, code: string): string[] {
  const row = table.rows.find((r) => r.at(-1) === code);
  if (!row) throw new Error(`no row ${code} in ${table.title}`);
  return row;
}

/** The error code of a JSON error or of the HTML error page. */
export function errorCode(res: { body?: unknown; text?: string }): string | undefined {
  const json = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
  return json ?? /class="code">([A-Z_]+)</.exec(res.text ?? '')?.[1];
}

/** The first cookie named `name` among a response's Set-Cookie headers. */
export function setCookie(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const all = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return all.find((c) => c.startsWith(`${name}=`));
}

/** The hidden `_csrf` value of a rendered page's first form. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the page has no CSRF token');
  return token;
}

import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook, type WorkbookTable } from '../../src/workbook/workbook-writer.ts';
