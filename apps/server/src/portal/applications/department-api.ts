import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type Provider from 'oidc-provider';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import type { ApplicationStore } from './application-store.ts';
import { departmentSummary, departmentSummarySchema, departmentView, departmentViewSchema } from './department-view.ts';
import { errorReplies, replyOf } from '../../http/validate.ts';
import type { FileStore } from './file-store.ts';
import { departmentCodeOf } from './forms/departments.ts';
import { departmentStatuses, finalStatuses, isStatus, type Status } from './statuses.ts';
import type { Webhooks } from './webhooks.ts';

/**
 * The API departments use for their hosted services. A department is an OAuth client with a
 * department set in its registration; it calls with an access token from the client
 * credentials grant, checked here with the provider that issued it. It sees only its own
 * department's applications (others' are "not found", not "forbidden": existence is not leaked).
 */
export type DepartmentApiDeps = { provider: Provider; clients: ClientStore; apps: ApplicationStore; files: FileStore; webhooks: Webhooks; issuer: string };

const readLimit = { max: 600, timeWindow: '1 minute' };
const writeLimit = { max: 120, timeWindow: '1 minute' };
const tags = ['department'];
const security = [{ clientCredentials: ['applications'] }];
const refusals = errorReplies(400, 401, 403, 404, 409, 429);
const reference = z.object({ reference: z.string().max(40) });
const webhookReply = z.object({ department: z.string(), url: z.string().nullable() });
const unauthorized = (message: string) => new AppError('invalid_token', 401, message);

export function registerDepartmentApi(app: FastifyInstance, deps: DepartmentApiDeps): void {
  const { apps, files } = deps;

  async function caller(req: FastifyRequest): Promise<{ clientId: string; department: string }> {
    const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization ?? '');
    if (!m) throw unauthorized('Send an access token from the client credentials grant: Authorization: Bearer <token>.');
    const token = await deps.provider.ClientCredentials.find(m[1]!);
    const clientId = token?.clientId;
    if (!token || token.isExpired || !clientId) throw unauthorized('The access token is invalid or has expired.');
    const info = await deps.clients.info(clientId);
    const department = departmentCodeOf(info?.department);
    if (!department) throw forbidden('not_a_department', 'This client is not registered for a department with hosted services.');
    return { clientId, department };
  }

  // The token is checked before the body (a stranger learns nothing about the API's rules).
  // This plugin's scope holds only department routes, so every request here is one.
  const callers = new WeakMap<FastifyRequest, { clientId: string; department: string }>();
  app.addHook('preValidation', async (req) => {
    callers.set(req, await caller(req));
  });
  const whoIs = (req: FastifyRequest) => callers.get(req)!;

  async function ownApplication(req: FastifyRequest<{ Params: { reference: string } }>) {
    const who = whoIs(req);
    const application = await apps.byReference(req.params.reference);
    if (!application || application.department !== who.department) throw notFound('not_found', 'No application of your department has this reference.');
    return { who, application };
  }

  app.addHook('onSend', async (req, reply) => {
    if (reply.statusCode === 401 && req.url.startsWith('/api/department/')) reply.header('www-authenticate', 'Bearer error="invalid_token"');
  });

  app.get<{ Querystring: { status?: string; limit?: string; before?: string } }>('/api/department/applications', { config: { rateLimit: readLimit }, schema: { tags, security, summary: "The department's applications, newest first", querystring: z.object({ status: z.string().optional(), limit: z.string().regex(/^\d+$/).optional().describe('1 to 200, 50 unless given'), before: z.string().optional().describe('an ISO date: applications updated before it') }), response: { 200: z.object({ department: z.string(), applications: z.array(departmentSummarySchema) }), ...refusals } } }, async (req, reply) => {
    const who = whoIs(req);
    const { status } = req.query;
    if (status !== undefined && !isStatus(status)) throw badRequest('invalid_request', `status must be one of: ${['submitted', ...departmentStatuses].join(', ')}`);
    const limit = Math.min(Math.max(Number(req.query.limit) || 50, 1), 200);
    const before = req.query.before ? Date.parse(req.query.before) : undefined;
    const list = await apps.listForDepartment(who.department, { status: status as Status | undefined, limit, before: Number.isNaN(before) ? undefined : before });
    return reply.header('cache-control', 'no-store').send({ department: who.department, applications: list.map(departmentSummary) });
  });

  app.get<{ Params: { reference: string } }>('/api/department/applications/:reference', { config: { rateLimit: readLimit }, schema: { tags, security, summary: 'One application: answers, attachments, timeline', params: reference, response: { 200: departmentViewSchema, ...refusals } } }, async (req, reply) => {
    const { application } = await ownApplication(req);
    const view = departmentView(deps.issuer, application, await files.filesOf(application.id), await apps.events(application.id));
    return reply.header('cache-control', 'no-store').send(view);
  });

  app.get<{ Params: { reference: string; fileId: string } }>('/api/department/applications/:reference/files/:fileId', { config: { rateLimit: readLimit }, schema: { tags, security, summary: 'An attachment, as the resident uploaded it', params: reference.extend({ fileId: z.string().max(100) }), response: { 200: replyOf('application/octet-stream', 'the file (its own media type)'), ...refusals } } }, async (req, reply) => {
    const { application } = await ownApplication(req);
    const file = await files.read(application.id, req.params.fileId);
    if (!file) throw notFound('not_found', 'No such attachment on this application.');
    return reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.meta.filename)}`).type(file.meta.mime).send(file.bytes);
  });

  const statusBody = z.strictObject({ status: z.enum(departmentStatuses), note: z.string().max(2000).optional() });

  app.post<{ Params: { reference: string }; Body: { status: Status; note?: string } }>(
    '/api/department/applications/:reference/status',
    { schema: { tags, security, summary: "Move an application on (a decision is final); the resident's inbox is told", params: reference, body: statusBody, response: { 200: departmentViewSchema, ...refusals } }, config: { rateLimit: writeLimit } },
    async (req, reply) => {
      const { who, application } = await ownApplication(req);
      const { status, note } = req.body;
      if (finalStatuses.has(application.status)) throw conflict('already_decided', `The application was already ${application.status}; a decision is final.`);
      if (application.status === status) throw conflict('same_status', `The application is already ${status}.`);
      await apps.setStatus(application, status, note?.trim() || undefined, `client:${who.clientId}`);
      const updated = (await apps.byId(application.id))!;
      return reply.header('cache-control', 'no-store').send(departmentView(deps.issuer, updated, await files.filesOf(updated.id), await apps.events(updated.id)));
    },
  );

  const webhookBody = z.strictObject({ url: z.string().max(500) });
  app.put<{ Body: { url: string } }>('/api/department/webhook', { schema: { tags, security, summary: 'Where the department is told of new applications (signed webhooks)', body: webhookBody, response: { 200: webhookReply, ...refusals } }, config: { rateLimit: writeLimit } }, async (req, reply) => {
    const who = whoIs(req);
    await deps.webhooks.register(who.department, req.body.url, who.clientId);
    return reply.header('cache-control', 'no-store').send({ department: who.department, url: await deps.webhooks.urlFor(who.department) });
  });

  app.get('/api/department/webhook', { config: { rateLimit: readLimit }, schema: { tags, security, summary: "The department's webhook address", response: { 200: webhookReply, ...refusals } } }, async (req, reply) => {
    const who = whoIs(req);
    return reply.header('cache-control', 'no-store').send({ department: who.department, url: (await deps.webhooks.urlFor(who.department)) ?? null });
  });
}
