import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDialect } from '../support/context.ts';
import { startPlatform, type Platform } from '../support/platform.ts';

/**
 * PostgreSQL ends the server's connections (a restart, a failover, a pooler, an operator's
 * pg_terminate_backend): requests in flight get a clean 503, the process carries on, and it
 * serves again by itself within seconds. Regression: an unheard 'error' event from the pool
 * once ended the process. (SQLite is embedded: it has no connection to lose.)
 */
describe.runIf(testDialect() === 'postgres')('losing the PostgreSQL connections', () => {
  let p: Platform;
  let admin: pg.Client;
  beforeAll(async () => {
    p = await startPlatform();
    admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await p?.close();
  });

  // A database read on every call: an unknown sign-in request is looked up, then a 404.
  const lookUp = () => fetch(`${p.issuer}/api/wallet/login-requests/${'a'.repeat(43)}`).then((r) => r.status);
  const ready = () => fetch(`${p.issuer}/readyz`).then((r) => r.status);
  const terminate = () => admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`yat/${process.pid}`]);

  test('requests in flight get 4xx or 503, never a 500; the server is ready again within 5 s and then answers without 5xx', async () => {
    await Promise.all(Array.from({ length: 10 }, lookUp));
    for (let round = 0; round < 3; round++) {
      const inFlight = Array.from({ length: 40 }, (_, i) => new Promise((r) => setTimeout(r, i * 3)).then(lookUp));
      const killed = await terminate();
      expect(killed.rowCount).toBeGreaterThan(0);
      const statuses = await Promise.all(inFlight);
      expect(statuses.filter((s) => s !== 404 && s !== 503)).toEqual([]);

      const lost = Date.now();
      while ((await ready()) !== 200) {
        expect(Date.now() - lost).toBeLessThan(5000);
        await new Promise((r) => setTimeout(r, 100));
      }
      const after = await Promise.all(Array.from({ length: 50 }, lookUp));
      expect(after.filter((s) => s !== 404)).toEqual([]);
    }
  });
});
