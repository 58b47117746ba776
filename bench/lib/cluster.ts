import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateKeys } from '@yat/server/crypto/keystore.ts';
import { adminQuery, compileCache, freePort, root, statusOf, yat, yatServe } from './processes.ts';
import { startOwnPostgres, startOwnRedis, type OwnPostgres, type OwnRedis } from './services.ts';

/**
 * The topology of deploy/compose.yaml with real processes: PostgreSQL, Redis, a one-shot
 * migration (`yat migrate`), N instances of `yat serve` sharing one key file (KEYS_FILE,
 * created once before any instance starts, as the Secret is in Kubernetes), and HAProxy in
 * front with deploy/haproxy.cfg — the very file compose mounts. Used by `npm run cluster`
 * and `npm run chaos`.
 */
export const haproxyCfg = path.join(root, 'deploy/haproxy.cfg');
export const MAX_INSTANCES = 9; // YAT_SERVER_1…9 in haproxy.cfg

export type ClusterOptions = {
  instances: number;
  /** production: https ISSUER behind the proxy, SMS gateway; development: http ISSUER on the proxy, demo data. */
  mode: 'production' | 'development';
  /** PostgreSQL to create a database in (dropped on stop); omitted: a PostgreSQL of our own. */
  postgresUrl?: string;
  /** Redis to use (a key prefix is not needed: each run has its own database); omitted: our own. */
  redisUrl?: string;
  /** The public URL (ISSUER). Production: https, and clients send Host/X-Forwarded-Proto as a TLS terminator would. */
  issuer?: string;
  env?: Record<string, string>;
  logDir: string;
  /** Port HAProxy listens on (127.0.0.1); 0 = a free one. */
  port?: number;
};

/** `ready`: started and answering /readyz (false from a kill until it is back). */
export type Instance = { slot: number; port: number; origin: string; child?: ChildProcess; starts: number; ready: boolean };

