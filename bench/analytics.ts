/**
 * `node bench/analytics.ts [--events N]`: the analytics rollup's speed. Fills the audit log
 * with N realistic events (test/support/audit-events.ts: logins with shared fields,
 * signatures, registrations online and at counters) over 30 days, then times the rollup
 * catching up from nothing, in its production batches, on SQLite and, when
 * BENCH_POSTGRES_URL (default: the local test database) answers, on PostgreSQL.
 * Results: docs/opendata.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createRollup } from '../apps/server/src/analytics/index.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openContext } from '../apps/server/src/context.ts';
import { createCounterStore } from '../apps/server/src/counter/counters.ts';
import { places } from '../apps/server/src/counter/places.ts';
import { createLogger } from '../apps/server/src/logger.ts';
import { insertSyntheticEvents } from '../apps/server/test/support/audit-events.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' } } });
const n = Number(values.events);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function rollupSpeed(dialect: 'sqlite' | 'postgres', count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-analytics-bench-'));
  const schema = `analytics_bench_${crypto.randomBytes(4).toString('hex')}`;
  const env = { NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent', ...(dialect === 'postgres' ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema } : {}) };
  const ctx = await openContext({ config: loadConfig(env), logger: createLogger({ logLevel: 'silent', env: 'test' }) });
  try {
    await createCounterStore(ctx.storage.db).seed();
    const services = Array.from({ length: 40 }, (_, i) => `svc_${i}`);
    await insertSyntheticEvents(ctx.storage.db, { count, days: 30, start: Date.UTC(2026, 0, 1), residents: Math.max(1000, count / 20), services, counters: places.map((p) => p.id) });
    const r = await createRollup({ storage: ctx.storage, log: ctx.log }).run();
    if (r.events !== count) throw new Error(`rolled up ${r.events} of ${count}`);
    const seconds = r.ms / 1000;
    return { dialect, events: count, seconds, perSecond: Math.round(count / seconds) };
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  }
}

const results = [await rollupSpeed('sqlite', n)];
try {
  results.push(await rollupSpeed('postgres', n));
} catch (err) {
  process.stderr.write(`PostgreSQL skipped: ${(err as Error).message}\n`);
}
process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, results }, null, 2)}\n`);
