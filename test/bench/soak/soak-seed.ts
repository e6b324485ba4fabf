// What the soak's load needs before it starts: users and API tokens (made with the CLI, as an operator would),
// customers with contacts (so replies are e-mailed) and contracts of every offering × tier (through the API),
// each contract's yearly code-diagnosis quota as the app states it, and a signed-in browser session.
import { runCli } from '../../support/run-cli.ts';

export interface Seed {
  tokens: { support: string; sales: string; admin: string };
  contracts: { id: number; offering: string; tier: string; codeDiagnosisPerYear: number | null }[];
  customerIds: number[];
  /** Cookie header of a signed-in support user, for page views. */
  pageCookie: string;
}

const USER_PASSWORD = 'soak user password 1';

async function cli(args: string[], env: Record<string, string>, input?: string): Promise<string> {
  const result = await runCli(args, env, input === undefined ? {} : { input });
  if (result.code !== 0) throw new Error(`entitle ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function tokenFor(role: string, env: Record<string, string>): Promise<string> {
  await cli(['user', 'add', `soak.${role}`, '--role', role, '--password-stdin'], env, `${USER_PASSWORD}\n`);
  const out = await cli(['token', 'create', '--user', `soak.${role}`, '--name', `soak ${role}`], env);
  const token = /ent_\S+/.exec(out)?.[0];
  if (!token) throw new Error(`no token in: ${out}`);
  return token;
}

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Cookies a response sets, as one Cookie header with the ones given. */
function cookiesOf(res: Response, given = ''): string {
  const jar = new Map(given.split('; ').filter(Boolean).map((c) => c.split('=', 2) as [string, string]));
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function signIn(url: string, username: string): Promise<string> {
  const form = await fetch(`${url}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on the sign-in page');
  const cookie = cookiesOf(form);
  const res = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ username, password: USER_PASSWORD, _csrf: csrf, next: '/' }).toString(),
  });
  if (res.status !== 303) throw new Error(`signing in as ${username} answered ${res.status}`);
  return cookiesOf(res, cookie);
}

const OFFERINGS = ['cloud', 'on_premise'] as const;
const TIERS = ['basic', 'preferred', 'premium'] as const;

/** `customers` customers with one contract each, offerings and tiers in turn, in force for the whole run. */
export async function seed(url: string, env: Record<string, string>, customers: number): Promise<Seed> {
  const tokens = { support: await tokenFor('support', env), sales: await tokenFor('sales', env), admin: await tokenFor('admin', env) };
  const contracts: Seed['contracts'] = [];
  const customerIds: number[] = [];
  const year = new Date().getUTCFullYear();
  for (let i = 0; i < customers; i++) {
    const { customer } = await api<{ customer: { id: number } }>(url, tokens.admin, 'POST', '/api/customers', {
      name: `压测客户 ${i + 1}`,
      contacts: [{ name: `联系人 ${i + 1}`, email: `contact${i + 1}@customer.example` }],
    });
    customerIds.push(customer.id);
    const offering = OFFERINGS[i % 2]!;
    const tier = TIERS[Math.floor(i / 2) % 3]!;
    const { contract } = await api<{ contract: { id: number } }>(url, tokens.admin, 'POST', '/api/contracts', {
      customerId: customer.id,
      offering,
      tier,
      startsOn: `${year - 1}-01-01`,
      endsOn: `${year + 2}-12-31`,
    });
    const { decisions } = await api<{ decisions: { service: string; quota?: { kind: string; perYear?: number } }[] }>(url, tokens.admin, 'GET', `/api/contracts/${contract.id}/entitlements`);
    const quota = decisions.find((d) => d.service === 'code_diagnosis')?.quota;
    contracts.push({ id: contract.id, offering, tier, codeDiagnosisPerYear: quota?.kind === 'yearly_uses' ? (quota.perYear ?? null) : null });
  }
  return { tokens, contracts, customerIds, pageCookie: await signIn(url, 'soak.support') };
}
