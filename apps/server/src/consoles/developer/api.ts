import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AnalyticsStore } from '../../analytics/index.ts';
import { errorReplies, noContent } from '../../http/validate.ts';
import type { DeveloperApiAuth } from './api-auth.ts';
import type { AutomationClients } from './automation.ts';
import { credentials, serviceConfig } from './config.ts';
import { orgRoles, type Organisations } from './organisations.ts';
import { usageOf } from './pages/service/route.ts';
import type { Sandbox } from './sandbox.ts';
import type { Services } from './services.ts';

/**
 * The developer console as a JSON API (`/api/developer/…`): the same flows the pages call, for
 * scripts and a department's automation. Signed in with the console session (writes carry the
 * session's CSRF token), or with an automation client's token acting as a developer of its
 * organisation (api-auth.ts); a person's own work (creating or joining an organisation) takes
 * the session only.
 */
const tags = ['developer console'];
const refusals = errorReplies(400, 401, 403, 404, 409, 410, 429);
const limit = { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };
const orgParams = z.object({ orgId: z.string().max(40) });
const serviceParams = z.object({ serviceId: z.string().max(40) });
const membership = z.object({ organisationId: z.string(), name: z.string(), role: z.enum(orgRoles) });
const change = z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export const serviceReply = z.object({
  id: z.string(),
  organisationId: z.string(),
  draft: serviceConfig,
  approved: serviceConfig.nullable(),
  approvedAt: z.number().nullable(),
  credentials,
  sandboxClientId: z.string(),
  productionClientId: z.string().nullable(),
  stage: z.enum(['sandbox', 'production', 'changed']).describe('sandbox: never approved; production: running what was approved; changed: the draft waits for approval'),
  pending: z.object({ id: z.string(), requestedAt: z.number(), changes: z.array(change) }).nullable(),
  lastDecision: z.object({ status: z.enum(['approved', 'rejected']), reason: z.string().nullable(), decidedAt: z.number() }).nullable(),
});
const sessionOnly: Array<Record<string, string[]>> = [{ consoleSession: [] }];
const sessionOrToken: Array<Record<string, string[]>> = [{ consoleSession: [] }, { clientCredentials: ['console:org'] }];
const automationClient = z.object({ clientId: z.string(), name: z.string(), method: z.enum(['private_key_jwt', 'client_secret_basic']), createdAt: z.number() });
const record = z.object({ idNumber: z.string(), dob: z.string(), nameEn: z.object({ family: z.string(), given: z.string() }), phone: z.string() });

