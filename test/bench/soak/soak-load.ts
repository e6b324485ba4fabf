// The soak's load: `connections` loops, each sending one request after another through nginx, in the mix —
// 80% entitlement checks, 10% request intake and replies, 5% quota use with Idempotency-Keys (a fifth of them
// retried, some at the same time as the first try), 3% quote previews and quotes, 2% page views of a signed-in
// person. Every answer is kept (kind, status, time, when) and every acknowledged write (a 201) with its id, so the
// checks can find each one in the database at the end.
import { randomUUID } from 'node:crypto';
import type { Seed } from './soak-seed.ts';

export type Kind = 'check' | 'intake' | 'reply' | 'usage' | 'usage-retry' | 'quote-preview' | 'quote' | 'page';

export interface Answer {
  kind: Kind;
  status: number;
  ms: number;
  /** Seconds since the load began, when the request was sent. */
  at: number;
  /** The API error code of a refusal, when its body had the error shape. */
  code?: string;
}

export interface Acknowledged {
  requests: number[];
  comments: number[];
  quotes: string[];
  /** Idempotency-Key → usage id, for every 201 (a retry's 201 carries the first one's body). */
  usage: Map<string, number>;
}

// Services every tier has, quota-bearing ones, and on-premise-only ones (refused on cloud contracts with a reason).
const CHECK_SERVICES = ['issue_feedback', 'emergency_fault', 'phone_support', 'online_im', 'system_ops', 'code_diagnosis', 'data_repair', 'performance_tuning', 'db_migration'];
const TIMEOUT_MS = 15_000;

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

export function startLoad(url: string, seed: Seed, connections: number) {
  const answers: Answer[] = [];
  const acked: Acknowledged = { requests: [], comments: [], quotes: [], usage: new Map() };
  const began = performance.now();
  let running = true;
  const openRequests: number[] = [];

  const send = async (kind: Kind, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const at = (performance.now() - began) / 1000;
    const started = performance.now();
    let status = 0;
    let json: unknown = null;
    try {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = res.status;
      const text = await res.text();
      if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
    } catch {
      status = 0; // no answer within 15 s, or the connection failed: a hang as far as a client can tell
    }
    const code = (json as { error?: { code?: string } } | null)?.error?.code;
    answers.push({ kind, status, ms: performance.now() - started, at, ...(code ? { code } : {}) });
    return { status, json };
  };

  const contract = () => pick(seed.contracts);

  const usage = async () => {
    const quota = seed.contracts.filter((c) => c.codeDiagnosisPerYear !== null);
    if (quota.length === 0) return;
    const key = randomUUID();
    const body = { contractId: pick(quota).id, service: 'code_diagnosis', personDays: 1, note: key };
    const once = (kind: Kind) => send(kind, 'POST', '/api/usage', { token: seed.tokens.support, body, headers: { 'idempotency-key': key } });
    const roll = Math.random();
    // A fifth are retried: half after the first answer (a client that lost it), half at the same time (a double click).
    const tries = roll < 0.1 ? [once('usage'), once('usage-retry')] : [once('usage')];
    const results = await Promise.all(tries);
    if (roll >= 0.1 && roll < 0.2) results.push(await once('usage-retry'));
    for (const r of results) {
      const id = (r.json as { usage?: { id?: number }; id?: number } | null)?.usage?.id ?? (r.json as { id?: number } | null)?.id;
      if (r.status === 201 && typeof id === 'number') acked.usage.set(key, id);
    }
  };

  const intake = async () => {
    if (openRequests.length > 0 && Math.random() < 0.5) {
      const id = openRequests.shift()!;
      const r = await send('reply', 'POST', `/api/requests/${id}/comments`, { token: seed.tokens.support, body: { kind: 'reply', body: '您好,我们已收到,正在处理。' } });
      const comment = (r.json as { comment?: { id?: number } } | null)?.comment?.id;
      if (r.status === 201 && typeof comment === 'number') acked.comments.push(comment);
      return;
    }
    const r = await send('intake', 'POST', '/api/requests', {
      token: seed.tokens.support,
      body: { contractId: contract().id, service: 'issue_feedback', summary: '压测:凭证无法过账' },
      headers: { 'idempotency-key': randomUUID() },
    });
    const id = (r.json as { request?: { id?: number } } | null)?.request?.id;
    if (r.status === 201 && typeof id === 'number') {
      acked.requests.push(id);
      openRequests.push(id);
    }
  };

  const quote = async () => {
    const c = contract();
    const body = { customerId: pick(seed.customerIds), offering: c.offering === 'on_premise' ? 'on_premise' : 'cloud', tier: c.tier, termYears: 1, specialServices: [] };
    if (Math.random() < 2 / 3) {
      await send('quote-preview', 'POST', '/api/quotes/preview', { token: seed.tokens.sales, body });
      return;
    }
    const r = await send('quote', 'POST', '/api/quotes', { token: seed.tokens.sales, body });
    const number = (r.json as { quote?: { number?: string } } | null)?.quote?.number;
    if (r.status === 201 && typeof number === 'string') acked.quotes.push(number);
  };

  const one = async () => {
    const roll = Math.random() * 100;
    if (roll < 80) await send('check', 'POST', '/api/entitlements/check', { token: seed.tokens.support, body: { contractId: contract().id, service: pick(CHECK_SERVICES) } });
    else if (roll < 90) await intake();
    else if (roll < 95) await usage();
    else if (roll < 98) await quote();
    else await send('page', 'GET', pick(['/', '/requests', '/contracts']), { headers: { cookie: seed.pageCookie } });
  };

  const loops = Array.from({ length: connections }, async () => {
    while (running) await one();
  });
  return {
    answers,
    acked,
    elapsed: () => (performance.now() - began) / 1000,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
