import type { Db } from '../storage/db.ts';

/**
 * The pairwise subjects the platform has given out, per sector. A service that asks for a
 * resident by `login_hint` (CIBA) names them by the `sub` it was given; the pairwise value is
 * a keyed hash and cannot be reversed, so the platform remembers each one the first time it
 * issues it. A resident who never signed in to a sector cannot be found there, as it should be.
 */
export function createSubjectIndex(db: Db) {
  // Each process writes a (sector, resident) pair once; the insert is idempotent anyway.
  const seen = new Set<string>();
  return {
    async remember(sector: string, sub: string, residentId: string): Promise<void> {
      const key = `${sector}\n${sub}`;
      if (seen.has(key)) return;
      await db
        .insertInto('pairwise_subjects')
        .values({ sector, sub, resident_id: residentId, created_at: Date.now() })
        .onConflict((oc) => oc.columns(['sector', 'sub']).doNothing())
        .execute();
      if (seen.size > 100_000) seen.clear();
      seen.add(key);
    },

    async residentFor(sector: string, sub: string): Promise<string | undefined> {
      const row = await db.selectFrom('pairwise_subjects').select('resident_id').where('sector', '=', sector).where('sub', '=', sub).executeTakeFirst();
      return row?.resident_id;
    },
  };
}

export type SubjectIndex = ReturnType<typeof createSubjectIndex>;
