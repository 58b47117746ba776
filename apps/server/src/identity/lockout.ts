import { sql } from 'kysely';
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

    /**
     * Counts a failure; returns the time the key is locked until, if this failure locked it.
     * One statement, so concurrent failures each count (a read-then-write would lose some).
     * `exec` is the caller's transaction when the failure is recorded with other rows.
     */
    async fail(key: string, now = Date.now(), exec: Db = db): Promise<number | undefined> {
      const expired = sql<boolean>`${now} - lockouts.window_start > ${policy.windowMs}`;
      const failures = sql<number>`case when ${expired} then 1 else lockouts.failures + 1 end`;
      const row = await exec
        .insertInto('lockouts')
        .values({ key, failures: 1, window_start: now, locked_until: policy.maxFailures <= 1 ? now + policy.lockMs : null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures,
            window_start: sql<number>`case when ${expired} then cast(${now} as bigint) else lockouts.window_start end`,
            locked_until: sql<number | null>`case when ${failures} >= ${policy.maxFailures} then cast(${now + policy.lockMs} as bigint) else null end`,
          }),
        )
        .returning(['failures', 'locked_until'])
        .executeTakeFirstOrThrow();
      return row.locked_until === null ? undefined : Number(row.locked_until);
    },

    async clear(key: string, exec: Db = db): Promise<void> {
      await exec.deleteFrom('lockouts').where('key', '=', key).execute();
    },
  };
}

export type Lockout = ReturnType<typeof createLockout>;
