import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Adapter } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFlowState, type FlowState } from '../../src/oidc/flow-state.ts';
import { createRedisAdapter } from '../../src/oidc/redis-adapter.ts';
import { createSqlAdapter, sweepExpired } from '../../src/oidc/sql-adapter.ts';
import { openTestContext, type TestContext } from '../support/context.ts';

/**
 * oidc-provider's storage contract, checked the same way on every implementation: the
 * database adapter (SQLite or PostgreSQL, per the test project), the memory one for logins in
 * progress on SQLite, and the Redis adapter for short-lived state (when TEST_REDIS_URL is set,
 * as in CI).
 */
let ctx: TestContext;
let redis: Redis | undefined;
let flowState: FlowState;
const redisPrefix = `test:${crypto.randomBytes(4).toString('hex')}:`;

beforeAll(async () => {
  ctx = await openTestContext();
  flowState = createFlowState(ctx.storage.db);
  if (process.env.TEST_REDIS_URL) redis = new Redis(process.env.TEST_REDIS_URL);
});
afterAll(async () => {
  if (redis) {
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  flowState.close();
  await ctx.close();
});

const implementations: Array<[string, (model: string) => Adapter]> = [
  ['database', (model) => createSqlAdapter(ctx.storage.db, model)],
  ['memory (logins in progress, SQLite)', (model) => flowState.adapter(model)],
  ...(process.env.TEST_REDIS_URL ? [['redis', (model: string) => createRedisAdapter(redis!, model, redisPrefix)] as [string, (model: string) => Adapter]] : []),
];

describe.each(implementations)('%s adapter', (_name, adapter) => {
  const id = () => crypto.randomBytes(16).toString('base64url');

  test('upsert then find returns the payload; upsert again replaces it', async () => {
    const a = adapter('AccessToken');
    const key = id();
    await a.upsert(key, { jti: key, kind: 'AccessToken', accountId: 'r1', grantId: 'g1' }, 60);
    expect(await a.find(key)).toMatchObject({ jti: key, accountId: 'r1' });
    await a.upsert(key, { jti: key, kind: 'AccessToken', accountId: 'r2', grantId: 'g1' }, 60);
    expect(await a.find(key)).toMatchObject({ accountId: 'r2' });
  });

  test('models are separate namespaces', async () => {
    const key = id();
    await adapter('AuthorizationCode').upsert(key, { jti: key, kind: 'AuthorizationCode' }, 60);
    expect(await adapter('AccessToken').find(key)).toBeUndefined();
  });

  test('find of an unknown id is undefined', async () => {
    expect(await adapter('Session').find(id())).toBeUndefined();
  });

  test('consume marks the payload consumed with a timestamp, and keeps it', async () => {
    const a = adapter('AuthorizationCode');
    const key = id();
    await a.upsert(key, { jti: key, kind: 'AuthorizationCode', grantId: 'g2' }, 60);
    expect((await a.find(key))?.consumed).toBeUndefined();
    await a.consume(key);
    const after = await a.find(key);
    expect(typeof after?.consumed).toBe('number');
    expect(Math.abs(after!.consumed - Date.now() / 1000)).toBeLessThan(60);
  });

  test('destroy removes the payload', async () => {
    const a = adapter('Interaction');
    const key = id();
    await a.upsert(key, { jti: key, kind: 'Interaction' }, 60);
    await a.destroy(key);
    expect(await a.find(key)).toBeUndefined();
  });

  test('findByUid finds a session by its uid', async () => {
    const a = adapter('Session');
    const key = id();
    const uid = id();
    await a.upsert(key, { jti: key, kind: 'Session', uid }, 60);
    expect(await a.findByUid(uid)).toMatchObject({ jti: key });
    expect(await a.findByUid(id())).toBeUndefined();
  });

  test('findByUserCode finds a device code by its user code', async () => {
    const a = adapter('DeviceCode');
    const key = id();
    await a.upsert(key, { jti: key, kind: 'DeviceCode', userCode: 'ABCD-EFGH' + key.slice(0, 4) }, 60);
    expect(await a.findByUserCode('ABCD-EFGH' + key.slice(0, 4))).toMatchObject({ jti: key });
  });

  test('revokeByGrantId removes every artefact of that grant and nothing else', async () => {
    const grantId = id();
    const other = id();
    const at = adapter('AccessToken');
    const [k1, k2, k3] = [id(), id(), id()];
    await at.upsert(k1, { jti: k1, kind: 'AccessToken', grantId }, 60);
    await at.upsert(k2, { jti: k2, kind: 'AccessToken', grantId }, 60);
    await at.upsert(k3, { jti: k3, kind: 'AccessToken', grantId: other }, 60);
    await at.revokeByGrantId(grantId);
    expect(await at.find(k1)).toBeUndefined();
    expect(await at.find(k2)).toBeUndefined();
    expect(await at.find(k3)).toBeDefined();
  });

  test('an expired payload reads as absent', async () => {
    const a = adapter('AccessToken');
    const key = id();
    await a.upsert(key, { jti: key, kind: 'AccessToken' }, 1);
    expect(await a.find(key)).toBeDefined();
    await new Promise((r) => setTimeout(r, 1100));
    expect(await a.find(key)).toBeUndefined();
  });
});

test('the database sweeper deletes expired rows and keeps live ones', async () => {
  const a = createSqlAdapter(ctx.storage.db, 'ReplayDetection');
  await a.upsert('live', { jti: 'live', kind: 'ReplayDetection' }, 600);
  await a.upsert('dead', { jti: 'dead', kind: 'ReplayDetection' }, 600);
  await ctx.storage.db.updateTable('oidc_payloads').set({ expires_at: Date.now() - 1 }).where('id', '=', 'dead').execute();
  expect(await sweepExpired(ctx.storage.db)).toBeGreaterThanOrEqual(1);
  const left = await ctx.storage.db.selectFrom('oidc_payloads').select('id').where('model', '=', 'ReplayDetection').execute();
  expect(left.map((r) => r.id)).toEqual(['live']);
});

test('lookups by grant, uid and user code use indexes (partial: only rows that have the value), not a scan', async () => {
  const { sql } = await import('kysely');
  const db = ctx.storage.db;
  if (ctx.storage.dialect === 'sqlite') {
    for (const col of ['grant_id', 'uid', 'user_code']) {
      const plan = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT payload FROM oidc_payloads WHERE model = 'X' AND ${col} = 'y'`).execute(db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    }
  } else {
    // The planner's own answer, with sequential scans priced out so a small table still shows which index it would take.
    await sql`SET enable_seqscan = off`.execute(db);
    for (const col of ['grant_id', 'uid', 'user_code']) {
      const plan = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT payload FROM oidc_payloads WHERE model = 'X' AND ${col} = 'y'`).execute(db);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join(' ')).toMatch(new RegExp(`Index Scan (using|on) oidc_payloads_${col === 'grant_id' ? 'grant' : col}`));
    }
    await sql`SET enable_seqscan = on`.execute(db);
  }
});

