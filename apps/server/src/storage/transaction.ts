import type { Db } from './db.ts';

/**
 * Runs `fn` in one transaction: an action and its records (audit event, ledger outbox row,
 * webhook or inbox row) commit together or not at all. A caller that is already inside a
 * transaction passes it in and `fn` joins it, so flows compose without nesting.
 */
export function inTransaction<T>(exec: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (exec.isTransaction) return fn(exec);
  return exec.transaction().execute(fn);
}
