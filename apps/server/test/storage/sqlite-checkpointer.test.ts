import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { openSqlite } from '../../src/storage/sqlite-database.ts';

/**
 * The serving connection leaves checkpoints to a worker thread (sqlite-checkpointer.mjs), so a
 * commit never stalls the event loop copying the log back. The worker must actually run: what
 * was committed reaches the database file within a second or two, without the server asking.
 */
test("committed pages reach the database file by the worker's checkpoint, not by a commit", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-checkpoint-'));
  const file = path.join(dir, 'yat.db');
  const { raw, kysely } = openSqlite(file, 'NORMAL');
  try {
    raw.exec('CREATE TABLE t (v TEXT)');
    const before = fs.statSync(file).size;
    raw.exec('BEGIN');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000));
    raw.exec('COMMIT');
    // Committed into the write-ahead log only: the database file has not grown yet.
    expect(fs.statSync(file).size).toBeLessThan(before + 100_000);
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size < before + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 1_000_000);
  } finally {
    kysely.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
