import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from '../../../../errors.ts';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields, pageSchema } from '../../../../http/validate.ts';
import { orgRoles, type Organisations } from '../../organisations.ts';
import type { Sandbox } from '../../sandbox.ts';
import type { Services } from '../../services.ts';
import { pageLimit, type Frame } from '../frame.ts';
import { organisationBody, type OrganisationPage } from './template.ts';

type Body = Record<string, string | undefined>;
const params = z.object({ orgId: z.string().max(40) });

/** `/console/developer/organisations/:orgId`: services, members and invitations, sandbox identities. */
export function registerOrganisationPage(app: FastifyInstance, deps: { frame: Frame; organisations: Organisations; services: Services; sandbox: Sandbox; issuer: string }) {
  const { frame, organisations, services, sandbox } = deps;
  const guard = { preHandler: frame.signedIn, ...pageLimit };

  async function show(req: FastifyRequest<{ Params: { orgId: string } }>, reply: FastifyReply, extra: Partial<OrganisationPage> = {}, status = 200) {
    const p = pageContextOf(req);
    const me = frame.actor(req);
    const org = await organisations.membership(me, req.params.orgId);
    const [members, list, identities] = await Promise.all([organisations.members(org.organisationId), services.list(me, org.organisationId), sandbox.list(me, org.organisationId)]);
    // A form's answer is not a page to reload: the language switch goes to the organisation's page.
    p.path = `/console/developer/organisations/${org.organisationId}`;
    return frame.send(req, reply, org.name, organisationBody(p, await frame.csrf(req), { org, members, services: list, identities, issuer: deps.issuer, ...extra }), status);
  }

  app.get<{ Params: { orgId: string } }>('/console/developer/organisations/:orgId', { ...guard, schema: pageSchema("An organisation's services, members and sandbox identities", { params }) }, async (req, reply) => show(req, reply));

  app.post<{ Params: { orgId: string }; Body: Body }>('/console/developer/organisations/:orgId/invitations', { ...guard, schema: pageSchema('Invite a member by identity number (owners)', { params, body: formFields }) }, async (req, reply) => {
    const p = pageContextOf(req);
    try {
      const role = req.body?.role ?? '';
      if (!(orgRoles as readonly string[]).includes(role)) throw badRequest('invalid_role', 'Choose owner or developer.');
      const made = await organisations.invite(frame.actor(req), req.params.orgId, { idNumber: String(req.body?.idNumber ?? ''), role: role as 'owner' | 'developer' });
      return show(req, reply, { invitation: { url: `${deps.issuer}/console/developer/invitations/${made.token}` } });
    } catch (err) {
      const { status, message } = frame.problem(p, err);
      if (status === 404) throw err;
      return show(req, reply, { errors: { invite: message } }, status);
    }
  });

  app.post<{ Params: { orgId: string }; Body: Body }>('/console/developer/organisations/:orgId/sandbox-identities', { ...guard, schema: pageSchema('Create a sandbox identity (a synthetic resident for sandbox services)', { params, body: formFields }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const b = req.body ?? {};
    try {
      const created = await sandbox.create(frame.actor(req), req.params.orgId, { family: String(b.family ?? ''), given: String(b.given ?? ''), dob: String(b.dob ?? ''), phone: String(b.phone ?? '') });
      return show(req, reply, { created });
    } catch (err) {
      const { status, message } = frame.problem(p, err);
      if (status === 404) throw err;
      return show(req, reply, { errors: { sandbox: message } }, status);
    }
  });
}
