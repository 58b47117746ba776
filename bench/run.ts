/**
 * `npm run bench [-- --quick] [-- --cpu-prof]`: the platform's benchmark. Starts Yat in
 * production mode (SQLite, then PostgreSQL with 1 and 2 processes) and a bare oidc-provider,
 * seeds residents, registers wallets through the production path, drives complete logins and
 * the token endpoints, and writes bench/results/ (JSON, Markdown, SVG charts).
 * Method and latest results: docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dropEnv, registerClient, registerWallets, seed, startBare, startYat, stopDeployment, yatEnv, type Deployment, type YatSetup } from './lib/deployments.ts';
import { analyticsBench } from './analytics.ts';
import { root } from './lib/processes.ts';
import { summariseProfiles } from './lib/profile.ts';
import { updateDocs, writeReport } from './lib/report.ts';
import { createRpKey } from './lib/rp.ts';
import type { ScenarioResult } from './lib/scenario.ts';
import { makePlus, signingApprovals } from './lib/signing.ts';
import { startSmsSink } from './lib/sms-sink.ts';
import { seedTokenTable } from './lib/token-table.ts';
import { notifyBench } from './notify.ts';
import { clientCredentialGrants, loginAtRate, loginPeak, portalPages, refreshGrants, staticGet, userinfoCalls, type Timing } from './lib/suites.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    // e.g. --server-node-args="--max-semi-space-size=8": V8 flags for the Yat processes (experiments).
    'server-node-args': { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string' },
    // The registry's size for the large measurements (full runs: 1,000,000; e.g. 10000000).
    residents: { type: 'string' },
    // Grants and refresh tokens written into the token table before the large measurements,
    // as a platform in service holds them (full runs: 2,000,000; 0 for none).
    tokens: { type: 'string' },
  },
});
const quick = flags.quick!;
const serverNodeArgs = (flags['server-node-args'] ?? '').split(' ').filter(Boolean);
// --profile: only the SQLite login scenario, with the server under --cpu-prof (clean attribution).
const profileOnly = flags.profile!;
if (profileOnly) flags['cpu-prof'] = true;
const only = new Set((profileOnly ? 'sqlite' : (flags.only ?? 'bare,sqlite,postgres,notify')).split(','));
const outDir = path.resolve(flags.out ?? path.join(root, 'bench/results', profileOnly ? 'profile' : quick ? 'quick' : ''));
const logDir = path.join(os.tmpdir(), 'yat-bench-logs');
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const plan = quick
  ? { timing: { warmupMs: 1000, loginMs: 3000, shortMs: 1500, concurrency: 16 } satisfies Timing, small: 10_000, large: 0, wallets: 64 }
  : { timing: { warmupMs: 3000, loginMs: 15000, shortMs: 8000, concurrency: 32 } satisfies Timing, small: 10_000, large: Number(flags.residents ?? 1_000_000), wallets: 256 };
const tokenTable = quick ? 0 : Number(flags.tokens ?? 2_000_000);

const results: ScenarioResult[] = [];
const setupTimes: Record<string, number> = {};
const started = Date.now();
const note = (msg: string) => process.stderr.write(`${msg}\n`);

async function bare(key: ReturnType<typeof createRpKey>) {
  note('bare oidc-provider (memory adapter, trivial login)');
  const d = await startBare(key, logDir, 64);
  const base = { system: 'bare' as const, database: 'memory' as const, residents: 0, processes: 1 };
  try {
    results.push(await loginPeak(d, base, plan.timing));
    results.push(await refreshGrants(d, base, plan.timing));
    results.push(await clientCredentialGrants(d, base, plan.timing));
    results.push(await userinfoCalls(d, base, plan.timing));
    results.push(await staticGet(d, base, plan.timing, 'discovery'));
    results.push(await staticGet(d, base, plan.timing, 'jwks'));
  } finally {
    await stopDeployment(d);
  }
}

/** The token-side scenarios that follow a login scenario on the same deployment. */
async function tokenSide(d: Deployment, base: Parameters<typeof loginPeak>[1], full: boolean) {
  results.push(await refreshGrants(d, base, plan.timing));
  if (full) results.push(await clientCredentialGrants(d, base, plan.timing));
  results.push(await userinfoCalls(d, base, plan.timing));
  if (!full) return;
  results.push(await staticGet(d, base, plan.timing, 'discovery'));
  results.push(await staticGet(d, base, plan.timing, 'jwks'));
  results.push(...(await portalPages(d, base, plan.timing)));
}

