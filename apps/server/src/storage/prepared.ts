import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Db } from './db.ts';

/**
 * A statement every login runs, built by Kysely once per dialect and afterwards only bound.
 * Building and compiling a query tree costs more than SQLite takes to run the lookup (a tenth
 * of a login's time in the profiles); the SQL text of a given query never changes.
 *
 * `build` receives `arg(i)`, a stand-in for the i-th argument, wherever a value goes; the
 * compiled statement's parameters are matched back to the arguments by those stand-ins, so the
 * order the builder places them in does not matter. Constants in the query stay as they are.
 * Runs on the database or inside a transaction alike.
 */
type Slot = number | { value: unknown };
const stand = '\u0000arg:';

export function prepared<Row>(build: (db: Db, arg: (i: number) => never) => Compilable<Row>): (db: Db, ...args: unknown[]) => Promise<QueryResult<Row>> {
  // One compiled form per dialect adapter (a transaction shares its database's adapter).
  const compiled = new WeakMap<object, { sql: string; slots: Slot[] }>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    // A database with plugins (the tests' fault injection, the statement counter) gets the query
    // built each time, so that they see it; the platform's own has none.
    if (executor.plugins.length) return db.executeQuery(build(db, (i) => args[i] as never));
    const adapter = executor.adapter;
    let c = compiled.get(adapter);
    if (!c) {
      const q = build(db, (i) => `${stand}${i}` as never).compile();
      const slots = q.parameters.map((v): Slot => (typeof v === 'string' && v.startsWith(stand) ? Number(v.slice(stand.length)) : { value: v }));
      compiled.set(adapter, (c = { sql: q.sql, slots }));
    }
    const params = c.slots.map((s) => (typeof s === 'number' ? args[s] : s.value));
    return db.executeQuery<Row>(CompiledQuery.raw(c.sql, params));
  };
}
