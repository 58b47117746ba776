import { forbidden } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import type { Resident, ResidentStore } from './residents.ts';

/**
 * Staff are residents with roles. A role is in force only while its holder is at the plus
 * level (checked in person at a counter) and active — except a bootstrap grant, made with
 * `yat staff grant` by whoever runs the platform, since the first staff have no one to
 * upgrade them. Roles granted later (by operators, in the operator console) need plus.
 */
export const staffRoles = ['counter', 'operator'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const isStaffRole = (v: unknown): v is StaffRole => typeof v === 'string' && (staffRoles as readonly string[]).includes(v);

export type StaffGrant = { residentId: string; role: StaffRole; counterId: string | null; bootstrap: boolean; grantedBy: string; grantedAt: number };
export type StaffMember = { resident: Resident; grant: StaffGrant };

export function createStaffStore(db: Db) {
  const toGrant = (r: { resident_id: string; role: string; counter_id: string | null; bootstrap: number; granted_by: string; granted_at: number }): StaffGrant => ({
    residentId: r.resident_id,
    role: r.role as StaffRole,
    counterId: r.counter_id,
    bootstrap: Number(r.bootstrap) === 1,
    grantedBy: r.granted_by,
    grantedAt: Number(r.granted_at),
  });

  return {
    /** Grants (or re-grants, e.g. at another counter) a role. */
    async grant(input: { residentId: string; role: StaffRole; counterId: string | null; grantedBy: string; bootstrap: boolean }): Promise<StaffGrant> {
      const row = { counter_id: input.counterId, bootstrap: input.bootstrap ? 1 : 0, granted_by: input.grantedBy, granted_at: Date.now() };
      await db
        .insertInto('staff_roles')
        .values({ resident_id: input.residentId, role: input.role, ...row })
        .onConflict((oc) => oc.columns(['resident_id', 'role']).doUpdateSet(row))
        .execute();
      return { residentId: input.residentId, role: input.role, counterId: input.counterId, bootstrap: input.bootstrap, grantedBy: input.grantedBy, grantedAt: row.granted_at };
    },

    async revoke(residentId: string, role: StaffRole): Promise<boolean> {
      const r = await db.deleteFrom('staff_roles').where('resident_id', '=', residentId).where('role', '=', role).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    async grantsOf(residentId: string): Promise<StaffGrant[]> {
      return (await db.selectFrom('staff_roles').selectAll().where('resident_id', '=', residentId).orderBy('role').execute()).map(toGrant);
    },

    async list(): Promise<StaffGrant[]> {
      return (await db.selectFrom('staff_roles').selectAll().orderBy('granted_at').execute()).map(toGrant);
    },
  };
}

export type StaffStore = ReturnType<typeof createStaffStore>;

/** Whether a grant is in force for this resident now. */
export function grantInForce(resident: Pick<Resident, 'assurance' | 'status'>, grant: StaffGrant): boolean {
  return resident.status === 'active' && (grant.bootstrap || resident.assurance === 'plus');
}

/**
 * The staff member acting in `role`, or a 403 that says why: not staff in that role, or the
 * role needs the plus level first. Called on every staff request, so a role revoked or an
 * identity locked takes effect at once.
 */
export async function authorizeStaff(deps: { residents: ResidentStore; staff: StaffStore }, residentId: string, role: StaffRole): Promise<StaffMember> {
  const resident = await deps.residents.findById(residentId);
  const grant = resident ? (await deps.staff.grantsOf(residentId)).find((g) => g.role === role) : undefined;
  if (!resident || !grant || resident.status !== 'active') throw forbidden('not_staff', `This needs the ${role} staff role, which you do not have.`);
  if (!grantInForce(resident, grant)) throw forbidden('staff_needs_plus', `The ${role} staff role needs the plus level. Have your identity checked at a registration counter first.`);
  return { resident, grant };
}
