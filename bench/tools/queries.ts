/**
 * `node bench/tools/queries.ts [logins]`: which SQL statements one complete login costs.
 * Builds the platform in this process (production configuration, a temp SQLite database),
 * wraps its Kysely instance in a counting plugin, runs logins sequentially with the bench's
 * own flow, and prints statements per login by table and kind with their mean time.
 * A diagnostic for the profile ("SQLite writes" — which ones?), not part of `npm run bench`.
 *
 * `--lean-indexes` tries a schema change on the temp database before measuring (the server's
 * migrations are not touched): partial indexes on oidc_payloads' optional columns and no
 * expires_at index, so a row without a grant, uid or user code writes fewer B-trees.
 * `--no-autocheckpoint` turns SQLite's automatic WAL checkpoints off for the run, to see how
 * much of the slow-statement tail they cause (node:sqlite runs them on the event loop).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { createApp } from '@yat/server/app.ts';
import { loadConfig } from '@yat/server/config.ts';
import { openContext } from '@yat/server/context.ts';
import { loadOrCreateKeys } from '@yat/server/crypto/keystore.ts';
import { syntheticResident } from '@yat/server/identity/synthetic-registry.ts';
import { createLogger } from '@yat/server/logger.ts';
import { registerClient } from '@yat/server/oidc/client-registration.ts';
import { sql } from 'kysely';
import { PUBLIC_ORIGIN } from '../lib/deployments.ts';
import { yatLogin } from '../lib/flows.ts';
import { closeTarget, createTarget } from '../lib/http.ts';
import { freePort } from '../lib/processes.ts';
import { createRecorder, stats } from '../lib/recorder.ts';
import { createRpKey, discover } from '../lib/rp.ts';
import { startSmsSink } from '../lib/sms-sink.ts';
import { registerBenchWallet } from '../lib/wallet.ts';

type Tally = { count: number; ms: number; max: number; over5: number };

function countingPlugin(tally: Map<string, Tally>, on: { counting: boolean }): KyselyPlugin {
  const started = new Map<unknown, { key: string; t0: number }>();
  const keyOf = (node: RootOperationNode): string => {
    const n = node as unknown as { kind: string; into?: { table: { identifier: { name: string } } }; table?: { table: { identifier: { name: string } } }; from?: { froms: Array<{ table?: { identifier: { name: string } } }> } };
    const table = n.into?.table.identifier.name ?? n.table?.table.identifier.name ?? n.from?.froms[0]?.table?.identifier.name ?? '?';
    return `${n.kind.replace('QueryNode', '').toLowerCase()} ${table}`;
  };
  return {
    transformQuery(args: PluginTransformQueryArgs) {
      if (on.counting) started.set(args.queryId, { key: keyOf(args.node), t0: performance.now() });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const s = started.get(args.queryId);
      if (s) {
        started.delete(args.queryId);
        const t = tally.get(s.key) ?? { count: 0, ms: 0, max: 0, over5: 0 };
        const ms = performance.now() - s.t0;
        t.count++;
        t.ms += ms;
        t.max = Math.max(t.max, ms);
        if (ms > 5) t.over5++;
        tally.set(s.key, t);
      }
      return args.result;
    },
  };
}

async function main() {
  const args = process.argv.slice(2);
  const lean = args.includes('--lean-indexes');
  const noCheckpoint = args.includes('--no-autocheckpoint');
  const logins = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-queries-'));
  const sms = await startSmsSink();
  const port = await freePort();
  const config = loadConfig({ NODE_ENV: 'production', ISSUER: PUBLIC_ORIGIN, TRUST_PROXY: 'true', SMS_GATEWAY_URL: sms.url, DATA_DIR: dir, SEED_DEMO: 'no', RATE_LIMIT_ALLOWLIST: '127.0.0.1', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  // Production mode wants its keys made beforehand, as `yat keys init` would.
  await loadOrCreateKeys(path.join(dir, 'keys.json'));
  const ctx = await openContext({ config, logger: createLogger({ ...config, logLevel: 'warn' }, 2) });
  if (lean) {
    for (const col of ['grant_id', 'uid', 'user_code']) {
      const name = `oidc_payloads_${col === 'grant_id' ? 'grant' : col}`;
      await sql.raw(`DROP INDEX ${name}`).execute(ctx.storage.db);
      await sql.raw(`CREATE INDEX ${name} ON oidc_payloads(${col}) WHERE ${col} IS NOT NULL`).execute(ctx.storage.db);
    }
    await sql.raw('DROP INDEX oidc_payloads_expires').execute(ctx.storage.db);
  }
  if (noCheckpoint) await sql.raw('PRAGMA wal_autocheckpoint = 0').execute(ctx.storage.db);
  const tally = new Map<string, Tally>();
  const on = { counting: false };
  const counted = { ...ctx, storage: { ...ctx.storage, db: ctx.storage.db.withPlugin(countingPlugin(tally, on)) } };
  const app = await createApp(counted);
  await app.server.listen({ port, host: '127.0.0.1' });
  const people = [0, 1, 2, 3].map((i) => syntheticResident(i));
  for (const p of people) await app.registry.add(p);
  const key = createRpKey();
  const { client_id } = await registerClient(app, { name: 'Queries', redirectUris: ['https://service.bench.test/callback'], jwks: { keys: [key.publicJwk] }, scope: 'openid offline_access profile email' });
  const t = createTarget(PUBLIC_ORIGIN, [`http://127.0.0.1:${port}`], { behindProxy: true, connections: 4 });
  const endpoints = await discover(t);
  const wallet = await registerBenchWallet(t, sms, people[0]!);
  const rec = createRecorder();
  const env = { t, rp: { clientId: client_id, redirectUri: 'https://service.bench.test/callback', issuer: PUBLIC_ORIGIN, key, scope: 'openid offline_access profile email' }, endpoints, rec };
  for (let i = 0; i < 20; i++) await yatLogin(env, 0, wallet); // warm-up
  on.counting = rec.recording = true;
  const t0 = performance.now();
  for (let i = 0; i < logins; i++) await yatLogin(env, 0, wallet);
  const ms = performance.now() - t0;
  on.counting = false;
  const rows = [...tally].sort((a, b) => b[1].count - a[1].count);
  const total = rows.reduce((s, [, v]) => s + v.count, 0);
  const dbMs = rows.reduce((s, [, v]) => s + v.ms, 0);
  console.log(`${lean ? '[lean indexes] ' : ''}${noCheckpoint ? '[no autocheckpoint] ' : ''}${logins} sequential logins, ${(ms / logins).toFixed(2)} ms each (one at a time, client included); ${(total / logins).toFixed(1)} statements per login, ${(dbMs / logins).toFixed(2)} ms in the database per login`);
  console.log('| statement | per login | mean ms | max ms | over 5 ms |\n|---|---|---|---|---|');
  for (const [k, v] of rows) console.log(`| ${k} | ${(v.count / logins).toFixed(2)} | ${(v.ms / v.count).toFixed(3)} | ${v.max.toFixed(1)} | ${v.over5} |`);
  console.log(`flow p50 ${stats(rec.samples.get('flow') ?? []).p50} ms`);
  await closeTarget(t);
  await app.close();
  await ctx.close();
  await sms.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
