import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from '../../../../errors.ts';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields, pageSchema } from '../../../../http/validate.ts';
import type { AutomationClients } from '../../automation.ts';
import type { Organisations } from '../../organisations.ts';
import { credentialsFromForm } from '../service-form/form.ts';
import { pageLimit, type Frame } from '../frame.ts';
import { automationBody, type AutomationPage } from './template.ts';

type Body = Record<string, string | undefined>;
type Req = FastifyRequest<{ Params: { orgId: string } }>;
const params = z.object({ orgId: z.string().max(40) });

/** `/console/developer/organisations/:orgId/automation`: the organisation's automation clients; owners make and delete them. */
export function registerAutomationPage(app: FastifyInstance, deps: { frame: Frame; organisations: Organisations; automation: AutomationClients; issuer: string }) {
  const { frame, organisations, automation } = deps;
  const guard = { preHandler: frame.signedIn, ...pageLimit };
  const pathOf = (orgId: string) => `/console/developer/organisations/${orgId}/automation`;

  async function show(req: Req, reply: FastifyReply, extra: Partial<AutomationPage> = {}, status = 200) {
    const p = pageContextOf(req);
    const org = await organisations.membership(frame.actor(req), req.params.orgId);
    const clients = await automation.list(frame.actor(req), org.organisationId);
    // A form's answer is not a page to reload: the language switch goes to the list.
    p.path = pathOf(org.organisationId);
    return frame.send(req, reply, p.t('developer.automation.title'), automationBody(p, await frame.csrf(req), { org, clients, issuer: deps.issuer, ...extra }), status);
  }

  async function act(req: Req, reply: FastifyReply, fn: () => Promise<Partial<AutomationPage>>, status: number) {
    try {
      return show(req, reply, await fn(), status);
    } catch (err) {
      const problem = frame.problem(pageContextOf(req), err);
      if (problem.status === 404 && (err as { code?: string }).code === 'unknown_organisation') throw err;
      return show(req, reply, { error: problem.message, form: req.body as Body }, problem.status);
    }
  }

  app.get<{ Params: { orgId: string } }>('/console/developer/organisations/:orgId/automation', { ...guard, schema: pageSchema("An organisation's automation clients (client-credentials access to the developer console's API)", { params }) }, async (req, reply) => show(req, reply));

  app.post<{ Params: { orgId: string }; Body: Body }>('/console/developer/organisations/:orgId/automation', { ...guard, schema: pageSchema('Make an automation client (owners): its client id, and its secret once', { params, body: formFields }) }, async (req, reply) =>
    act(req, reply, async () => {
      const name = String(req.body?.name ?? '').trim();
      if (!name || name.length > 100) throw badRequest('invalid_automation_name', 'Name the automation client in at most 100 characters.');
      const made = await automation.create(frame.actor(req), req.params.orgId, { name, credentials: credentialsFromForm({ auth: req.body?.auth === 'secret' ? 'secret' : 'jwks', jwks: req.body?.jwks }) });
      return { made: { ...made, name } };
    }, 201),
  );

  app.post<{ Params: { orgId: string; clientId: string }; Body: Body }>('/console/developer/organisations/:orgId/automation/:clientId/delete', { ...guard, schema: pageSchema('Delete an automation client (owners): its tokens stop working at once', { params: params.extend({ clientId: z.string().max(60) }), body: formFields }) }, async (req, reply) =>
    act(req, reply, async () => {
      await automation.remove(frame.actor(req), req.params.orgId, req.params.clientId);
      return { deleted: req.params.clientId };
    }, 200),
  );
}
