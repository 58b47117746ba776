import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { startCluster, type Cluster } from '../cluster.ts';
import { REDIRECT_URI, registerClient, seed, type YatEnv } from '../deployments.ts';
import { closeTarget, createTarget } from '../http.ts';
import { compileCache, freePort, statusOf, yat, yatServe } from '../processes.ts';
import { createRpKey, discover, type Rp } from '../rp.ts';
import { startSmsSink, type SmsSink } from '../sms-sink.ts';
import { createTraffic, type Traffic } from './traffic.ts';
import { postgresQuery, sqliteQuery, verifyAcked, type Verification } from './verify.ts';

/**
 * The chaos campaign: faults injected into a running platform under a steady load of
 * registrations and logins, then every acknowledged write checked. Two deployments:
 * - the cluster (N instances behind HAProxy on PostgreSQL and Redis of its own): kill -9 of a
 *   random instance every few seconds, brought back after a moment; then a PostgreSQL restart;
 *   then a Redis restart;
 * - the embedded one (one process on SQLite): kill -9 during writes, many times, with
 *   `PRAGMA integrity_check` after every kill.
 */
export const PUBLIC_ORIGIN = 'https://login.yat.chaos';
const SCOPE = 'openid offline_access profile email';

export type Plan = {
  instances: number;
  kills: number;
  killEveryMs: [number, number];
  bringBackAfterMs: number;
  loginVus: number;
  registrationVus: number;
  settleMs: number;
  population: number;
  sqliteKills: number;
  sqliteUpMs: [number, number];
  /** Time bounds: no new fault is injected after this long in the phase (a busy machine restarts processes slowly). */
  killPhaseMaxMs: number;
  sqlitePhaseMaxMs: number;
};

export const fullPlan: Plan = { instances: 3, kills: 12, killEveryMs: [4000, 7000], bringBackAfterMs: 1500, loginVus: 6, registrationVus: 2, settleMs: 6000, population: 5000, sqliteKills: 50, sqliteUpMs: [700, 2500], killPhaseMaxMs: 180_000, sqlitePhaseMaxMs: 360_000 };
export const quickPlan: Plan = { instances: 2, kills: 3, killEveryMs: [3000, 4000], bringBackAfterMs: 1000, loginVus: 3, registrationVus: 1, settleMs: 3000, population: 2000, sqliteKills: 5, sqliteUpMs: [600, 1200], killPhaseMaxMs: 60_000, sqlitePhaseMaxMs: 90_000 };

export type Fault = { kind: 'kill' | 'postgres-restart' | 'redis-restart' | 'sqlite-kill'; target: string; at: number; recoveredAt: number; detail: Record<string, number> };

