/**
 * `node bench/analytics.ts [--events N] [--searches N]`: the analytics rollup's speed and the
 * CKAN search latency. Fills the audit log with N realistic events (test/support/audit-events.ts:
 * logins with shared fields, signatures, registrations online and at counters) over 30 days,
 * then times the rollup catching up from nothing, in its production batches, on SQLite and,
 * when BENCH_POSTGRES_URL (default: the local test database) answers, on PostgreSQL. Then
 * starts the platform (SQLite) and sends package_search requests (words, filters, facets,
 * paging) over HTTP, one at a time and 8 at a time. Results: docs/opendata.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adminQuery } from './lib/processes.ts';
import { createRollup } from '../apps/server/src/analytics/index.ts';
import { createApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openContext } from '../apps/server/src/context.ts';
import { createCounterStore } from '../apps/server/src/counter/counters.ts';
import { places } from '../apps/server/src/counter/places.ts';
import { createLogger } from '../apps/server/src/logger.ts';
import { insertSyntheticEvents } from '../apps/server/test/support/audit-events.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' }, searches: { type: 'string', default: '2000' } }, strict: false });
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
    if (dialect === 'postgres') await adminQuery(postgresUrl, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}

const queries = ['q=*:*', 'q=usage&rows=5', 'fq=res_format:GeoJSON', 'q=counters&facet.field=["groups","res_format","tags"]', 'q=登記', 'fq=groups:usage-statistics&sort=name+desc', 'rows=2&start=4&sort=title_string+asc', 'q=ledger+size&facet.field=["organization"]'];

/** package_search latency in milliseconds (p50, p95, p99) at a given concurrency. */
export async function ckanSearchLatency(count: number, concurrency: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-ckan-bench-'));
  const ctx = await openContext({ config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent', ISSUER: 'http://127.0.0.1:0', ANALYTICS_ROLLUP_INTERVAL_MS: '0', KEYS_FILE: path.join(dir, 'keys.json'), RATE_LIMIT_ALLOWLIST: '127.0.0.1' }), logger: createLogger({ logLevel: 'silent', env: 'test' }) });
  const app = await createApp(ctx);
  const url = await app.server.listen({ port: 0, host: '127.0.0.1' });
  try {
    const times: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const q = queries[next++ % queries.length]!;
        const t0 = performance.now();
        const res = await fetch(`${url}/api/3/action/package_search?${q}`);
        if (res.status !== 200) throw new Error(`package_search?${q} answered ${res.status}`);
        await res.arrayBuffer();
        times.push(performance.now() - t0);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100;
    return { concurrency, requests: count, perSecond: Math.round(count / seconds), p50ms: at(0.5), p95ms: at(0.95), p99ms: at(0.99) };
  } finally {
    await app.close();
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole scenario (also run by `npm run bench -- --only analytics`). */
export async function analyticsBench(events: number, searches: number) {
  const rollup: unknown[] = [await rollupSpeed('sqlite', events)];
  try {
    rollup.push(await rollupSpeed('postgres', events));
  } catch (err) {
    process.stderr.write(`PostgreSQL skipped: ${(err as Error).message}\n`);
  }
  const ckanSearch = [await ckanSearchLatency(searches, 1), await ckanSearchLatency(searches, 8)];
  return { date: new Date().toISOString(), cpus: os.cpus().length, rollup, ckanSearch };
}

if (import.meta.main) process.stdout.write(`${JSON.stringify(await analyticsBench(n, Number(values.searches)), null, 2)}\n`);
