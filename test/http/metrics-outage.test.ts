// /metrics while MySQL is away: the app talks to MariaDB through a TCP proxy on loopback that the test makes refuse
// connections. The scrape still answers 200 with what it can (the counters, the pool as it stands), leaves out what
// it cannot read (the outbox backlog, holiday data) and says so in entitle_metrics_source_up; once the database is
// back, the next scrapes read everything again.
import type { Knex } from 'knex';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';
import { parseScrape, sampleOf, type Scrape } from '../support/prometheus-text.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

for (const engine of ENGINES.filter((e) => e === 'mysql')) {
  describe(`GET /metrics while the database is away [${engine}]`, () => {
    let tdb: TestDatabase;
    let proxy: TcpProxy;
    let appDb: Knex;
    let t: TestApp;

    beforeAll(async () => {
      tdb = await createTestDatabase(engine);
      const target = parseDatabaseUrl(tdb.url);
      if (target.client !== 'mysql') throw new Error('expected MySQL');
      proxy = await startTcpProxy({ host: target.host, port: target.port });
      // The production pool and timeouts, pointed at the proxy.
      appDb = openDatabase({ ...target, port: proxy.port });
      t = await createTestApp(appDb);
    });
    afterAll(async () => {
      await proxy?.restore();
      await appDb?.destroy();
      await proxy?.close();
      await tdb?.destroy();
    });

    const scrape = async (): Promise<Scrape> => {
      const res = await request(t.app).get('/metrics');
      expect(res.status).toBe(200);
      return parseScrape(res.text);
    };

    it('answers with the counters and the pool, leaves out what it cannot read, and reads it again once the database is back', async () => {
      const decision = await request(t.app).post('/api/entitlements/check').set('Authorization', `Bearer ${t.tokens.support}`).send({ offering: 'cloud', tier: 'premium', service: 'issue_feedback' });
      expect(decision.body.entitled).toBe(true);
      const before = await scrape();
      expect(sampleOf(before, 'entitle_metrics_source_up', { source: 'outbox' })).toBe(1);
      const entitled = sampleOf(before, 'entitle_entitlement_decisions_total', { outcome: 'entitled', reason: 'none' });
      expect(entitled).toBeGreaterThanOrEqual(1);

      await proxy.refuse();
      const during = await scrape();
      expect(sampleOf(during, 'entitle_metrics_source_up', { source: 'outbox' })).toBe(0);
      expect(sampleOf(during, 'entitle_metrics_source_up', { source: 'holidays' })).toBe(0);
      expect([...during.samples.keys()].filter((key) => key.startsWith('entitle_outbox_messages') || key.startsWith('entitle_holiday_data_days_left'))).toEqual([]);
      // What is in memory is still reported.
      expect(sampleOf(during, 'entitle_entitlement_decisions_total', { outcome: 'entitled', reason: 'none' })).toBe(entitled);
      expect(sampleOf(during, 'entitle_metrics_source_up', { source: 'pool' })).toBe(1);
      expect(sampleOf(during, 'entitle_db_pool_max')).toBe((appDb.client.config as { pool: { max: number } }).pool.max);
      expect(during.samples.has('entitle_db_pool_connections{state="pending"}')).toBe(true);

      await proxy.restore();
      // The pool opens a fresh connection on demand: the next scrape (or one shortly after) reads the outbox again.
      let after = await scrape();
      const deadline = Date.now() + 30_000;
      const allUp = (s: Scrape) => ['outbox', 'policy', 'holidays', 'pool'].every((source) => sampleOf(s, 'entitle_metrics_source_up', { source }) === 1);
      while (!allUp(after) && Date.now() < deadline) after = await scrape();
      expect(sampleOf(after, 'entitle_metrics_source_up', { source: 'outbox' })).toBe(1);
      expect(sampleOf(after, 'entitle_metrics_source_up', { source: 'holidays' })).toBe(1);
      const counts = await t.deps.outbox.counts();
      expect(sampleOf(after, 'entitle_outbox_messages', { state: 'sent' })).toBe(counts.sent);
    });
  });
}
