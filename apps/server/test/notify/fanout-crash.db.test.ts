import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createAudit } from '../../src/audit/audit.ts';
import { loadConfig } from '../../src/config.ts';
import { openContext, type Context } from '../../src/context.ts';
import { createLogger } from '../../src/logger.ts';
import { createTopics } from '../../src/notify/topics.ts';
import { dropTestData, testEnv } from '../support/context.ts';
import { yat } from '../ledger/yat-cli.ts';

/**
 * A topic publication to 100,000 followers (bulk-inserted with SQL) is fanned out by a real
 * `yat notify worker` process, killed with SIGKILL mid-way; two workers started afterwards
 * finish it. Every follower has it exactly once, and the delivery report says so.
 */
const FOLLOWERS = 100_000;
const main = path.resolve(import.meta.dirname, '../../../../packages/cli/src/main.ts');
let ctx: Context;
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = testEnv({ NOTIFY_FANOUT_BATCH: '2000', NOTIFY_FANOUT_PAUSE_MS: '40', LEDGER: 'false' });
  env = t.env;
  ctx = await openContext({ config: loadConfig(env), logger: createLogger({ logLevel: 'silent', env: 'test' }) });
  cleanup = () => dropTestData(t.dataDir, t.schema);
  const db = ctx.storage.db;
  const numbers = ctx.storage.dialect === 'postgres' ? sql`select i from generate_series(1, ${FOLLOWERS}) as g(i)` : sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${FOLLOWERS}) select i from n`;
  await sql`insert into residents (id, registry_ref, profile_enc, assurance, status, created_at) select 'bulk-' || (1000000 + i), 'ref-' || (1000000 + i), 'x', 'standard', 'active', 0 from (${numbers}) as s`.execute(db);
  const topics = createTopics({ db, audit: createAudit({ db, log: ctx.log }) });
  await topics.seed();
  await sql`insert into notify_topic_followers (topic_id, resident_id, created_at) select 'typhoon-rainstorm', id, 0 from residents`.execute(db);
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  await cleanup?.();
});

const report = () => ctx.storage.db.selectFrom('notify_publications').select(['delivered', 'status', 'total']).executeTakeFirstOrThrow();

test('kill -9 mid-way through a fan-out to 100,000 followers: resumed, each follower gets it exactly once', async () => {
  const topics = createTopics({ db: ctx.storage.db, audit: createAudit({ db: ctx.storage.db, log: ctx.log }) });
  const published = await topics.publish('typhoon-rainstorm', { category: 'security', title: { en: 'Typhoon signal No. 8', 'zh-Hant': '八號烈風或暴風信號' }, body: { en: 'Stay indoors.', 'zh-Hant': '請留在室內。' } }, { kind: 'operator', name: 'test' });
  expect(published.total).toBe(FOLLOWERS);

  const worker = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', main, 'notify', 'worker', '--until-idle'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const exited = new Promise((r) => worker.once('exit', r));
  let seen = 0;
  while (seen === 0) {
    await new Promise((r) => setTimeout(r, 25));
    seen = (await report()).delivered;
  }
  worker.kill('SIGKILL');
  await exited;
  const atKill = await report();
  expect(atKill.delivered).toBeGreaterThan(0);
  expect(atKill.delivered).toBeLessThan(FOLLOWERS);
  expect(atKill.status).toBe('running');

  // Two workers resume it at once (as several instances would).
  const fast = { ...env, NOTIFY_FANOUT_PAUSE_MS: '0' };
  const [a, b] = await Promise.all([yat(['notify', 'worker', '--until-idle'], fast), yat(['notify', 'worker', '--until-idle'], fast)]);
  expect([a.code, b.code]).toEqual([0, 0]);

  const db = ctx.storage.db;
  const counts = await db
    .selectFrom('notify_topic_deliveries')
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>('resident_id').distinct().as('residents')])
    .where('publication_id', '=', published.id)
    .executeTakeFirstOrThrow();
  expect({ rows: Number(counts.rows), residents: Number(counts.residents) }).toEqual({ rows: FOLLOWERS, residents: FOLLOWERS });
  expect(await topics.report(published.id)).toMatchObject({ status: 'done', total: FOLLOWERS, delivered: FOLLOWERS, pushed: 0 });
}, 120_000);