async function yat(database: 'sqlite' | 'postgres', setup: Omit<YatSetup, 'database' | 'label'>) {
  note(`Yat on ${database}`);
  const e = await yatEnv({ ...setup, database, label: database });
  const s = { ...setup, database, label: `yat-${database}` };
  let d: Deployment | undefined;
  try {
    setupTimes[`${database}.seed_${plan.small}`] = await seed(e, 0, plan.small);
    const clientId = await registerClient(e, setup.key);
    const profiled = flags['cpu-prof'] && database === 'sqlite';
    d = await startYat(s, e, clientId, 1, serverNodeArgs, profiled ? path.join(outDir, 'profiles') : undefined);
    setupTimes[`${database}.register_${plan.wallets}_wallets`] = await registerWallets(d, setup.sms, plan.wallets, plan.small);
    let residents = plan.small;
    results.push(await loginPeak(d, { system: 'yat', database, residents, processes: 1 }, plan.timing, `.${residents}`));
    if (profileOnly) return;
    if (plan.large) {
      note(`  seeding ${plan.large - plan.small} more residents …`);
      setupTimes[`${database}.seed_${plan.large - plan.small}`] = await seed(e, plan.small, plan.large - plan.small);
      if (tokenTable) {
        note(`  writing ${tokenTable.toLocaleString('en')} grants and refresh tokens into the token table …`);
        setupTimes[`${database}.token_table_${tokenTable}`] = await seedTokenTable(e, postgresUrl, tokenTable, (n) => process.stderr.write(`\r  ${n.toLocaleString('en')} / ${tokenTable.toLocaleString('en')}`));
        process.stderr.write('\n');
      }
      residents = plan.large;
      results.push(await loginPeak(d, { system: 'yat', database, residents, processes: 1 }, plan.timing, `.${residents}`));
    }
    const base = { system: 'yat' as const, database, residents, processes: 1 };
    if (database === 'sqlite') {
      const peak = results.at(-1)!;
      results.push(await loginAtRate(d, base, plan.timing, Math.max(1, peak.opsPerSec * 0.7)));
    }
    await tokenSide(d, base, database === 'sqlite');
    if (database === 'sqlite') {
      await makePlus(e, postgresUrl, d.wallets.map((w) => w.residentId));
      results.push(await signingApprovals(d, base, plan.timing));
    }
    const wallets = d.wallets;
    await stopDeployment(d);
    d = undefined;
    if (database === 'postgres') {
      // Two instances on the same database and Redis; the generator is the sticky load balancer.
      d = await startYat({ ...s, label: 'yat-postgres-x2' }, e, clientId, 2, serverNodeArgs);
      d.wallets = wallets;
      const base2 = { ...base, processes: 2 };
      results.push(await loginPeak(d, base2, { ...plan.timing, concurrency: plan.timing.concurrency * 2 }, `.${residents}`));
      await tokenSide(d, base2, false);
    }
  } finally {
    if (d) await stopDeployment(d);
    await dropEnv(e, postgresUrl);
  }
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  if (flags['cpu-prof']) fs.rmSync(path.join(outDir, 'profiles'), { recursive: true, force: true });
  note(`Yat benchmark (${quick ? 'quick' : 'full'}) → ${path.relative(root, outDir) || '.'}; server logs in ${logDir}`);
  const sms = await startSmsSink();
  const key = createRpKey();
  try {
    if (only.has('bare')) await bare(key);
    const setup = { postgresUrl, redisUrl, sms, key, logDir, connections: 64 };
    if (only.has('sqlite')) await yat('sqlite', setup);
    if (only.has('postgres')) await yat('postgres', setup);
    if (only.has('notify')) results.push(...(await notifyBench(outDir, note, { sends: quick ? 500 : 5000, followers: quick ? 20_000 : 100_000, concurrency: 16 })));
    // Opt-in (--only analytics): the rollup's events/s and CKAN search latency, into analytics.json.
    if (only.has('analytics')) fs.writeFileSync(path.join(outDir, 'analytics.json'), JSON.stringify(await analyticsBench(quick ? 50_000 : 1_000_000, quick ? 500 : 5000), null, 2));
  } finally {
    await sms.close();
  }
  const profile = flags['cpu-prof'] ? summariseProfiles(path.join(outDir, 'profiles')) : undefined;
  const seconds = Math.round((Date.now() - started) / 1000);
  writeReport(outDir, {
    meta: {
      date: new Date(started).toISOString(),
      mode: quick ? 'quick' : 'full',
      seconds,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      timing: plan.timing,
      tokenTable,
      setupSeconds: Object.fromEntries(Object.entries(setupTimes).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    },
    results,
    profile,
  });
  // Only a complete default run stands for "the latest results" in the docs.
  if (!quick && !profileOnly && !flags.only && !flags.out) updateDocs(path.join(root, 'docs/benchmarks.md'), outDir);
  note(`done in ${seconds} s`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
