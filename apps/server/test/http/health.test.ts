import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { expect, test } from 'vitest';
import { registerHealthRoutes } from '../../src/http/health.ts';
import { useRouteSchemas } from '../../src/http/openapi.ts';
import { freePort } from '../support/platform.ts';

/**
 * What an orchestrator reads: /healthz says the process is alive whatever its backing
 * services do; /readyz says 503 and names what is out of reach, so traffic goes elsewhere.
 */
test('with the database and Redis out of reach, /healthz is 200 and /readyz is 503 naming both', async () => {
  const port = await freePort(); // nothing listens there
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: `postgres://yat@127.0.0.1:${port}/yat`, connectionTimeoutMillis: 1000 }) }) });
  const redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => 200 });
  redis.on('error', () => undefined);
  const app = Fastify();
  useRouteSchemas(app, { checkResponses: true });
  registerHealthRoutes(app, { db, redis });
  try {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    const body = ready.json() as { status: string; checks: { database: string; redis: string } };
    expect(body.status).toBe('unavailable');
    expect(body.checks.database).toMatch(/ECONNREFUSED|connect/i);
    expect(body.checks.redis).not.toBe('ok');
  } finally {
    redis.disconnect();
    await db.destroy();
    await app.close();
  }
});

test('with METRICS_PORT, metrics are served on that port alone', async () => {
  const { createMetrics, registerMetrics } = await import('../../src/http/metrics.ts');
  const { createLogger } = await import('../../src/logger.ts');
  const port = await freePort();
  const app = Fastify();
  useRouteSchemas(app, { checkResponses: true });
  const endpoint = registerMetrics(app, { metrics: createMetrics(), token: undefined, port, host: '127.0.0.1', open: true, log: createLogger({ logLevel: 'silent', env: 'test' }) });
  try {
    await new Promise((r) => setTimeout(r, 50));
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('yat_http_requests_total');
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(404);
  } finally {
    await endpoint.close();
    await app.close();
  }
});
