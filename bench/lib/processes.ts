import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Pool } from 'undici';

/**
 * Child processes of the bench: platform instances (`yat serve`), CLI commands (`yat
 * registry seed`, `yat client add`) and the bare oidc-provider. Their CPU time and peak RSS
 * are read from /proc, so a scenario reports what the *server* spent, apart from the load
 * generator that shares the machine.
 */
export const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'packages/cli/src/main.ts');
const nodeArgs = ['--disable-warning=ExperimentalWarning'];
/** Node's on-disk compile cache for the processes the campaigns restart again and again (faster start). */
export const compileCache = path.join(os.tmpdir(), 'yat-node-compile-cache');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs `yat …` to completion; returns its stdout parsed as JSON. */
export async function yat(args: string[], env: Record<string, string>): Promise<unknown> {
  const child = spawn(process.execPath, [...nodeArgs, cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`yat ${args.join(' ')} failed (${code}): ${err.slice(-800)}`);
  return JSON.parse(out);
}

export type Server = { name: string; port: number; origin: string; child: ChildProcess; logFile: string };

export async function startServer(name: string, script: string[], env: Record<string, string>, opts: { port: number; logDir: string; extraNodeArgs?: string[] }): Promise<Server> {
  fs.mkdirSync(opts.logDir, { recursive: true });
  const logFile = path.join(opts.logDir, `${name}.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeArgs, ...(opts.extraNodeArgs ?? []), ...script], {
    env: { ...process.env, ...env, PORT: String(opts.port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const origin = `http://127.0.0.1:${opts.port}`;
  await waitUntilUp(origin, child, logFile);
  return { name, port: opts.port, origin, child, logFile };
}

export const yatServe = ['packages/cli/src/main.ts', 'serve'].map((p, i) => (i === 0 ? path.join(root, p) : p));

async function waitUntilUp(origin: string, child: ChildProcess, logFile: string): Promise<void> {
  const pool = new Pool(origin, { connections: 1 });
  try {
    for (let i = 0; i < 1200; i++) { // up to 2 minutes: a busy machine boots slowly
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${fs.readFileSync(logFile, 'utf8').slice(-1500)}`);
      try {
        const res = await pool.request({ path: '/.well-known/openid-configuration', method: 'GET' });
        await res.body.dump();
        if (res.statusCode === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server at ${origin} did not start: ${fs.readFileSync(logFile, 'utf8').slice(-1500)}`);
  } finally {
    await pool.close();
  }
}

export async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((resolve) => s.child.once('exit', resolve));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const TICK = 100; // USER_HZ on Linux

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

/** Peak resident set size (VmHWM) in MB since start or since the last reset. */
export function peakRssMb(pid: number): number {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** Resets VmHWM (writing 5 to clear_refs), so each scenario reports its own peak. */
export function resetPeakRss(pid: number): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted on some kernels: the peak is then since the process started.
  }
}

/** One statement on a PostgreSQL server as its administrator (create or drop a database or schema). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** The HTTP status of a GET, or 0 when nothing answers within 2 s (an instance down or starting). */
export async function statusOf(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
