/**
 * `node bench/ledger.ts [--entries N]`: the ledger sequencer's throughput. Fills the outbox
 * with N realistic entries (as the audit sink writes them), then times integration into the
 * tree — tiles, checkpoints, signatures, all in batches of 256 as in production — on SQLite
 * and, when BENCH_POSTGRES_URL (default: the local test database) answers, on PostgreSQL.
 * Results: docs/ledger.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adminQuery } from './lib/processes.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openContext } from '../apps/server/src/context.ts';
import { entryFor, openingOf, residentSecret } from '../apps/server/src/ledger/entry.ts';
import { BATCH_SIZE } from '../apps/server/src/ledger/index.ts';
import { ed25519Signer } from '../apps/server/src/ledger/note.ts';
import { createLedgerStore } from '../apps/server/src/ledger/store.ts';
import { createLogger } from '../apps/server/src/logger.ts';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '20000' } } });
const n = Number(values.entries);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function run(dialect: 'sqlite' | 'postgres'): Promise<{ dialect: string; entries: number; seconds: number; perSecond: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-ledger-bench-'));
  const schema = `ledger_bench_${crypto.randomBytes(4).toString('hex')}`;
  const env = { NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent', ...(dialect === 'postgres' ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema } : {}) };
  const ctx = await openContext({ config: loadConfig(env), logger: createLogger({ logLevel: 'silent', env: 'test' }) });
  try {
    const db = ctx.storage.db;
    const signer = ed25519Signer('bench.example/ledger', crypto.randomBytes(32));
    const store = createLedgerStore(db, { dialect, origin: 'bench.example/ledger', signer });
    const secret = ctx.keys.ledger!.secret;
    for (let i = 0; i < n; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
        const residentId = `resident-${(i + k) % 997}`;
        const opening = openingOf({ id: i + k + 1, at: Date.now(), type: 'login.approved', outcome: 'success', residentId, clientId: 'svc_library', fields: ['name_en', 'email'] });
        return { audit_id: i + k + 1, resident_id: residentId, opening, entry: entryFor(opening, residentSecret(secret, residentId)), created_at: Date.now() };
      });
      await db.insertInto('ledger_outbox').values(rows).execute();
    }
    const t0 = performance.now();
    let added = 0;
    for (let c = await store.integrate(db, BATCH_SIZE); c; c = await store.integrate(db, BATCH_SIZE)) added += c.added;
    const seconds = (performance.now() - t0) / 1000;
    if (added !== n) throw new Error(`integrated ${added} of ${n}`);
    return { dialect, entries: n, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(n / seconds) };
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (dialect === 'postgres') await adminQuery(postgresUrl, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}

const results = [await run('sqlite')];
try {
  results.push(await run('postgres'));
} catch (err) {
  process.stderr.write(`PostgreSQL skipped: ${(err as Error).message}\n`);
}
process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, results }, null, 2)}\n`);
