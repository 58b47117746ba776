import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { syntheticResident } from '@yat/server/identity/synthetic-registry.ts';
import { closeTarget, createTarget, type Target } from './http.ts';
import { connectProfiler, type Profiler } from './inspector.ts';
import { adminQuery, freePort, root, startServer, stopServer, yat, yatServe, type Server } from './processes.ts';
import { discover, type Endpoints, type Rp, type RpKey, type Tokens } from './rp.ts';
import type { SmsSink } from './sms-sink.ts';
import { registerBenchWallet, type BenchWallet } from './wallet.ts';

/**
 * A deployment under test. Yat runs exactly as in production (NODE_ENV=production, an https
 * ISSUER, TRUST_PROXY=true behind the generator acting as the TLS-terminating proxy, the
 * SMS gateway adapter) with a throw-away database: a SQLite file in a temp DATA_DIR, or a
 * PostgreSQL schema dropped afterwards.
 */
export const PUBLIC_ORIGIN = 'https://login.yat.bench';
export const REDIRECT_URI = 'https://service.bench.test/callback';
const SCOPE = 'openid offline_access profile email';

export type Deployment = {
  label: string;
  database: 'sqlite' | 'postgres' | 'memory';
  servers: Server[];
  target: Target;
  endpoints: Endpoints;
  rp: Rp;
  wallets: BenchWallet[];
  /** Tokens from logins, for the refresh and userinfo scenarios (one refresh chain each). */
  tokens: Tokens[];
  /** PostgreSQL backends serving this deployment's database (their CPU counts too). */
  dbPids?: () => Promise<number[]>;
  /** With --cpu-prof: the first instance's profiler, and where scenario profiles go. */
  profiler?: Profiler;
  profileDir?: string;
};

export type YatSetup = {
  label: string;
  database: 'sqlite' | 'postgres';
  postgresUrl: string;
  redisUrl: string | undefined;
  sms: SmsSink;
  key: RpKey;
  logDir: string;
  connections: number;
};

export type YatEnv = { env: Record<string, string>; dir: string; database?: string };

/** The deployment's own database, opened as an operator's script would: its PostgreSQL database, or the SQLite file. */
export async function withDeploymentDb<T>(e: YatEnv, postgresUrl: string, use: { postgres(c: pg.Client): Promise<T>; sqlite(db: DatabaseSync): T }): Promise<T> {
  if (e.database) {
    const url = new URL(postgresUrl);
    url.pathname = `/${e.database}`;
    const c = new pg.Client({ connectionString: url.href });
    await c.connect();
    try {
      return await use.postgres(c);
    } finally {
      await c.end();
    }
  }
  const db = new DatabaseSync(path.join(e.dir, 'yat.db'));
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return use.sqlite(db);
  } finally {
    db.close();
  }
}

/**
 * PostgreSQL gets a database of its own (created here, dropped afterwards) rather than a
 * DATABASE_SCHEMA in a shared one: Kysely's migrator looks for its lock table in *any*
 * schema, so a schema migrated next to another one's tables can fail (reported to the lead).
 */
async function backendPids(url: string, database: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    return r.rows.map((x) => x.pid);
  } finally {
    await c.end();
  }
}

export async function yatEnv(s: YatSetup): Promise<YatEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-bench-'));
  const database = s.database === 'postgres' ? `yat_bench_${crypto.randomBytes(4).toString('hex')}` : undefined;
  if (database) await adminQuery(s.postgresUrl, `CREATE DATABASE "${database}"`);
  const dbUrl = new URL(s.postgresUrl);
  dbUrl.pathname = `/${database}`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    ISSUER: PUBLIC_ORIGIN,
    TRUST_PROXY: 'true',
    SMS_GATEWAY_URL: s.sms.url,
    SEED_DEMO: 'no',
    RATE_LIMIT_ALLOWLIST: '127.0.0.1',
    // The production default (info), written to a file as a process manager would.
    LOG_LEVEL: 'info',
    DATA_DIR: dir,
    KEYS_FILE: path.join(dir, 'keys.json'),
    ...(database ? { DATABASE_URL: dbUrl.href, PG_POOL_SIZE: '20' } : {}),
    ...(database && s.redisUrl ? { REDIS_URL: s.redisUrl } : {}),
  };
  // Production instances never make their own keys: one file, made once, shared by all.
  await yat(['keys', 'init'], env);
  return { env, dir, database };
}

