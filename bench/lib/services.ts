import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './processes.ts';

/**
 * PostgreSQL and Redis of our own, for one run: a fresh cluster (`initdb`) and a Redis in a
 * temporary directory, on spare loopback ports. The chaos campaign restarts them, so they must
 * never be the machine's shared ones. Debian's PostgreSQL binaries live under
 * /usr/lib/postgresql/<version>/bin; `initdb` refuses to run as root, so as root the cluster
 * belongs to the `postgres` user.
 */
export type OwnPostgres = { url: string; port: number; dir: string; restart(): Promise<number>; stop(): Promise<void> };
export type OwnRedis = { url: string; port: number; dir: string; restart(): Promise<number>; stop(): Promise<void> };

export function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin/initdb'))) : [];
  const v = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!v) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (Debian package postgresql)');
  return path.join(base, v, 'bin');
}

const asRoot = process.getuid?.() === 0;

function pgUser(): { uid: number; gid: number } | undefined {
  if (!asRoot) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (await probe().catch(() => false)) return performance.now() - t0;
    await sleep(50);
  }
  throw new Error(`${what} did not come up in ${timeoutMs} ms`);
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-pg-'));
  const user = pgUser();
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const run = (cmd: string, args: string[]) => execFileSync(path.join(bin, cmd), args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // Loopback only, socket in our own directory; durable commits (fsync on) as in production.
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c max_connections=200 -c shared_buffers=64MB`;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const ping = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 500 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('select 1');
      return true;
    } finally {
      await c.end().catch(() => undefined);
    }
  };
  const start = async () => {
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'postgres.log'), '-o', opts, '-w', '-t', '30', 'start']);
    return until('PostgreSQL', 30_000, ping);
  };
  await start();
  return {
    url,
    port,
    dir,
    /** Fast shutdown (ends every connection, as a failover or an operator's restart does), then start; returns ms until it answers. */
    async restart() {
      const t0 = performance.now();
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await start();
      return performance.now() - t0;
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const s = new net.Socket();
      s.setTimeout(500, () => (s.destroy(), resolve(false)));
      s.once('error', () => resolve(false));
      s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
      s.once('data', (d: Buffer) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
  const start = async () => {
    // Short-lived protocol state only (sessions, codes, access tokens): an append-only file
    // keeps it across the restart, as a production Redis would be configured.
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--protected-mode', 'yes'], { stdio: 'ignore' });
    return until('Redis', 15_000, ping);
  };
  const halt = async () => {
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  };
  await start();
  return {
    url,
    port,
    dir,
    async restart() {
      const t0 = performance.now();
      await halt();
      await start();
      return performance.now() - t0;
    },
    async stop() {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
