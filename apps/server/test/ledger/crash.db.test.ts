import os from 'node:os';
import { verificationCodeIn } from '../support/user-agent.ts';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerClient, registerWallets, seed, startYat, stopDeployment, yatEnv, type Deployment, type YatEnv, type YatSetup } from '../../../../bench/lib/deployments.ts';
import { browse, createJar } from '../../../../bench/lib/http.ts';
import { createRpKey, pushAuthorization } from '../../../../bench/lib/rp.ts';
import { startSmsSink, type SmsSink } from '../../../../bench/lib/sms-sink.ts';
import { walletApprove, walletDescribe, type BenchWallet } from '../../../../bench/lib/wallet.ts';
import { loadConfig } from '../../src/config.ts';
import { openStorage, type Storage } from '../../src/storage/db.ts';
import { testDialect } from '../support/context.ts';
import { yat } from './yat-cli.ts';

/**
 * `kill -9` of a real `yat serve` process while residents approve logins, then a restart:
 * every approval the wallet saw acknowledged is in the log, and no event is in it twice.
 * The processes, logins and wallets are the benchmark's (bench/lib), run briefly.
 */
let sms: SmsSink;
let e: YatEnv;
let setup: YatSetup;
let d: Deployment | undefined;
let storage: Storage;

beforeAll(async () => {
  sms = await startSmsSink();
  const database = testDialect();
  setup = { label: 'ledger-crash', database, postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://unused@127.0.0.1/unused', redisUrl: undefined, sms, key: createRpKey(), logDir: path.join(os.tmpdir(), 'yat-ledger-crash'), connections: 16 };
  e = await yatEnv(setup);
  e.env.LEDGER_INTERVAL_MS = '20';
  e.env.LOG_LEVEL = 'warn';
  await seed(e, 0, 100);
}, 120_000);
afterAll(async () => {
  if (d) await stopDeployment(d);
  await storage?.close();
  await sms.close();
});

async function approvals(dep: Deployment, wallets: BenchWallet[], stop: () => boolean): Promise<number> {
  let acknowledged = 0;
  await Promise.all(
    wallets.map(async (w, vu) => {
      while (!stop()) {
        try {
          const jar = createJar();
          const { url } = await pushAuthorization(dep.target, 0, dep.rp, dep.endpoints);
          const interaction = (await browse(dep.target, 0, jar, url)).location!;
          const page = await browse(dep.target, 0, jar, interaction);
          const link = /href="([^"]+)"[^>]*data-wallet-link/.exec(page.body)![1]!.replaceAll('&amp;', '&');
          const { token, view } = await walletDescribe(dep.target, vu, link);
          await walletApprove(dep.target, vu, w, token, view, verificationCodeIn(page.body));
          acknowledged++; // the server answered: the approval (and its ledger outbox row) committed
        } catch {
          if (stop()) return;
        }
      }
    }),
  );
  return acknowledged;
}

test('kill -9 while events flow: after restart nothing acknowledged is lost and nothing is duplicated', async () => {
  const clientId = await registerClient(e, setup.key);
  d = await startYat(setup, e, clientId, 1);
  await registerWallets(d, sms, 6, 100, 6);
  const server = d.servers[0]!;
  let killed = false;
  const running = approvals(d, d.wallets, () => killed);
  await new Promise((r) => setTimeout(r, 3000));
  server.child.kill('SIGKILL');
  killed = true;
  const acknowledged = await running;
  if (server.child.exitCode === null && server.child.signalCode === null) await new Promise((r) => server.child.once('exit', r));
  expect(acknowledged).toBeGreaterThan(5);
  const wallets = d.wallets;
  // The dead server's connections: destroyed, not drained (a graceful close would wait for them).
  await Promise.all(d.target.pools.map((pool) => pool.destroy()));

  d = await startYat(setup, e, clientId, 1);
  d.wallets = wallets;
  storage = await openStorage({ ...loadConfig(e.env), pgPoolSize: 2 });
  const db = storage.db;
  for (let i = 0; i < 200 && Number((await db.selectFrom('ledger_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) > 0; i++) await new Promise((r) => setTimeout(r, 50));

  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0]!.n);
  const audited = await count(sql<{ n: number }>`select count(*) as n from audit_events where resident_id is not null`);
  const entries = await count(sql<{ n: number }>`select count(*) as n from ledger_entries`);
  const distinct = await count(sql<{ n: number }>`select count(distinct audit_id) as n from ledger_entries`);
  const approved = await count(sql<{ n: number }>`select count(*) as n from ledger_entries e join audit_events a on a.id = e.audit_id where a.type = 'login.approved'`);
  const maxIdx = await count(sql<{ n: number }>`select coalesce(max(idx), -1) as n from ledger_entries`);
  const size = Number((await db.selectFrom('ledger_state').select('size').executeTakeFirstOrThrow()).size);
  expect(entries).toBe(audited); // every committed event is in the log…
  expect(distinct).toBe(entries); // …once
  expect(approved).toBeGreaterThanOrEqual(acknowledged);
  expect(maxIdx).toBe(entries - 1); // indexes 0..n-1 without a gap
  expect(size).toBe(entries);

  const verdict = JSON.parse((await yat(['ledger', 'audit', `${d.servers[0]!.origin}/ledger`])).stdout) as { ok: boolean; size: number };
  expect(verdict).toMatchObject({ ok: true, size: entries });
}, 180_000);