/** Adds registry records [start, start+count) with the CLI (`yat registry seed`). */
export async function seed(e: YatEnv, start: number, count: number): Promise<number> {
  const out = (await yat(['registry', 'seed', '--count', String(count), '--start', String(start)], e.env)) as { seconds: number };
  return out.seconds;
}

export async function registerClient(e: YatEnv, key: RpKey): Promise<string> {
  const jwksFile = path.join(e.dir, 'rp-jwks.json');
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
  const out = (await yat(['client', 'add', '--name', 'Bench service', '--department', 'Benchmark Office', '--redirect-uri', REDIRECT_URI, '--jwks-file', jwksFile, '--scope', `${SCOPE} signing`, '--client-credentials'], e.env)) as { client_id: string };
  return out.client_id;
}

/** The V8 heap flags `npm start` runs Yat with (package.json), so the bench measures that process. */
function startHeapFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(' ').filter((a) => /^--max-[a-z-]+=\d+$/.test(a));
}

export async function startYat(s: YatSetup, e: YatEnv, clientId: string, processes: number, extraNodeArgs: string[] = [], profileDir?: string): Promise<Deployment> {
  const servers: Server[] = [];
  for (let i = 0; i < processes; i++) {
    const inspect = profileDir && i === 0 ? ['--inspect=127.0.0.1:0'] : [];
    servers.push(await startServer(`${s.label}-p${i + 1}`, yatServe, e.env, { port: await freePort(), logDir: s.logDir, extraNodeArgs: [...startHeapFlags(), ...extraNodeArgs, ...inspect] }));
  }
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const profiler = profileDir ? await connectProfiler(servers[0]!.logFile) : undefined;
  const target = createTarget(PUBLIC_ORIGIN, servers.map((x) => x.origin), { connections: s.connections, behindProxy: true });
  const endpoints = await discover(target);
  const dbPids = e.database ? () => backendPids(s.postgresUrl, e.database!) : undefined;
  return { label: s.label, database: s.database, servers, target, endpoints, rp: { clientId, redirectUri: REDIRECT_URI, issuer: PUBLIC_ORIGIN, key: s.key, scope: SCOPE }, wallets: [], tokens: [], dbPids, profiler, profileDir };
}

export async function stopDeployment(d: Deployment): Promise<void> {
  d.profiler?.close();
  await closeTarget(d.target);
  for (const s of d.servers) await stopServer(s);
}

/** Registers `count` wallets for random residents among the first `population` records, `parallel` at a time. */
export async function registerWallets(d: Deployment, sms: SmsSink, count: number, population: number, parallel = 16): Promise<number> {
  const t0 = performance.now();
  const phones = new Set<string>();
  const people: Array<{ idNumber: string; dob: string; phone: string }> = [];
  while (people.length < count) {
    const r = syntheticResident(crypto.randomInt(0, population));
    if (phones.has(r.phone)) continue;
    phones.add(r.phone);
    people.push(r);
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < people.length) d.wallets.push(await registerBenchWallet(d.target, sms, people[next++]!));
    }),
  );
  return (performance.now() - t0) / 1000;
}

export async function dropEnv(e: YatEnv, postgresUrl: string): Promise<void> {
  fs.rmSync(e.dir, { recursive: true, force: true });
  if (e.database) await adminQuery(postgresUrl, `DROP DATABASE IF EXISTS "${e.database}" WITH (FORCE)`);
}

export async function startBare(key: RpKey, logDir: string, connections: number): Promise<Deployment> {
  const port = await freePort();
  const clientId = 'bench-bare-client';
  const server = await startServer('bare', [path.join(root, 'bench/bare/provider.ts')], { BENCH_CLIENT: JSON.stringify({ client_id: clientId, redirect_uri: REDIRECT_URI, jwk: key.publicJwk }), NODE_ENV: 'production' }, { port, logDir });
  const origin = `http://127.0.0.1:${port}`;
  const target = createTarget(origin, [origin], { connections, behindProxy: false });
  const endpoints = await discover(target);
  return { label: 'bare', database: 'memory', servers: [server], target, endpoints, rp: { clientId, redirectUri: REDIRECT_URI, issuer: origin, key, scope: SCOPE }, wallets: [], tokens: [] };
}