export type Cluster = {
  /** Where HAProxy listens (plain HTTP on loopback). */
  url: string;
  issuer: string;
  databaseUrl: string;
  redisUrl: string;
  env: Record<string, string>;
  instances: Instance[];
  postgres?: OwnPostgres;
  redis?: OwnRedis;
  dataDir: string;
  logDir: string;
  /** kill -9 of one instance. */
  kill(slot: number): void;
  /** Starts an instance again on its port; resolves with ms until its /readyz answers 200. */
  start(slot: number): Promise<number>;
  alive(slot: number): boolean;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  if (o.instances < 1 || o.instances > MAX_INSTANCES) throw new Error(`--instances must be between 1 and ${MAX_INSTANCES} (the servers haproxy.cfg declares)`);
  fs.mkdirSync(o.logDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-cluster-'));
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const postgres = o.postgresUrl ? undefined : await startOwnPostgres();
    if (postgres) cleanups.push(() => postgres.stop());
    const redis = o.redisUrl ? undefined : await startOwnRedis();
    if (redis) cleanups.push(() => redis.stop());
    const adminUrl = o.postgresUrl ?? postgres!.url;
    const database = `yat_cluster_${crypto.randomBytes(4).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);
    if (o.postgresUrl) cleanups.push(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    const dbUrl = new URL(adminUrl);
    dbUrl.pathname = `/${database}`;
    const redisUrl = o.redisUrl ?? redis!.url;

    // One key file for every instance, made before any starts (two instances creating their own at once would each sign with different keys).
    const keysFile = path.join(dataDir, 'keys.json');
    await loadOrCreateKeys(keysFile);

    const port = o.port || (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const issuer = o.issuer ?? (o.mode === 'production' ? 'https://login.yat.test' : `http://localhost:${port}`);
    const env: Record<string, string> = {
      NODE_ENV: o.mode,
      ISSUER: issuer,
      TRUST_PROXY: 'true',
      DATABASE_URL: dbUrl.href,
      REDIS_URL: redisUrl,
      KEYS_FILE: keysFile,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'no',
      ...o.env,
    };

    // The one-shot migration step, as compose's `migrate` service and the Kubernetes Job.
    await yat(['migrate'], env);

    const instances: Instance[] = [];
    for (let slot = 1; slot <= o.instances; slot++) {
      const p = await freePort();
      instances.push({ slot, port: p, origin: `http://127.0.0.1:${p}`, starts: 0, ready: false });
    }

    const launch = async (inst: Instance, extra: Record<string, string> = {}): Promise<number> => {
      const t0 = performance.now();
      const log = fs.openSync(path.join(o.logDir, `yat-${inst.slot}.log`), 'a');
      const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...yatServe], { env: { ...process.env, ...env, ...extra, PORT: String(inst.port), NODE_COMPILE_CACHE: compileCache }, stdio: ['ignore', log, log] });
      fs.closeSync(log);
      inst.child = child;
      inst.starts++;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`instance ${inst.slot} exited while starting; see ${o.logDir}/yat-${inst.slot}.log`);
        if ((await statusOf(`${inst.origin}/readyz`)) === 200) {
          inst.ready = true;
          return performance.now() - t0;
        }
        // Generous: on a machine shared with other work a start can take a minute.
        if (performance.now() - t0 > 180_000) throw new Error(`instance ${inst.slot} not ready in 180 s`);
        await sleep(100);
      }
    };
    cleanups.push(async () => {
      await Promise.all(
        instances.map(async (i) => {
          const c = i.child;
          if (!c || c.exitCode !== null || c.signalCode !== null) return;
          const gone = new Promise((r) => c.once('exit', r));
          c.kill('SIGTERM');
          const t = setTimeout(() => c.kill('SIGKILL'), 12_000);
          await gone;
          clearTimeout(t);
        }),
      );
    });

    // Development: the first instance seeds the demo data (and runs the demo service) before the others start.
    if (o.mode === 'development') {
      await launch(instances[0]!, { SEED_DEMO: 'yes', DEMO_PORT: String(await freePort()) });
      await Promise.all(instances.slice(1).map((i) => launch(i)));
    } else {
      await Promise.all(instances.map((i) => launch(i)));
    }

    const haproxyEnv: Record<string, string> = { YAT_BIND: `127.0.0.1:${port}` };
    for (const i of instances) haproxyEnv[`YAT_SERVER_${i.slot}`] = `127.0.0.1:${i.port}`;
    const hlog = fs.openSync(path.join(o.logDir, 'haproxy.log'), 'a');
    const haproxy = spawn('haproxy', ['-db', '-f', haproxyCfg], { env: { ...process.env, ...haproxyEnv }, stdio: ['ignore', hlog, hlog] });
    fs.closeSync(hlog);
    cleanups.push(async () => {
      if (haproxy.exitCode !== null || haproxy.signalCode !== null) return;
      const gone = new Promise((r) => haproxy.once('exit', r));
      haproxy.kill('SIGUSR1'); // soft stop: finish what is in flight
      const t = setTimeout(() => haproxy.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(t);
    });
    const t0 = performance.now();
    while ((await statusOf(`${url}/readyz`)) !== 200) {
      if (haproxy.exitCode !== null) throw new Error(`haproxy exited (${haproxy.exitCode}); see ${o.logDir}/haproxy.log`);
      if (performance.now() - t0 > 15_000) throw new Error('HAProxy did not route to a ready instance in 15 s');
      await sleep(100);
    }

    const alive = (slot: number) => {
      const c = instances[slot - 1]?.child;
      return !!c && c.exitCode === null && c.signalCode === null;
    };
    return {
      url,
      issuer,
      databaseUrl: dbUrl.href,
      redisUrl,
      env,
      instances,
      postgres,
      redis,
      dataDir,
      logDir: o.logDir,
      kill(slot) {
        const inst = instances[slot - 1]!;
        inst.ready = false;
        inst.child?.kill('SIGKILL');
      },
      async start(slot) {
        const inst = instances[slot - 1]!;
        if (alive(slot)) throw new Error(`instance ${slot} is running`);
        return launch(inst);
      },
      alive,
      async stop() {
        for (const c of cleanups.reverse()) await c().catch((err: unknown) => process.stderr.write(`cleanup: ${(err as Error).message}\n`));
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
