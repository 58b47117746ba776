import type { Db } from '../storage/db.ts';

/**
 * Locks a key (an identity number's hash, a registration) after repeated failures. Kept in
 * the database rather than memory so a restart or another instance does not reset it.
 */
export type LockoutPolicy = { maxFailures: number; windowMs: number; lockMs: number };

export function createLockout(db: Db, policy: LockoutPolicy) {
  return {
    async lockedUntil(key: string, now = Date.now()): Promise<number | undefined> {
      const row = await db.selectFrom('lockouts').select('locked_until').where('key', '=', key).executeTakeFirst();
      return row?.locked_until && Number(row.locked_until) > now ? Number(row.locked_until) : undefined;
    },

    /** Counts a failure; returns the time the key is locked until, if this failure locked it. */
    async fail(key: string, now = Date.now()): Promise<number | undefined> {
      const row = await db.selectFrom('lockouts').selectAll().where('key', '=', key).executeTakeFirst();
      const fresh = !row || now - Number(row.window_start) > policy.windowMs;
      const failures = fresh ? 1 : row.failures + 1;
      const locked_until = failures >= policy.maxFailures ? now + policy.lockMs : null;
      await db
        .insertInto('lockouts')
        .values({ key, failures, window_start: fresh ? now : Number(row.window_start), locked_until })
        .onConflict((oc) => oc.column('key').doUpdateSet({ failures, window_start: fresh ? now : Number(row!.window_start), locked_until }))
        .execute();
      return locked_until ?? undefined;
    },

    async clear(key: string): Promise<void> {
      await db.deleteFrom('lockouts').where('key', '=', key).execute();
    },
  };
}

export type Lockout = ReturnType<typeof createLockout>;
