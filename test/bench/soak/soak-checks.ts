// The soak's acceptance, read from the database at the end (mysql2 directly: the app's code is what is judged),
// and from the answers the load generator kept.
import mysql from 'mysql2/promise';
import type { SmtpSink } from '../../report/smtp-sink.ts';
import type { Acknowledged, Answer } from './soak-load.ts';
import type { Seed } from './soak-seed.ts';

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

const missing = (wanted: readonly (number | string)[], found: Set<number | string>) => wanted.filter((id) => !found.has(id));

async function column<T>(db: mysql.Connection, sql: string, params: unknown[] = []): Promise<T[]> {
  const [rows] = await db.query(sql, params);
  return (rows as Record<string, T>[]).map((r) => Object.values(r)[0] as T);
}

/** Every acknowledged write is stored; no quota overspent; no Idempotency-Key used twice; the outbox sent exactly once. */
/**
 * `killedAtMs`: when an instance was killed (epoch ms). A message it had sent but not yet recorded goes again after
 * its lease, under the same Message-ID: no sender can know whether a message it handed over just before dying
 * arrived. Such a copy is told apart (same Message-ID, first copy in the seconds before the kill); any other second
 * copy fails the check.
 */
export async function checkStore(databaseUrl: string, acked: Acknowledged, seed: Seed, smtp: SmtpSink, killedAtMs: number): Promise<Check[]> {
  const db = await mysql.createConnection(databaseUrl);
  try {
    const checks: Check[] = [];
    const requests = new Set(await column<number>(db, 'select id from service_requests'));
    const comments = new Set(await column<number>(db, 'select id from service_request_comments'));
    const quotes = new Set(await column<string>(db, 'select number from quotes'));
    const usageIds = new Set(await column<number>(db, 'select id from quota_usage'));
    const lost = [
      ...missing(acked.requests, requests).map((id) => `request ${id}`),
      ...missing(acked.comments, comments).map((id) => `comment ${id}`),
      ...missing(acked.quotes, quotes).map((n) => `quote ${n}`),
      ...missing([...acked.usage.values()], usageIds).map((id) => `usage ${id}`),
    ];
    const total = acked.requests.length + acked.comments.length + acked.quotes.length + acked.usage.size;
    checks.push({ name: 'no acknowledged write lost', passed: lost.length === 0, detail: lost.length ? `missing: ${lost.slice(0, 10).join(', ')}` : `${total} writes answered 201, all stored (${acked.requests.length} requests, ${acked.comments.length} replies, ${acked.quotes.length} quotes, ${acked.usage.size} uses)` });

    // Each use carries its Idempotency-Key as its note: a key stored twice is a retry that recorded a second use.
    const [twice] = await db.query('select note, count(*) as n from quota_usage group by note having count(*) > 1');
    const doubled = twice as { note: string; n: number }[];
    checks.push({ name: 'no Idempotency-Key recorded twice', passed: doubled.length === 0, detail: doubled.length ? `${doubled.length} keys: ${doubled.slice(0, 3).map((d) => d.note).join(', ')}` : `${usageIds.size} uses, each under its own key` });

    const [periods] = await db.query("select contract_id, period_start, count(*) as n from quota_usage where service = 'code_diagnosis' group by contract_id, period_start");
    const grants = new Map(seed.contracts.map((c) => [c.id, c.codeDiagnosisPerYear]));
    const over = (periods as { contract_id: number; period_start: string; n: number }[]).filter((p) => Number(p.n) > (grants.get(Number(p.contract_id)) ?? 0));
    checks.push({ name: 'no quota overspent', passed: over.length === 0, detail: over.length ? over.map((o) => `contract ${o.contract_id} ${o.period_start}: ${o.n} uses of ${grants.get(Number(o.contract_id))}`).join('; ') : `${(periods as unknown[]).length} contract years with code diagnosis used, none beyond its grant` });

    const [outbox] = await db.query("select id, status from outbox where channel = 'email'");
    const rows = outbox as { id: number; status: string }[];
    const unsent = rows.filter((r) => r.status !== 'sent');
    const received = new Map<number, { at: number; messageId: string | undefined }[]>();
    for (const mail of smtp.received) {
      const id = Number(mail.parsed.headers.get('x-entitle-outbox-id'));
      received.set(id, [...(received.get(id) ?? []), { at: mail.at, messageId: mail.parsed.messageId }]);
    }
    const copiedTwice = [...received].filter(([, copies]) => copies.length > 1);
    const inFlightAtKill = ([, copies]: [number, { at: number; messageId: string | undefined }[]]) =>
      copies.length === 2 && copies[0]!.messageId === copies[1]!.messageId && copies[0]!.at <= killedAtMs + 2_000 && copies[0]!.at > killedAtMs - 5_000;
    const duplicates = copiedTwice.filter((d) => !inFlightAtKill(d));
    const neverArrived = rows.filter((r) => r.status === 'sent' && !received.has(Number(r.id)));
    checks.push({
      name: 'every queued message sent exactly once',
      passed: unsent.length === 0 && duplicates.length === 0 && neverArrived.length === 0,
      detail: `${rows.length} messages queued, ${smtp.received.length} received; not sent: ${unsent.length}; received twice: ${duplicates.length}${duplicates.length ? ` (${duplicates.map(([id, copies]) => `#${id} at ${copies.map((c) => `${((c.at - killedAtMs) / 1000).toFixed(1)} s`).join(' and ')} from the kill`).join('; ')})` : ''}; marked sent but never received: ${neverArrived.length}; sent by the killed instance in its last seconds and sent again after the lease, under the same Message-ID: ${copiedTwice.length - duplicates.length}`,
    });
    return checks;
  } finally {
    await db.end();
  }
}

