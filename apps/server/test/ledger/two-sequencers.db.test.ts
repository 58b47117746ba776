import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { openContext, type Context } from '../../src/context.ts';
import { createLogger } from '../../src/logger.ts';
import { verifyConsistency } from '../../src/ledger/merkle.ts';
import { testDialect } from '../support/context.ts';
import { startPlatform, type Platform } from '../support/platform.ts';

/**
 * Two instances on one PostgreSQL database: exactly one holds the sequencer's advisory lock
 * at any moment; when its database connection dies (as when its process dies) the other
 * takes over; the tree they build together is one append-only history.
 */
const onPostgres = testDialect() === 'postgres';
let p: Platform;
let ctx2: Context;
let b: App;

beforeAll(async () => {
  if (!onPostgres) return;
  p = await startPlatform({ LEDGER_INTERVAL_MS: '20' });
  ctx2 = await openContext({ config: { ...p.ctx.config }, logger: createLogger({ logLevel: 'silent', env: 'test' }) });
  b = await createApp(ctx2);
});
afterAll(async () => {
  if (!onPostgres) return;
  await b.close();
  await ctx2.close();
  await p.close();
});

test.runIf(onPostgres)('exactly one of two instances sequences, the other takes over when its connection dies, and the history is one', async () => {
  const a = p.app;
  const leaders = () => [a, b].filter((x) => x.ledger.sequencer!.isLeader()).length;
  let both = 0;
  const watch = setInterval(() => {
    if (leaders() > 1) both++;
  }, 5);
  try {
    for (let i = 0; i < 50 && leaders() === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(leaders()).toBe(1);

    const write = (n: number) => Promise.all([a, b].map((x, k) => (async () => {
      for (let i = 0; i < n; i++) await x.audit.record(x === a ? p.ctx.storage.db : ctx2.storage.db, { type: 'login.approved', outcome: 'success', residentId: `r${k}-${i % 5}`, clientId: 'svc' });
    })()));
    await write(200);

    // The leader's connection dies (what PostgreSQL sees when its process is killed).
    const db = p.ctx.storage.db;
    await sql`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and classid = 7311 and database = (select oid from pg_database where datname = current_database())`.execute(db);
    await write(200);
    for (let i = 0; i < 100 && (await a.ledger.store.pending()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 50 && leaders() === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(leaders()).toBe(1);
    expect(await a.ledger.store.pending()).toBe(0);
  } finally {
    clearInterval(watch);
  }
  expect(both).toBe(0);

  const counts = await a.ledger.store.counts();
  expect(counts).toMatchObject({ entries: 800, distinctEvents: 800, outbox: 0 });
  // Every checkpoint either instance published extends the one before it.
  const cps = await p.ctx.storage.db.selectFrom('ledger_checkpoints').select(['size', 'root']).orderBy('size').execute();
  for (let i = 1; i < cps.length; i++) {
    const [m, n] = [Number(cps[i - 1]!.size), Number(cps[i]!.size)];
    const proof = await a.ledger.store.consistencyProof(m, n);
    expect(verifyConsistency(m, n, Buffer.from(cps[i - 1]!.root, 'base64'), Buffer.from(cps[i]!.root, 'base64'), proof), `${m} → ${n}`).toBe(true);
  }
  expect(Number(cps.at(-1)!.size)).toBe(800);
}, 120_000);
