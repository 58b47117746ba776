import crypto from 'node:crypto';
import type { Audit } from '../../audit/audit.ts';
import { randomToken, sha256, type FieldCrypto } from '../../crypto/field-crypto.ts';
import { badRequest, conflict, forbidden, gone, notFound } from '../../errors.ts';
import { normalizeIdNumber } from '../../identity/id-number.ts';
import type { ResidentStore } from '../../identity/residents.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';

/**
 * Organisations (a department, a company) own services. Members are residents with a role:
 * an `owner` manages members and asks for production; a `developer` registers and changes
 * services and makes sandbox identities. An owner invites someone by their identity number: the
 * one-time link works only for that person, signed in. Anyone who is not a member is told the
 * organisation does not exist: its name and services are not for them.
 */
export const orgRoles = ['owner', 'developer'] as const;
export type OrgRole = (typeof orgRoles)[number];
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export type Membership = { organisationId: string; name: string; role: OrgRole };

/**
 * Who acts: a resident signed in to the console, or an organisation's automation client
 * (automation.ts), which is a developer of its one organisation and a stranger to every other.
 */
export type Actor = { kind: 'resident'; residentId: string } | { kind: 'automation'; clientId: string; organisationId: string };
export const asResident = (residentId: string): Actor => ({ kind: 'resident', residentId });

/** The actor as the audit records it: the resident, or the automation client in `detail`. */
export const actedBy = (a: Actor, detail: Record<string, unknown>) => (a.kind === 'resident' ? { residentId: a.residentId, detail } : { residentId: null, detail: { ...detail, automationClientId: a.clientId } });

/** The actor as a row's `created_by` / `requested_by` names it. */
export const actorRef = (a: Actor): string => (a.kind === 'resident' ? a.residentId : `automation:${a.clientId}`);

