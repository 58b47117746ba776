import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createApp } from '@yat/server/app.ts';
import { loadConfig } from '@yat/server/config.ts';
import { openContext } from '@yat/server/context.ts';
import { createLogger } from '@yat/server/logger.ts';
import { demoResidents } from '@yat/server/identity/synthetic-registry.ts';
import { freePort, startServer, stopServer, yat, yatServe, root } from './lib/processes.ts';
import { runFuzz, type FuzzStats } from './fuzz/run.ts';
import { writeFuzzReport, type RssSample } from './fuzz/report.ts';

/**
 * `npm run fuzz`: generated bad input on every route of `yat serve` (found from the route
 * table, not a hand list), in its own process, on the embedded database (or PostgreSQL with
 * --postgres URL). Counts 5xx answers, leaks of internal detail and crashes (each must be 0),
 * samples the server's memory, and writes the figures to docs/reliability.md.
 *   npm run fuzz -- [--requests 100000] [--seed N] [--concurrency 8] [--postgres URL]
 */
const { values: args } = parseArgs({ options: { requests: { type: 'string', default: '100000' }, seed: { type: 'string', default: String(Date.now() % 1_000_000) }, concurrency: { type: 'string', default: '8' }, postgres: { type: 'string' } } });
const count = Number(args.requests);
const seed = Number(args.seed);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-fuzz-'));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const env: Record<string, string> = {
  NODE_ENV: 'development',
  ISSUER: origin,
  DATA_DIR: dir,
  SEED_DEMO: 'no',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_ALLOWLIST: '127.0.0.1',
  ...(args.postgres ? { DATABASE_URL: args.postgres, DATABASE_SCHEMA: `fuzz_${seed}` } : {}),
};

// The route table, exactly as the server registers it.
const ctx = await openContext({ config: loadConfig({ ...env, PORT: String(port) }), logger: createLogger({ logLevel: 'silent', env: 'test' }) });
const app = await createApp(ctx);
const routes = app.server.routeTable.filter((r) => r.method !== 'HEAD');
await app.close();
await ctx.close();

for (const r of demoResidents.slice(0, 3)) await yat(['registry', 'add', '--id-number', r.idNumber, '--name', `${r.nameEn.family} ${r.nameEn.given}`.trim(), '--dob', r.dob, '--phone', r.phone], env);
const { client_id } = (await yat(['client', 'add', '--name', 'Fuzz service', '--redirect-uri', 'https://fuzz.example/cb', '--secret'], env)) as { client_id: string };
const server = await startServer('fuzz', yatServe, env, { port, logDir: path.join(dir, 'logs') });

const live = await liveValues(origin, client_id);
process.stderr.write(`Fuzzing ${routes.length} routes of ${origin} with ${count.toLocaleString('en')} requests (seed ${seed}); live identifiers: ${live.length}\n`);
const rss: RssSample[] = [];
const bar = new cliProgress.SingleBar({ format: 'fuzz [{bar}] {percentage}% | {value}/{total} | 5xx or leaks: {bad} | RSS {rss} MB', hideCursor: true }, cliProgress.Presets.shades_classic);
bar.start(count, 0, { bad: 0, rss: 0 });
let stats: FuzzStats;
let crashed = false;
try {
  stats = await runFuzz({
    origin,
    routes,
    live,
    count,
    seed,
    concurrency: Number(args.concurrency),
    onBatch: (done, s) => {
      if (server.child.exitCode !== null) throw new Error(`the server exited (${server.child.exitCode})`);
      const mb = rssMb(server.child.pid!);
      rss.push({ requests: done, mb });
      bar.update(done, { bad: s.failures.length, rss: mb });
    },
  });
} catch (err) {
  crashed = true;
  throw err;
} finally {
  bar.stop();
  crashed ||= server.child.exitCode !== null;
  await stopServer(server);
}

const report = writeFuzzReport({ root, seed, routes: routes.length, stats, rss, crashed, database: args.postgres ? 'PostgreSQL' : 'SQLite', logFile: server.logFile });
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(report.fiveHundreds === 0 && report.leaks === 0 && !crashed ? 0 : 1);

function rssMb(pid: number): number {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** A real registration and a real sign-in page, whose identifiers the fuzzer puts into other steps. */
async function liveValues(base: string, clientId: string): Promise<string[]> {
  const r = demoResidents[0]!;
  const reg = (await (await fetch(`${base}/api/wallet/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idNumber: r.idNumber, dob: r.dob }) })).json()) as { registrationId: string };
  const auth = new URL('/oidc/auth', base);
  auth.search = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: 'https://fuzz.example/cb', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', state: 'fuzz' }).toString();
  const toPage = await fetch(auth, { redirect: 'manual' });
  const location = toPage.headers.get('location') ?? '';
  const cookies = toPage.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const uid = /\/interaction\/([A-Za-z0-9_-]+)/.exec(location)?.[1];
  const page = uid ? await (await fetch(new URL(location, base), { headers: { cookie: cookies, accept: 'text/html' } })).text() : '';
  const token = /wallet\/login#([A-Za-z0-9_-]{43})/.exec(page)?.[1];
  return [reg.registrationId, clientId, uid, token].filter((v): v is string => !!v);
}
