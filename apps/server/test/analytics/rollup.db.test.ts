import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRollup, type Rollup } from '../../src/analytics/index.ts';
import { createAnalyticsStore } from '../../src/analytics/store.ts';
import { places } from '../../src/counter/places.ts';
import { createCounterStore } from '../../src/counter/counters.ts';
import type { Db } from '../../src/storage/db.ts';
import { insertSyntheticEvents } from '../support/audit-events.ts';
import { openTestContext, type TestContext } from '../support/context.ts';

/**
 * The rollup on a real database: run once, or stopped (an abort, a failure) and resumed,
 * the tables come out identical; a second runner finds the lock taken; no resident id is
 * kept; the sketch's estimate of distinct active residents is within its error.
 */
let ctx: TestContext;
let db: Db;
let rollup: Rollup;
const start = Date.UTC(2026, 2, 1) - 8 * 3_600_000; // midnight, Hong Kong time
const services = ['svc_library', 'svc_tax', 'svc_housing'];

async function tables() {
  const counts = await db.selectFrom('analytics_counts').selectAll().orderBy('grain').orderBy('metric').orderBy('bucket').orderBy('dim').execute();
  const sketches = (await db.selectFrom('analytics_sketches').selectAll().orderBy('grain').orderBy('bucket').execute()).map((s) => ({ ...s, registers: Buffer.from(s.registers).toString('base64') }));
  const state = await db.selectFrom('analytics_state').select(['cursor', 'events']).execute();
  return { counts: counts.map((c) => ({ ...c, bucket: Number(c.bucket), value: Number(c.value) })), sketches, state: state.map((s) => ({ cursor: Number(s.cursor), events: Number(s.events) })) };
}

async function reset() {
  for (const t of ['analytics_counts', 'analytics_sketches', 'analytics_state'] as const) await db.deleteFrom(t).execute();
}

beforeAll(async () => {
  ctx = await openTestContext();
  db = ctx.storage.db;
  await createCounterStore(db).seed();
  await insertSyntheticEvents(db, { count: 3000, days: 3, start, residents: 400, services, counters: places.map((p) => p.id) });
  rollup = createRollup({ storage: ctx.storage, log: ctx.log });
});

afterAll(async () => {
  await ctx?.close();
});

describe('analytics rollup', () => {
  let once: Awaited<ReturnType<typeof tables>>;

  test('run once: every event counted, by hour and by day', async () => {
    const r = await rollup.run({ batchSize: 5000 });
    expect(r).toMatchObject({ ran: true, events: 3000 });
    once = await tables();
    const total = once.counts.filter((c) => c.grain === 'day' && c.metric === 'events').reduce((s, c) => s + c.value, 0);
    expect(total).toBe(3000);
    const hourly = once.counts.filter((c) => c.grain === 'hour' && c.metric === 'events').reduce((s, c) => s + c.value, 0);
    expect(hourly).toBe(3000);
    const approved = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'login.approved').executeTakeFirstOrThrow();
    expect(once.counts.filter((c) => c.grain === 'day' && c.metric === 'logins.approved').reduce((s, c) => s + c.value, 0)).toBe(Number(approved.n));
    expect(once.state).toEqual([{ cursor: expect.any(Number), events: 3000 }]);
    // Running again finds nothing new: idempotent.
    expect(await rollup.run({ batchSize: 5000 })).toMatchObject({ ran: true, events: 0 });
    expect(await tables()).toEqual(once);
  });

  test('stopped by an abort and by a failure, then resumed: the same tables as one run', async () => {
    await reset();
    const stop = new AbortController();
    const first = await rollup.run({ batchSize: 97, signal: stop.signal, onProgress: (p) => p.events >= 97 * 5 && stop.abort() });
    expect(first.events).toBe(97 * 5);
    await expect(
      rollup.run({
        batchSize: 131,
        onProgress: (p) => {
          if (p.events >= 131 * 4) throw new Error('the process died here');
        },
      }),
    ).rejects.toThrow('the process died here');
    const rest = await rollup.run({ batchSize: 1000 });
    expect(first.events + 131 * 4 + rest.events).toBe(3000);
    expect(await tables()).toEqual(once);
  });

  test('new events later are added to the same buckets', async () => {
    await reset();
    const { n } = await db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('n')).executeTakeFirstOrThrow();
    // Roll up the first half, then the rest arrives (hidden from the rollup until then).
    await sql`update audit_events set at = at + 1000000000000 where id > ${Math.floor(Number(n) / 2)}`.execute(db);
    await rollup.run({ batchSize: 400, lagMs: Date.now() - (start + 10 * 86_400_000) });
    await sql`update audit_events set at = at - 1000000000000 where id > ${Math.floor(Number(n) / 2)}`.execute(db);
    await rollup.run({ batchSize: 400 });
    expect(await tables()).toEqual(once);
  });

  test('one runner at a time', async () => {
    const [a, b] = await Promise.all([rollup.run(), rollup.run()]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
  });

  test('another process holding the lock: this one skips its round', async () => {
    if (ctx.storage.dialect === 'postgres') {
      await db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(7312, hashtext(current_schema()))`.execute(conn);
        try {
          expect((await rollup.run()).ran).toBe(false);
        } finally {
          await sql`select pg_advisory_unlock(7312, hashtext(current_schema()))`.execute(conn);
        }
      });
    } else {
      const other = new DatabaseSync(`${ctx.storage.file}.analytics-lock`);
      other.exec('BEGIN IMMEDIATE');
      try {
        expect((await rollup.run()).ran).toBe(false);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    }
    expect((await rollup.run()).ran).toBe(true);
  });

  test('no resident id is kept; the distinct-resident estimate is within 5 %', async () => {
    const text = JSON.stringify(await tables());
    expect(text).not.toMatch(/resident-\d+/);
    const store = createAnalyticsStore(db);
    const day = await store.active('day', start, start + 86_400_000);
    const actual = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.count('resident_id').distinct().as('n'))
      .where('at', '>=', start)
      .where('at', '<', start + 86_400_000)
      .where('type', 'in', ['login.approved', 'registration.completed', 'signing.approved', 'profile.updated', 'counter.upgrade.completed'])
      .executeTakeFirstOrThrow();
    expect(Math.abs(day[0]!.value - Number(actual.n)) / Number(actual.n)).toBeLessThan(0.05);
    const month = await store.active('month', start, start + 3 * 86_400_000);
    expect(month).toHaveLength(1);
    expect(month[0]!.value).toBeGreaterThanOrEqual(day[0]!.value);
  });
});