export function createOrganisations(deps: { db: Db; crypto: FieldCrypto; audit: Audit; residents: ResidentStore }) {
  const { db, audit } = deps;
  const unknownOrganisation = () => notFound('unknown_organisation', 'There is no such organisation, or you are not one of its members.');
  const memberRow = (residentId: string, organisationId: string) =>
    db
      .selectFrom('dev_members')
      .innerJoin('dev_organisations', 'dev_organisations.id', 'dev_members.organisation_id')
      .select(['dev_organisations.id', 'dev_organisations.name', 'dev_members.role'])
      .where('dev_members.resident_id', '=', residentId)
      .where('dev_members.organisation_id', '=', organisationId)
      .executeTakeFirst();
  // An automation client works as a developer, in its own organisation only.
  const automationRow = async (a: Extract<Actor, { kind: 'automation' }>, organisationId: string) => {
    if (a.organisationId !== organisationId) return undefined;
    const org = await db.selectFrom('dev_organisations').select(['id', 'name']).where('id', '=', organisationId).executeTakeFirst();
    return org ? { ...org, role: 'developer' } : undefined;
  };

  return {
    async create(residentId: string, name: string): Promise<string> {
      const id = crypto.randomUUID();
      const now = Date.now();
      await inTransaction(db, async (trx) => {
        await trx.insertInto('dev_organisations').values({ id, name, created_by: residentId, created_at: now }).execute();
        await trx.insertInto('dev_members').values({ organisation_id: id, resident_id: residentId, role: 'owner', added_by: residentId, added_at: now }).execute();
        await audit.record(trx, { type: 'organisation.created', outcome: 'success', residentId, detail: { organisationId: id } });
      });
      return id;
    },

    async listFor(actor: Actor): Promise<Membership[]> {
      if (actor.kind === 'automation') return [await this.membership(actor, actor.organisationId)];
      const residentId = actor.residentId;
      const rows = await db
        .selectFrom('dev_members')
        .innerJoin('dev_organisations', 'dev_organisations.id', 'dev_members.organisation_id')
        .select(['dev_organisations.id', 'dev_organisations.name', 'dev_members.role'])
        .where('dev_members.resident_id', '=', residentId)
        .orderBy('dev_organisations.name')
        .execute();
      return rows.map((r) => ({ organisationId: r.id, name: r.name, role: r.role as OrgRole }));
    },

    /** The member's role, or 404 for a stranger; with `need: 'owner'`, 403 (audited) for a developer. */
    async membership(actor: Actor, organisationId: string, need?: OrgRole): Promise<Membership> {
      const row = actor.kind === 'resident' ? await memberRow(actor.residentId, organisationId) : await automationRow(actor, organisationId);
      if (!row) throw unknownOrganisation();
      if (need === 'owner' && row.role !== 'owner') {
        await audit.record(db, { type: 'developer.denied', outcome: 'failure', ...actedBy(actor, { organisationId, need }) });
        throw forbidden('owner_only', 'Only an owner of the organisation can do this.');
      }
      return { organisationId: row.id, name: row.name, role: row.role as OrgRole };
    },

    async members(organisationId: string): Promise<Array<{ residentId: string; name: string; role: OrgRole; addedAt: number }>> {
      const rows = await db.selectFrom('dev_members').selectAll().where('organisation_id', '=', organisationId).orderBy('added_at').execute();
      return Promise.all(
        rows.map(async (r) => {
          const p = (await deps.residents.findById(r.resident_id))?.profile;
          return { residentId: r.resident_id, name: p ? [p.nameEn.family, p.nameEn.given].filter(Boolean).join(' ') : '', role: r.role as OrgRole, addedAt: Number(r.added_at) };
        }),
      );
    },

    /** A one-time link for the person with this identity number (owners only). */
    async invite(actor: Actor, organisationId: string, input: { idNumber: string; role: OrgRole }): Promise<{ token: string; expiresAt: number }> {
      await this.membership(actor, organisationId, 'owner');
      const idNumber = normalizeIdNumber(input.idNumber);
      if (!idNumber) throw badRequest('invalid_id_number', 'The identity card number is not valid. It looks like A123456(7).');
      const token = randomToken();
      const now = Date.now();
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('dev_invitations')
          .values({ token_hash: sha256(token), organisation_id: organisationId, invitee_hash: deps.crypto.lookupHash(idNumber), role: input.role, created_by: actorRef(actor), created_at: now, expires_at: now + INVITATION_TTL_MS, accepted_by: null, accepted_at: null })
          .execute();
        await audit.record(trx, { type: 'organisation.member_invited', outcome: 'success', ...actedBy(actor, { organisationId, role: input.role }) });
      });
      return { token, expiresAt: now + INVITATION_TTL_MS };
    },

    async invitation(token: string) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('unknown_invitation', 'This invitation link is not valid. Ask the owner for a new one.');
      const row = await db
        .selectFrom('dev_invitations')
        .innerJoin('dev_organisations', 'dev_organisations.id', 'dev_invitations.organisation_id')
        .select(['dev_invitations.token_hash', 'dev_invitations.organisation_id', 'dev_invitations.invitee_hash', 'dev_invitations.role', 'dev_invitations.expires_at', 'dev_invitations.accepted_at', 'dev_organisations.name'])
        .where('dev_invitations.token_hash', '=', sha256(token))
        .executeTakeFirst();
      if (!row) throw notFound('unknown_invitation', 'This invitation link is not valid. Ask the owner for a new one.');
      if (row.accepted_at !== null) throw conflict('invitation_used', 'This invitation has already been accepted.');
      if (Number(row.expires_at) <= Date.now()) throw gone('invitation_expired', 'This invitation has expired. Ask the owner for a new one.');
      return { organisationId: row.organisation_id, organisationName: row.name, role: row.role as OrgRole, inviteeHash: row.invitee_hash, expiresAt: Number(row.expires_at) };
    },

    /** The invitee, signed in, joins: the link alone is not enough. */
    async accept(residentId: string, token: string): Promise<string> {
      const inv = await this.invitation(token);
      const me = await db.selectFrom('residents').select('registry_ref').where('id', '=', residentId).executeTakeFirst();
      if (me?.registry_ref !== inv.inviteeHash) throw forbidden('not_invitee', 'This invitation is for someone else. Sign in with the identity it was made for.');
      await inTransaction(db, async (trx) => {
        const used = await trx.updateTable('dev_invitations').set({ accepted_by: residentId, accepted_at: Date.now() }).where('token_hash', '=', sha256(token)).where('accepted_at', 'is', null).executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) throw conflict('invitation_used', 'This invitation has already been accepted.');
        await trx
          .insertInto('dev_members')
          .values({ organisation_id: inv.organisationId, resident_id: residentId, role: inv.role, added_by: residentId, added_at: Date.now() })
          .onConflict((oc) => oc.columns(['organisation_id', 'resident_id']).doUpdateSet({ role: inv.role }))
          .execute();
        await audit.record(trx, { type: 'organisation.member_joined', outcome: 'success', residentId, detail: { organisationId: inv.organisationId, role: inv.role } });
      });
      return inv.organisationId;
    },
  };
}

export type Organisations = ReturnType<typeof createOrganisations>;
