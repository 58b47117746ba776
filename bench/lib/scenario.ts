import type { Window } from './load.ts';
import path from 'node:path';
import type { Profiler } from './inspector.ts';
import { cpuSeconds, peakRssMb, resetPeakRss, type Server } from './processes.ts';
import { createRecorder, stats, type Recorder, type Stats } from './recorder.ts';

/**
 * One measured scenario: the load, plus what the server processes spent on it (CPU seconds
 * from /proc, so "per core" divides by the server's own CPU time, not by the machine's) and
 * their peak RSS during it.
 */
export type ScenarioMeta = {
  id: string;
  system: 'yat' | 'bare';
  kind: 'login' | 'login_70' | 'refresh' | 'client_credentials' | 'userinfo' | 'discovery' | 'jwks' | 'portal_search' | 'portal_service' | 'signing' | 'notify_send' | 'notify_fanout';
  database: 'sqlite' | 'postgres' | 'memory';
  residents: number;
  processes: number;
  concurrency: number | string;
};

export type ScenarioResult = ScenarioMeta & {
  ops: number;
  failed: number;
  dropped: number;
  seconds: number;
  opsPerSec: number;
  serverCpuSec: number;
  /** Operations per second of server CPU: the throughput one core of the server sustains. */
  opsPerServerCore: number;
  /** Share of the machine's 2 cores the server processes used during the window. */
  serverCores: number;
  /** PostgreSQL: CPU seconds of the database's backend processes serving this deployment. */
  dbCpuSec?: number;
  /** PostgreSQL: operations per CPU second of the servers and their database backends together. */
  opsPerCoreWithDb?: number;
  generatorCpuSec: number;
  steps: Record<string, Stats>;
  errors: Record<string, number>;
  peakRssMb: Record<string, number>;
  skipped?: string;
};

export type Hooks = { onMeasureStart: () => void; onMeasureEnd: () => void };

export type DbPids = () => Promise<number[]>;

const cpuOf = (pid: number) => {
  try {
    return cpuSeconds(pid);
  } catch {
    return undefined;
  }
};

/** What a deployment adds to a measurement: its database backends, and a profiler when asked. */
export type Extras = { dbPids?: DbPids; profiler?: Profiler; profileDir?: string };

export async function measure(meta: ScenarioMeta, servers: Server[], run: (rec: Recorder, hooks: Hooks) => Promise<Window>, extras: Extras = {}): Promise<ScenarioResult> {
  const { dbPids, profiler } = extras;
  const rec = createRecorder();
  const dbStart = new Map<number, number>();
  const knownDbPids = dbPids ? await dbPids() : [];
  const pids = servers.map((s) => s.child.pid!);
  let cpu0 = 0;
  let cpu1 = 0;
  let gen0 = process.cpuUsage();
  let gen1 = gen0;
  const serverCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const hooks: Hooks = {
    onMeasureStart: () => {
      void profiler?.start();
      pids.forEach(resetPeakRss);
      cpu0 = serverCpu();
      gen0 = process.cpuUsage();
      for (const pid of knownDbPids) {
        const c = cpuOf(pid);
        if (c !== undefined) dbStart.set(pid, c);
      }
    },
    onMeasureEnd: () => {
      cpu1 = serverCpu();
      gen1 = process.cpuUsage(gen0);
    },
  };
  process.stderr.write(`  ${meta.id} … `);
  const w = await run(rec, hooks);
  if (!cpu1) hooks.onMeasureEnd();
  if (profiler) await profiler.stop(path.join(extras.profileDir!, `${meta.id}.cpuprofile`));
  const seconds = w.measuredMs / 1000;
  let dbCpu: number | undefined;
  if (dbPids) {
    dbCpu = 0;
    for (const pid of await dbPids()) dbCpu += (cpuOf(pid) ?? 0) - (dbStart.get(pid) ?? 0);
    dbCpu = Math.round(dbCpu * 100) / 100;
  }
  const serverCpuSec = Math.round((cpu1 - cpu0) * 100) / 100;
  const result: ScenarioResult = {
    ...meta,
    ops: w.completed,
    failed: w.failed,
    dropped: w.dropped,
    seconds: Math.round(seconds * 10) / 10,
    opsPerSec: Math.round(w.completed / seconds),
    serverCpuSec,
    opsPerServerCore: serverCpuSec > 0 ? Math.round(w.completed / serverCpuSec) : 0,
    serverCores: Math.round(((cpu1 - cpu0) / seconds) * 100) / 100,
    ...(dbCpu !== undefined ? { dbCpuSec: dbCpu, opsPerCoreWithDb: serverCpuSec + dbCpu > 0 ? Math.round(w.completed / (serverCpuSec + dbCpu)) : 0 } : {}),
    generatorCpuSec: Math.round(((gen1.user + gen1.system) / 1e6) * 100) / 100,
    steps: Object.fromEntries([...rec.samples].map(([k, v]) => [k, stats(v)])),
    errors: Object.fromEntries(rec.errors),
    peakRssMb: Object.fromEntries(servers.map((s) => [s.name, peakRssMb(s.child.pid!)])),
  };
  const main = result.steps.flow ?? Object.values(result.steps)[0];
  process.stderr.write(`${result.opsPerSec}/s (${result.opsPerServerCore}/s per server core${result.opsPerCoreWithDb ? `, ${result.opsPerCoreWithDb}/s per core incl. PostgreSQL` : ''}), p50 ${main?.p50 ?? '-'} ms, p99 ${main?.p99 ?? '-'} ms${w.failed ? `, ${w.failed} failed` : ''}\n`);
  if (w.failed) process.stderr.write(`    errors: ${JSON.stringify(result.errors).slice(0, 400)}\n`);
  return result;
}

export function skipped(meta: ScenarioMeta, reason: string): ScenarioResult {
  process.stderr.write(`  ${meta.id} … skipped: ${reason}\n`);
  return { ...meta, ops: 0, failed: 0, dropped: 0, seconds: 0, opsPerSec: 0, serverCpuSec: 0, opsPerServerCore: 0, serverCores: 0, generatorCpuSec: 0, steps: {}, errors: {}, peakRssMb: {}, skipped: reason };
}