export interface Window {
  from: number;
  to: number;
}

/** While the database was down: fast 503s in the API's error shape; no 500, no hang, no crash. Then recovery within 10 s. */
export function checkOutage(answers: readonly Answer[], outage: Window, nextFaultAt: number): Check[] {
  const during = answers.filter((a) => a.at >= outage.from + 1 && a.at < outage.to);
  const by = (s: number) => during.filter((a) => a.status === s);
  const unavailable = by(503);
  const shaped = unavailable.filter((a) => a.code !== undefined || a.kind === 'page');
  // Fast: well inside the pool's acquire timeout (10 s), which is how long a request queued for a connection waited.
  const slow = unavailable.filter((a) => a.ms > 5000);
  const bad = during.filter((a) => a.status === 0 || a.status >= 500 && a.status !== 503);
  const checks: Check[] = [
    {
      name: 'database down: fast 503s in the error shape, no 500, no hang',
      passed: unavailable.length > 0 && shaped.length === unavailable.length && bad.length === 0 && slow.length === 0,
      detail: `${during.length} answers while down: ${unavailable.length} × 503 (${shaped.length} in the error shape, ${slow.length} slower than 5 s, p99 ${percentile(unavailable.map((a) => a.ms), 99).toFixed(0)} ms), ${bad.length} other 5xx or unanswered, ${during.length - unavailable.length - bad.length} answered normally`,
    },
  ];
  // Answered before the next fault (an instance killed), whose own failures are judged apart.
  const after = answers.filter((a) => a.at >= outage.to && a.at + a.ms / 1000 < nextFaultAt);
  const lastFailure = after.filter((a) => a.status === 503 || a.status === 0 || a.status >= 500).reduce((m, a) => Math.max(m, a.at + a.ms / 1000), outage.to);
  const recovered = lastFailure - outage.to;
  checks.push({ name: 'recovered by itself within 10 s of the database’s return', passed: recovered <= 10, detail: `last failure ${recovered.toFixed(1)} s after the database took connections again` });
  return checks;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
