import type { Db } from '../../src/storage/db.ts';

/**
 * Known usage for the suppression tests, yesterday (Hong Kong time): per service, logins
 * approved and declined and signatures; in-person registrations per district.
 */
export const usage = {
  services: { svc_big: { approved: 40, declined: 12, signed: 11 }, svc_mid: { approved: 20, declined: 15, signed: 10 }, svc_small: { approved: 4, declined: 1, signed: 0 } },
  districts: { 'wan-chai': 25, 'sha-tin': 12, eastern: 3 },
};

export async function seedUsage(db: Db): Promise<number> {
  const day = 86_400_000;
  const todayHk = Math.floor((Date.now() + 8 * 3_600_000) / day) * day - 8 * 3_600_000;
  const at = todayHk - day / 2;
  const rows: Array<{ at: number; type: string; outcome: string; resident_id: string | null; client_id: string | null; fields: string | null; detail: string | null }> = [];
  let r = 0;
  for (const [client, u] of Object.entries(usage.services)) {
    for (let i = 0; i < u.approved; i++) rows.push({ at, type: 'login.approved', outcome: 'success', resident_id: `seed-resident-${r++}`, client_id: client, fields: JSON.stringify(['name_en']), detail: null });
    for (let i = 0; i < u.declined; i++) rows.push({ at, type: 'login.declined', outcome: 'declined', resident_id: null, client_id: client, fields: null, detail: null });
    for (let i = 0; i < u.signed; i++) rows.push({ at, type: 'signing.approved', outcome: 'success', resident_id: `seed-resident-${r++}`, client_id: client, fields: null, detail: null });
  }
  const counterIn: Record<string, string> = { 'wan-chai': 'wan-chai-po', 'sha-tin': 'sha-tin-po', eastern: 'north-point-po' };
  for (const [district, n] of Object.entries(usage.districts)) {
    for (let i = 0; i < n; i++) rows.push({ at, type: 'counter.upgrade.completed', outcome: 'success', resident_id: `seed-resident-${r++}`, client_id: null, fields: null, detail: JSON.stringify({ staffId: 's', counterId: counterIn[district], caseId: `c${i}` }) });
  }
  await db.insertInto('audit_events').values(rows).execute();
  return rows.length;
}
