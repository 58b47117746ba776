import type { Db } from '../../src/storage/db.ts';

/**
 * Realistic audit events in bulk, straight into the table (as `audit.record` writes them):
 * logins approved with shared fields, declined and failed logins, signatures, registrations
 * online and at counters, profile changes, spread over `days` days. Deterministic for a seed,
 * so a run can be compared with another over the same events.
 */
export type SyntheticEvents = { count: number; days: number; start: number; residents: number; services: string[]; counters: string[]; seed?: number };

function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const fieldSets = [['name_en'], ['name_en', 'email'], ['id_number', 'name_en', 'date_of_birth'], ['address', 'phone']];

export async function insertSyntheticEvents(db: Db, o: SyntheticEvents): Promise<void> {
  const rnd = prng(o.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const span = o.days * 86_400_000;
  const CHUNK = 500;
  for (let i = 0; i < o.count; i += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, o.count - i) }, (_, k) => {
      const at = o.start + Math.floor(((i + k) / o.count) * span);
      const resident = `resident-${Math.floor(rnd() * o.residents)}`;
      const client = pick(o.services);
      const r = rnd();
      const base = { at, resident_id: resident, client_id: client, fields: null as string | null, detail: null as string | null };
      if (r < 0.6) return { ...base, type: 'login.approved', outcome: 'success', fields: JSON.stringify(pick(fieldSets)) };
      if (r < 0.7) return { ...base, type: 'login.declined', outcome: 'declined', resident_id: null };
      if (r < 0.75) return { ...base, type: 'login.failed', outcome: 'failure', detail: JSON.stringify({ reason: 'wrong_code' }) };
      if (r < 0.8) return { ...base, type: 'signing.approved', outcome: 'success' };
      if (r < 0.88) return { ...base, type: 'registration.completed', outcome: 'success', client_id: null };
      if (r < 0.95) return { ...base, type: 'counter.upgrade.completed', outcome: 'success', client_id: null, detail: JSON.stringify({ staffId: 'staff', counterId: pick(o.counters), caseId: `case-${i + k}` }) };
      return { ...base, type: 'profile.updated', outcome: 'success', client_id: null, fields: JSON.stringify(['email']) };
    });
    await db.insertInto('audit_events').values(rows).execute();
  }
}
