import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * Runs in a worker thread with its own connection: moves the write-ahead log into the
 * database file every `intervalMs`. node:sqlite is synchronous, so a checkpoint on the serving
 * connection (SQLite's automatic one, with its fsync) stalls every request for its duration;
 * here a PASSIVE checkpoint runs beside the server and never waits for its readers or writers.
 */
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new DatabaseSync(file, { timeout: 1000 });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (err) {
    // A busy database skips one round; the next one catches up.
    parentPort?.postMessage({ warning: (err as Error).message });
  }
}, intervalMs);

parentPort?.on('message', (m: unknown) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    process.exit(0);
  }
});