export function registerDeveloperApi(server: FastifyInstance, deps: { organisations: Organisations; services: Services; sandbox: Sandbox; automation: AutomationClients; auth: DeveloperApiAuth; analytics: AnalyticsStore; issuer: string }) {
  const { organisations, services, sandbox, automation } = deps;
  const { actorOf, personOf } = deps.auth;
  const app = server.withTypeProvider<ZodTypeProvider>();
  const guard = { preValidation: deps.auth.guard, ...limit };

  app.get('/api/developer/organisations', { ...guard, schema: { tags, security: sessionOrToken, summary: 'Your organisations and your role in each', response: { 200: z.object({ organisations: z.array(membership) }), ...refusals } } }, async (req) => ({ organisations: await organisations.listFor(actorOf(req)) }));

  app.post('/api/developer/organisations', { ...guard, schema: { tags, security: sessionOnly, summary: 'Create an organisation (you become its owner)', body: z.object({ name: z.string().trim().min(1).max(120) }), response: { 201: z.object({ id: z.string() }), ...refusals } } }, async (req, reply) => reply.code(201).send({ id: await organisations.create(await personOf(req), req.body.name) }));

  app.get('/api/developer/organisations/:orgId', { ...guard, schema: { tags, security: sessionOrToken, summary: "An organisation: members and services (members only)", params: orgParams, response: { 200: membership.extend({ members: z.array(z.object({ residentId: z.string(), name: z.string(), role: z.enum(orgRoles), addedAt: z.number() })), services: z.array(serviceReply) }), ...refusals } } }, async (req) => {
    const me = actorOf(req);
    const org = await organisations.membership(me, req.params.orgId);
    return { ...org, members: await organisations.members(org.organisationId), services: await services.list(me, org.organisationId) };
  });

  app.post('/api/developer/organisations/:orgId/invitations', { ...guard, schema: { tags, security: sessionOrToken, summary: 'Invite a member by identity number: a one-time link for that person (owners)', params: orgParams, body: z.object({ idNumber: z.string().max(20), role: z.enum(orgRoles) }), response: { 201: z.object({ url: z.string(), expiresAt: z.number() }), ...refusals } } }, async (req, reply) => {
    const made = await organisations.invite(actorOf(req), req.params.orgId, req.body);
    return reply.code(201).send({ url: `${deps.issuer}/console/developer/invitations/${made.token}`, expiresAt: made.expiresAt });
  });

  app.post('/api/developer/invitations/:token/accept', { ...guard, schema: { tags, security: sessionOnly, summary: 'Accept an invitation (the invitee, signed in)', params: z.object({ token: z.string().max(60) }), body: z.object({}).optional(), response: { 200: z.object({ organisationId: z.string() }), ...refusals } } }, async (req) => ({ organisationId: await organisations.accept(await personOf(req), req.params.token) }));

  app.post('/api/developer/organisations/:orgId/services', { ...guard, schema: { tags, security: sessionOrToken, summary: 'Register a service: it starts in the sandbox; a secret is returned once', params: orgParams, body: z.object({ config: serviceConfig, credentials }), response: { 201: z.object({ id: z.string(), sandboxClientId: z.string(), secret: z.string().optional() }), ...refusals } } }, async (req, reply) =>
    reply.code(201).send(await services.register(actorOf(req), req.params.orgId, req.body.config, req.body.credentials)),
  );

  app.get('/api/developer/services/:serviceId', { ...guard, schema: { tags, security: sessionOrToken, summary: 'A service: stage, clients, draft and approved configuration, pending request (members only)', params: serviceParams, response: { 200: serviceReply, ...refusals } } }, async (req) => {
    const { role: _role, organisationName: _name, ...s } = await services.get(actorOf(req), req.params.serviceId);
    return s;
  });

  app.put('/api/developer/services/:serviceId/config', { ...guard, schema: { tags, security: sessionOrToken, summary: "Change the configuration: the sandbox at once; production keeps the approved one until an operator approves", params: serviceParams, body: serviceConfig, response: { 200: serviceReply, ...refusals } } }, async (req) => services.update(actorOf(req), req.params.serviceId, req.body));

  app.post('/api/developer/services/:serviceId/rotate', { ...guard, schema: { tags, security: sessionOrToken, summary: "Replace the keys (both environments), or make a new secret for one environment (production: owners), returned once", params: serviceParams, body: z.object({ environment: z.enum(['sandbox', 'production']), credentials: credentials.optional() }), response: { 200: z.object({ secret: z.string().optional() }), ...refusals } } }, async (req) => services.rotate(actorOf(req), req.params.serviceId, req.body));

  app.post('/api/developer/services/:serviceId/production', { ...guard, schema: { tags, security: sessionOrToken, summary: 'Ask an operator to approve the configuration as it is now (owners)', params: serviceParams, body: z.object({}).optional(), response: { 201: z.object({ requestId: z.string() }), ...refusals } } }, async (req, reply) => reply.code(201).send(await services.requestProduction(actorOf(req), req.params.serviceId)));

  app.get('/api/developer/services/:serviceId/usage', { ...guard, schema: { tags, security: sessionOrToken, summary: 'Logins per day over 30 days, both environments (from the analytics rollups)', params: serviceParams, response: { 200: z.object({ days: z.array(z.object({ date: z.string(), logins: z.number() })) }), ...refusals } } }, async (req) => {
    const s = await services.get(actorOf(req), req.params.serviceId);
    return { days: await usageOf(deps.analytics, [s.sandboxClientId, ...(s.productionClientId ? [s.productionClientId] : [])]) };
  });

  app.get('/api/developer/services/:serviceId/deliveries', { ...guard, schema: { tags, security: sessionOrToken, summary: "The service's webhook deliveries and failures, newest first", params: serviceParams, response: { 200: z.object({ deliveries: z.array(z.object({ id: z.number(), environment: z.enum(['sandbox', 'production']), attempts: z.number(), deliveredAt: z.number().nullable(), lastError: z.string().nullable(), createdAt: z.number() })) }), ...refusals } } }, async (req) => ({ deliveries: await services.deliveries(actorOf(req), req.params.serviceId) }));

  app.get('/api/developer/organisations/:orgId/sandbox-identities', { ...guard, schema: { tags, security: sessionOrToken, summary: "The organisation's sandbox identities", params: orgParams, response: { 200: z.object({ identities: z.array(record) }), ...refusals } } }, async (req) => ({ identities: await sandbox.list(actorOf(req), req.params.orgId) }));

  app.post('/api/developer/organisations/:orgId/sandbox-identities', { ...guard, schema: { tags, security: sessionOrToken, summary: 'Create a sandbox identity; register it with `yat wallet register` (the code goes to the phone given)', params: orgParams, body: z.object({ family: z.string().max(60), given: z.string().max(100), dob: z.string().max(10), phone: z.string().max(20) }), response: { 201: record, ...refusals } } }, async (req, reply) => reply.code(201).send(await sandbox.create(actorOf(req), req.params.orgId, req.body)));

  app.get('/api/developer/organisations/:orgId/automation-clients', { ...guard, schema: { tags, security: sessionOrToken, summary: "The organisation's automation clients (client credentials, scope console:org)", params: orgParams, response: { 200: z.object({ clients: z.array(automationClient) }), ...refusals } } }, async (req) => ({ clients: await automation.list(actorOf(req), req.params.orgId) }));

  app.post('/api/developer/organisations/:orgId/automation-clients', { ...guard, schema: { tags, security: sessionOrToken, summary: "Make an automation client (owners): its client-credentials tokens (scope console:org) act as a developer of this organisation; a secret is returned once", params: orgParams, body: z.object({ name: z.string().trim().min(1).max(100), credentials }), response: { 201: z.object({ clientId: z.string(), secret: z.string().optional() }), ...refusals } } }, async (req, reply) =>
    reply.code(201).send(await automation.create(actorOf(req), req.params.orgId, req.body)),
  );

  app.delete('/api/developer/organisations/:orgId/automation-clients/:clientId', { ...guard, schema: { tags, security: sessionOrToken, summary: 'Delete an automation client (owners): its tokens stop working at once', params: orgParams.extend({ clientId: z.string().max(60) }), response: { 204: noContent, ...refusals } } }, async (req, reply) => {
    await automation.remove(actorOf(req), req.params.orgId, req.params.clientId);
    return reply.code(204).send(null);
  });
}