test('logins in progress saved at a stop come back at the next start, consumed or not, and leave the database', async () => {
  const first = createFlowState(ctx.storage.db);
  const interaction = first.adapter('Interaction');
  const code = first.adapter('AuthorizationCode');
  await interaction.upsert('i-saved', { jti: 'i-saved', kind: 'Interaction', uid: 'u-saved' }, 600);
  await code.upsert('c-saved', { jti: 'c-saved', kind: 'AuthorizationCode', grantId: 'g-saved' }, 60);
  await code.consume('c-saved');
  await interaction.upsert('i-gone', { jti: 'i-gone', kind: 'Interaction' }, 600);
  await interaction.destroy('i-gone');
  expect(await first.save()).toBe(2);
  first.close();

  const second = createFlowState(ctx.storage.db);
  // With them, what the database adapter's tests above left of these models.
  expect(await second.restore()).toBeGreaterThanOrEqual(2);
  expect(await second.adapter('Interaction').find('i-saved')).toMatchObject({ jti: 'i-saved', uid: 'u-saved' });
  expect(await second.adapter('Interaction').find('i-gone')).toBeUndefined();
  expect(typeof (await second.adapter('AuthorizationCode').find('c-saved'))?.consumed).toBe('number');
  // Taken back once: a later start does not take them again.
  const rows = await ctx.storage.db.selectFrom('oidc_payloads').select('id').where('id', 'in', ['i-saved', 'c-saved']).execute();
  expect(rows).toEqual([]);
  second.close();
});

test('a stored step is a copy: changing the object the provider holds changes nothing until it is saved', async () => {
  const a = flowState.adapter('Interaction');
  const payload = { jti: 'copy', kind: 'Interaction', result: { login: { accountId: 'r1' } } };
  await a.upsert('copy', payload, 60);
  payload.result.login.accountId = 'someone else';
  const found = await a.find('copy');
  (found!.result as { login: { accountId: string } }).login.accountId = 'again';
  expect((await a.find('copy'))?.result).toEqual({ login: { accountId: 'r1' } });
});

test('the lookup indexes hold only the rows that have the value', async () => {
  const { sql } = await import('kysely');
  const db = ctx.storage.db;
  const definitions =
    ctx.storage.dialect === 'sqlite'
      ? (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'oidc_payloads'`.execute(db)).rows.map((r) => r.sql ?? '')
      : (await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE tablename = 'oidc_payloads'`.execute(db)).rows.map((r) => r.indexdef);
  for (const col of ['grant_id', 'uid', 'user_code']) {
    expect(definitions.find((d) => d.includes(`(${col})`) || d.includes(`("${col}")`))).toMatch(/where .*is not null/i);
  }
});
