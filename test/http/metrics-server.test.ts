// The server as `npm start` runs it: /metrics behind METRICS_TOKEN from the environment, with the process metrics the
// server adds and the sample's first-start import counted, and the scheduler's hook wired.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { parseScrape, sampleOf } from '../support/prometheus-text.ts';

const TOKEN = 'metrics-server-test-token-42';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-metrics-'));
let server: ServerProcess;

beforeAll(async () => {
  // The scheduler on: its runs at start (the catch-up) are counted through the hook src/main.ts wires.
  server = await startServer({ DATABASE_URL: `sqlite:${path.join(dir, 'entitle.db')}`, VAR_DIR: dir, ADMIN_PASSWORD: 'a long admin password', METRICS_TOKEN: TOKEN, REPORT_SCHEDULER: 'on' });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the server’s /metrics', () => {
  it('asks for METRICS_TOKEN, then shows the process, the first-start import and the version in force', async () => {
    const refused = await fetch(`${server.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('METRICS_TOKEN_REQUIRED');

    const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const scrape = parseScrape(await res.text());
    expect(sampleOf(scrape, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // An empty database: the sample was imported and activated at start, through the counted policy service.
    expect(sampleOf(scrape, 'entitle_policy_imports_total', { result: 'created' })).toBe(1);
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { policyVersion: number };
    expect(sampleOf(scrape, 'entitle_policy_version_in_force')).toBe(ready.policyVersion);
    expect(sampleOf(scrape, 'entitle_db_pool_max')).toBe(1);
    for (const source of ['outbox', 'policy', 'holidays', 'pool']) expect(sampleOf(scrape, 'entitle_metrics_source_up', { source }), source).toBe(1);
    // The yearly job catches up the last 31 days' slots at start (no contracts: each run is done at once), through the
    // scheduler's onRun hook. Waited for, not slept on.
    const yearlyDone = async () => {
      const r = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      return sampleOf(parseScrape(await r.text()), 'entitle_scheduler_runs_total', { job: 'yearly', outcome: 'done' });
    };
    const deadline = Date.now() + 60_000;
    while ((await yearlyDone()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await yearlyDone()).toBeGreaterThan(0);
    // The token is a secret: never in the log.
    expect(server.output()).not.toContain(TOKEN);
  });
});