export type PhaseResult = {
  deployment: string;
  startedAt: string;
  seconds: number;
  faults: Fault[];
  requests: number;
  responses5xx: number;
  noResponse: number;
  /** 5xx answers to requests that started after the fault they could be blamed on was over. */
  fiveXxAfterRecovery: number;
  fiveXxAfterRecoveryExamples: string[];
  /** Every 5xx (and every request with no response, as status 0), by status and route. */
  failuresByRoute: Record<string, number>;
  flows: { total: number; ok: number; failed: number; failedOutsideFaults: number; retriedOk: number; retryMaxAttempts: number; errors: Record<string, number> };
  writes: Verification;
  integrityChecks?: { runs: number; ok: number; results: string[] };
  timeline: Array<{ second: number; ok: number; fiveXx: number; noResponse: number; flowsOk: number; flowsFailed: number }>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = ([a, b]: [number, number]) => a + crypto.randomInt(0, Math.max(1, b - a));

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const t0 = performance.now();
  while (!(await probe())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`${what} not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** A CLI step of the set-up, tried again when a machine busy with other work makes it time out (both steps are idempotent upserts). */
async function again<T>(fn: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= tries) throw err;
      await sleep(2000);
    }
  }
}

async function setupRp(e: YatEnv, population: number): Promise<Rp> {
  const key = createRpKey();
  await again(() => seed(e, 0, population));
  const clientId = await again(() => registerClient(e, key));
  return { clientId, redirectUri: REDIRECT_URI, issuer: PUBLIC_ORIGIN, key, scope: SCOPE };
}

async function makeTraffic(origin: string, rp: Rp, sms: SmsSink, population: number, clock0: number): Promise<Traffic> {
  const probe = createTarget(PUBLIC_ORIGIN, [origin], { connections: 2, behindProxy: true });
  try {
    const endpoints = await discover(probe);
    return createTraffic({ publicOrigin: PUBLIC_ORIGIN, origin, rp, endpoints, sms, population, clock0 });
  } finally {
    await closeTarget(probe);
  }
}

/** Figures from what the traffic recorded, against the fault windows. */
export function summarise(deployment: string, startedAt: number, traffic: Traffic, faults: Fault[], writes: Verification, graceMs: number): PhaseResult {
  const inWindow = (start: number, end: number) => faults.some((f) => start <= f.recoveredAt + graceMs && end >= f.at);
  const bad = traffic.requests.filter((r) => r.status >= 500);
  const after = bad.filter((r) => !inWindow(r.start, r.end));
  const flows = traffic.flows;
  const errors: Record<string, number> = {};
  for (const f of flows) if (!f.ok) errors[f.error!.replace(/\d{3,}/g, 'N').slice(0, 90)] = (errors[f.error!.replace(/\d{3,}/g, 'N').slice(0, 90)] ?? 0) + 1;
  // A client's retry: the same virtual resident's next flows after a failure.
  let retriedOk = 0;
  let retryMaxAttempts = 0;
  const byVu = new Map<string, typeof flows>();
  for (const f of flows) {
    const k = `${f.kind}${f.vu}`;
    byVu.set(k, [...(byVu.get(k) ?? []), f]);
  }
  for (const list of byVu.values()) {
    let attempts = 0;
    for (const f of list) {
      if (!f.ok) attempts++;
      else if (attempts) {
        retriedOk++;
        retryMaxAttempts = Math.max(retryMaxAttempts, attempts);
        attempts = 0;
      }
    }
  }
  const seconds = Math.ceil(Math.max(0, ...traffic.requests.map((r) => r.end)) / 1000);
  const timeline = Array.from({ length: seconds }, (_, second) => ({ second, ok: 0, fiveXx: 0, noResponse: 0, flowsOk: 0, flowsFailed: 0 }));
  for (const r of traffic.requests) {
    const b = timeline[Math.min(seconds - 1, Math.floor(r.end / 1000))];
    if (!b) continue;
    if (r.status === 0) b.noResponse++;
    else if (r.status >= 500) b.fiveXx++;
    else b.ok++;
  }
  for (const f of flows) {
    const b = timeline[Math.min(seconds - 1, Math.floor(f.end / 1000))];
    if (b) f.ok ? b.flowsOk++ : b.flowsFailed++;
  }
  return {
    deployment,
    startedAt: new Date(Date.now() - (performance.now() - startedAt)).toISOString(),
    seconds: Math.round((performance.now() - startedAt) / 1000),
    faults,
    requests: traffic.requests.length,
    responses5xx: bad.length,
    noResponse: traffic.requests.filter((r) => r.status === 0).length,
    fiveXxAfterRecovery: after.length,
    failuresByRoute: Object.fromEntries(
      [...traffic.requests.filter((r) => r.status >= 500 || r.status === 0).reduce((m, r) => m.set(`${r.status} ${r.path}`, (m.get(`${r.status} ${r.path}`) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]),
    ),
    fiveXxAfterRecoveryExamples: after.slice(0, 10).map((r) => `${r.status} ${r.path} at ${Math.round(r.start)}–${Math.round(r.end)} ms`),
    flows: { total: flows.length, ok: flows.filter((f) => f.ok).length, failed: flows.filter((f) => !f.ok).length, failedOutsideFaults: flows.filter((f) => !f.ok && !inWindow(f.start, f.end)).length, retriedOk, retryMaxAttempts, errors },
    writes,
    timeline,
  };
}

/** kill -9 of instances, then a PostgreSQL restart, then a Redis restart, under load through HAProxy. */
export async function clusterCampaign(plan: Plan, logDir: string, note: (m: string) => void): Promise<PhaseResult> {
  const sms = await startSmsSink();
  let cluster: Cluster | undefined;
  let traffic: Traffic | undefined;
  try {
    note(`cluster: ${plan.instances} instances, PostgreSQL and Redis of our own, HAProxy …`);
    cluster = await startCluster({ instances: plan.instances, mode: 'production', issuer: PUBLIC_ORIGIN, logDir, env: { SMS_GATEWAY_URL: sms.url, RATE_LIMIT_ALLOWLIST: '127.0.0.1' } });
    const c = cluster;
    const rp = await setupRp({ env: c.env, dir: c.dataDir }, plan.population);
    const t0 = performance.now();
    traffic = await makeTraffic(c.url, rp, sms, plan.population, t0);
    const tr = traffic;
    for (let i = 0; i < Math.max(4, plan.loginVus); i++) await tr.registerWallet();
    const faults: Fault[] = [];
    const load = tr.run({ logins: plan.loginVus, registrations: plan.registrationVus });
    await sleep(plan.settleMs / 2);

    note(`cluster: ${plan.kills} × kill -9 of a random instance …`);
    const comebacks: Promise<void>[] = [];
    const killsUntil = tr.now() + plan.killPhaseMaxMs;
    for (let k = 0; k < plan.kills && tr.now() < killsUntil; k++) {
      await sleep(between(plan.killEveryMs));
      const alive = c.instances.filter((i) => i.ready && c.alive(i.slot));
      if (alive.length < 2) {
        // Keep one instance serving: wait for one to come back.
        k--;
        await sleep(500);
        continue;
      }
      const victim = alive[crypto.randomInt(0, alive.length)]!;
      const at = tr.now();
      c.kill(victim.slot);
      const fault: Fault = { kind: 'kill', target: `instance ${victim.slot}`, at, recoveredAt: at, detail: {} };
      faults.push(fault);
      comebacks.push(
        (async () => {
          await new Promise((r) => (victim.child!.exitCode !== null || victim.child!.signalCode !== null ? r(null) : victim.child!.once('exit', r)));
          await sleep(plan.bringBackAfterMs);
          fault.detail.restartMs = Math.round(await c.start(victim.slot));
          fault.detail.backInServiceAfterMs = Math.round(tr.now() - at);
        })(),
      );
    }
    await Promise.all(comebacks);
    await sleep(plan.settleMs);

    for (const kind of ['postgres-restart', 'redis-restart'] as const) {
      note(`cluster: ${kind} …`);
      const at = tr.now();
      const downMs = kind === 'postgres-restart' ? await c.postgres!.restart() : await c.redis!.restart();
      const upAt = tr.now();
      // Back in service: a ready instance answers through HAProxy again; then every instance.
      await waitFor(async () => (await statusOf(`${c.url}/readyz`)) === 200, 30_000, 'service back through HAProxy');
      const recoveredAt = tr.now();
      await waitFor(async () => (await Promise.all(c.instances.map((i) => statusOf(`${i.origin}/readyz`)))).every((s) => s === 200), 30_000, 'every instance ready');
      faults.push({ kind, target: kind === 'postgres-restart' ? 'PostgreSQL' : 'Redis', at, recoveredAt, detail: { downMs: Math.round(downMs), serviceBackAfterUpMs: Math.round(recoveredAt - upAt), allInstancesReadyAfterUpMs: Math.round(tr.now() - upAt) } });
      await sleep(plan.settleMs);
    }
    await load.stop();

    note('cluster: checking every acknowledged write …');
    const client = new pg.Client({ connectionString: c.databaseUrl });
    await client.connect();
    let writes: Verification;
    try {
      writes = await verifyAcked(postgresQuery(client), tr.acked);
    } finally {
      await client.end();
    }
    return summarise(`${plan.instances} instances behind HAProxy, PostgreSQL + Redis`, t0, tr, faults, writes, 0);
  } finally {
    await traffic?.close();
    await cluster?.stop();
    await sms.close();
  }
}

/** One process on the embedded SQLite database: kill -9 during writes, `plan.sqliteKills` times. */
export async function sqliteCampaign(plan: Plan, logDir: string, note: (m: string) => void): Promise<PhaseResult> {
  const sms = await startSmsSink();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-chaos-sqlite-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = { NODE_ENV: 'production', ISSUER: PUBLIC_ORIGIN, TRUST_PROXY: 'true', SMS_GATEWAY_URL: sms.url, SEED_DEMO: 'no', RATE_LIMIT_ALLOWLIST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dir, HOST: '127.0.0.1', PORT: String(port), NODE_COMPILE_CACHE: compileCache };
  const dbFile = path.join(dir, 'yat.db');
  let child: ChildProcess | undefined;
  let traffic: Traffic | undefined;
  fs.mkdirSync(logDir, { recursive: true });
  const start = async () => {
    const log = fs.openSync(path.join(logDir, 'yat-sqlite.log'), 'a');
    const c = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...yatServe], { env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    child = c;
    await waitFor(async () => {
      if (c.exitCode !== null || c.signalCode !== null) throw new Error(`the SQLite instance exited while starting; see ${logDir}/yat-sqlite.log`);
      return (await statusOf(`${origin}/readyz`)) === 200;
    }, 180_000, 'the SQLite instance ready');
  };
  const integrity = () => {
    const db = new DatabaseSync(dbFile);
    try {
      const rows = db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>;
      return rows.map((r) => r.integrity_check).join('; ');
    } finally {
      db.close();
    }
  };
  try {
    note(`embedded SQLite: ${plan.sqliteKills} × kill -9 during writes …`);
    // Production never makes keys by itself: they are made once, as an operator would.
    await yat(['keys', 'init'], env);
    const rp = await setupRp({ env, dir }, plan.population);
    await start();
    const t0 = performance.now();
    traffic = await makeTraffic(origin, rp, sms, plan.population, t0);
    const tr = traffic;
    for (let i = 0; i < 4; i++) await tr.registerWallet();
    const load = tr.run({ logins: Math.max(2, Math.ceil(plan.loginVus / 2)), registrations: Math.max(1, plan.registrationVus) });
    const faults: Fault[] = [];
    const checks: string[] = [];
    const killsUntil = tr.now() + plan.sqlitePhaseMaxMs;
    for (let k = 0; k < plan.sqliteKills && tr.now() < killsUntil; k++) {
      const writesBefore = tr.acked.registrations.length + tr.acked.approvals.length + tr.acked.grants.length;
      await sleep(between(plan.sqliteUpMs));
      // Kill while writes are going on: at least one acknowledged since the (re)start.
      await waitFor(async () => tr.acked.registrations.length + tr.acked.approvals.length + tr.acked.grants.length > writesBefore, 60_000, 'a write acknowledged');
      const c = child!;
      const gone = new Promise((r) => c.once('exit', r));
      const at = tr.now();
      c.kill('SIGKILL');
      await gone;
      checks.push(integrity());
      await start();
      faults.push({ kind: 'sqlite-kill', target: 'the process', at, recoveredAt: tr.now(), detail: { restartMs: Math.round(tr.now() - at) } });
    }
    await sleep(plan.settleMs);
    await load.stop();
    // The last kill: nothing is stopped cleanly before the writes are checked.
    const c = child!;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
    checks.push(integrity());
    const db = new DatabaseSync(dbFile);
    let writes: Verification;
    try {
      writes = await verifyAcked(sqliteQuery(db), tr.acked);
    } finally {
      db.close();
    }
    const result = summarise('1 process, embedded SQLite', t0, tr, faults, writes, 0);
    result.integrityChecks = { runs: checks.length, ok: checks.filter((x) => x === 'ok').length, results: [...new Set(checks)] };
    return result;
  } finally {
    await traffic?.close();
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sms.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
