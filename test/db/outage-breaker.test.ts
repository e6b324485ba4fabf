// The outage breaker on real MariaDB through a TCP proxy the test refuses and restores: while the database cannot
// be reached, queries fail at once with DatabaseOutageError instead of queueing in the pool for their 503, one
// connection attempt at a time finds the database back, and then queries go through again on the same pool.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { isDatabaseUnavailable } from '../../src/db/database-errors.ts';
import { DatabaseOutageError } from '../../src/db/outage-breaker.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const engine of ENGINES.filter((e) => e === 'mysql')) {
  describe(`the outage breaker [${engine}]`, () => {
    let tdb: TestDatabase;
    let proxy: TcpProxy;
    let db: Knex;
    const log: string[] = [];

    beforeAll(async () => {
      tdb = await createTestDatabase(engine);
      const target = parseDatabaseUrl(tdb.url);
      if (target.client !== 'mysql') throw new Error('expected MySQL');
      proxy = await startTcpProxy({ host: target.host, port: target.port });
      db = openDatabase({ ...target, port: proxy.port }, { warn: (m) => log.push(`warn ${m}`), error: (m) => log.push(`error ${m}`) });
    });
    afterAll(async () => {
      await db?.destroy();
      await proxy?.close();
      await tdb?.destroy();
    });

    it('answers at once while the database is unreachable, and lets queries through again once it is back', async () => {
      expect(await db.raw('select 1 as one')).toBeDefined();
      await proxy.refuse();
      // The pooled connection dies with the cut (its query fails, a failure of a query, not of connecting); the next
      // query's attempt to connect is refused, which opens the breaker.
      for (let i = 0; i < 3; i++) await expect(db.raw('select 1')).rejects.toSatisfy(isDatabaseUnavailable);
      expect(log.filter((l) => l.startsWith('error database unreachable (ECONNREFUSED)'))).toHaveLength(1);
      const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () => db.raw('select 1')));
      const reasons = outcomes.map((o) => (o.status === 'rejected' ? o.reason : null));
      expect(reasons.every((r) => r !== null && isDatabaseUnavailable(r))).toBe(true);
      // All but the odd probe are the breaker's own answer, not a wait in the pool.
      expect(reasons.filter((r) => r instanceof DatabaseOutageError).length).toBeGreaterThanOrEqual(195);
      expect(log.filter((l) => l.startsWith('error database unreachable (ECONNREFUSED)'))).toHaveLength(1);

      await proxy.restore();
      let back = false;
      for (let i = 0; i < 100 && !back; i++) {
        back = await db.raw('select 1').then(
          () => true,
          () => false,
        );
        if (!back) await sleep(50);
      }
      expect(back).toBe(true);
      const after = await Promise.allSettled(Array.from({ length: 50 }, () => db.raw('select 1')));
      expect(after.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(log.filter((l) => l.startsWith('warn database reachable again after'))).toHaveLength(1);
    });

    it('stays closed when the pool is merely busy: a full pool is not an outage', async () => {
      log.length = 0;
      // Twenty slow queries on a pool of ten: half wait for a connection, none is refused by the breaker.
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => db.raw('select sleep(0.2)')));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(log).toEqual([]);
    });
  });
}
