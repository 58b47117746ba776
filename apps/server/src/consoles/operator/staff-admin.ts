import type { Audit } from '../../audit/audit.ts';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import { badRequest, forbidden, notFound } from '../../errors.ts';
import { normalizeIdNumber } from '../../identity/id-number.ts';
import type { ResidentStore } from '../../identity/residents.ts';
import { grantInForce, isStaffRole, type StaffMember, type StaffRole } from '../../identity/staff.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { acting, requireReason } from './support.ts';

/**
 * Staff management: operators grant and remove roles, with a reason, audited. A role granted
 * here is not a bootstrap one: it is in force only while its holder is at the plus level
 * (identity/staff.ts). An operator cannot remove their own operator role (the last operator
 * would otherwise be able to lock everyone out).
 */
export type StaffRow = { residentId: string; name: string; role: StaffRole; counterId: string | null; inForce: boolean; grantedBy: string; grantedAt: number };

export function createStaffAdmin(deps: { db: Db; audit: Audit; crypto: FieldCrypto; residents: ResidentStore; counterExists: (id: string) => Promise<boolean> }) {
  const { db, audit, residents } = deps;

  function role(value: unknown): StaffRole {
    if (!isStaffRole(value)) throw badRequest('invalid_role', 'Choose a role: operator or counter.');
    return value;
  }

  return {
    async list(): Promise<StaffRow[]> {
      const rows = await db.selectFrom('staff_roles').selectAll().orderBy('granted_at').limit(1000).execute();
      return Promise.all(
        rows.map(async (g) => {
          const r = await residents.findById(g.resident_id);
          const grant = { residentId: g.resident_id, role: g.role as StaffRole, counterId: g.counter_id, bootstrap: Number(g.bootstrap) === 1, grantedBy: g.granted_by, grantedAt: Number(g.granted_at) };
          const name = r ? [r.profile.nameEn.family, r.profile.nameEn.given].filter(Boolean).join(' ') : g.resident_id;
          return { residentId: g.resident_id, name, role: grant.role, counterId: g.counter_id, inForce: r ? grantInForce(r, grant) : false, grantedBy: g.granted_by, grantedAt: grant.grantedAt };
        }),
      );
    },

    async grant(staff: StaffMember, input: { idNumber: unknown; role: unknown; counterId?: unknown; reason?: unknown }): Promise<{ residentId: string; role: StaffRole }> {
      const reason = requireReason(input.reason);
      const r = role(input.role);
      const id = normalizeIdNumber(typeof input.idNumber === 'string' ? input.idNumber : '');
      if (!id) throw badRequest('invalid_id_number', 'This is not a valid identity card number. It looks like A123456(7).');
      const residentId = await residents.findIdByRegistryRef(deps.crypto.lookupHash(id));
      if (!residentId) throw notFound('unknown_resident', 'No digital identity is registered for this identity card number.');
      const counterId = r === 'counter' && typeof input.counterId === 'string' && input.counterId ? input.counterId : null;
      if (r === 'counter' && (!counterId || !(await deps.counterExists(counterId)))) throw badRequest('invalid_counter', 'Choose the counter where this staff member works.');
      await inTransaction(db, async (trx) => {
        const row = { counter_id: counterId, bootstrap: 0, granted_by: staff.resident.id, granted_at: Date.now() };
        await trx.insertInto('staff_roles').values({ resident_id: residentId, role: r, ...row }).onConflict((oc) => oc.columns(['resident_id', 'role']).doUpdateSet(row)).execute();
        await audit.record(trx, { type: 'staff.granted', outcome: 'success', residentId, detail: { ...acting(staff, reason), role: r, counterId } });
      });
      return { residentId, role: r };
    },

    async remove(staff: StaffMember, input: { residentId: unknown; role: unknown; reason?: unknown }): Promise<void> {
      const reason = requireReason(input.reason);
      const r = role(input.role);
      const residentId = typeof input.residentId === 'string' ? input.residentId : '';
      if (residentId === staff.resident.id && r === 'operator') throw forbidden('own_operator_role', 'You cannot remove your own operator role. Ask another operator.');
      await inTransaction(db, async (trx) => {
        const res = await trx.deleteFrom('staff_roles').where('resident_id', '=', residentId).where('role', '=', r).executeTakeFirst();
        if (Number(res.numDeletedRows) !== 1) throw notFound('unknown_grant', 'This person does not hold this role.');
        await audit.record(trx, { type: 'staff.removed', outcome: 'success', residentId, detail: { ...acting(staff, reason), role: r } });
      });
    },
  };
}

export type StaffAdmin = ReturnType<typeof createStaffAdmin>;
