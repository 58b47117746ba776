import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { errorReplies, noContent, replyOf } from '../../http/validate.ts';
import type { ResidentStore } from '../../identity/residents.ts';
import { authorizeStaff, staffRoles, type StaffMember, type StaffStore } from '../../identity/staff.ts';
import { sessionIsFresh } from '../step-up.ts';
import { auditFilters, type AuditSearch } from './audit-search.ts';
import type { ServiceAdmin } from './services.ts';
import type { StaffAdmin } from './staff-admin.ts';
import type { ResidentSupport } from './support.ts';

/**
 * The operator console as a JSON API (/api/console/operator/…): the same library calls as the
 * pages, for scripts and tools. It takes the console session (the `yat_console` cookie) and,
 * like every /api/ route, only JSON bodies — which another site cannot send without a CORS
 * preflight, so no form token is needed. Risky actions answer 401 `step_up_required` when the
 * last wallet approval is older than 5 minutes or below the plus level.
 */
const tags = ['operator console'];
const security = [{ consoleSession: [] }];
const limit = { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };
const refusals = errorReplies(400, 401, 403, 404, 409, 429);
const reasonBody = z.object({ reason: z.string().max(1000).optional().describe('why (5 to 500 characters); kept in the audit log') });
const residentParams = z.object({ residentId: z.string().max(40) });
const request = z.object({ id: z.string(), residentId: z.string(), reason: z.string(), requestedBy: z.string(), requestedAt: z.number(), status: z.string(), decidedBy: z.string().nullable(), decidedAt: z.number().nullable() });
const residentView = z.object({
  id: z.string(),
  status: z.enum(['active', 'locked']),
  assurance: z.enum(['standard', 'plus']),
  createdAt: z.number(),
  nameEn: z.string(),
  nameZh: z.string().nullable(),
  idNumberMasked: z.string(),
  devices: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.number(), lastUsedAt: z.number().nullable() })),
  services: z.array(z.object({ clientId: z.string(), name: z.string(), fields: z.array(z.string()), lastUsedAt: z.number(), suspended: z.boolean() })),
  activity: z.array(z.object({ id: z.number(), at: z.number(), type: z.string(), outcome: z.string(), clientId: z.string().nullable() })),
  pendingUnlock: request.nullable(),
});
const auditEvent = z.object({ id: z.number(), at: z.number(), type: z.string(), outcome: z.string(), residentId: z.string().nullable(), clientId: z.string().nullable(), fields: z.array(z.string()), detail: z.record(z.string(), z.unknown()) });

export type OperatorApiDeps = { residents: ResidentStore; staff: StaffStore; support: ResidentSupport; services: ServiceAdmin; search: AuditSearch; staffAdmin: StaffAdmin };

export function registerOperatorApi(server: FastifyInstance, deps: OperatorApiDeps): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { support } = deps;

  async function operator(req: FastifyRequest): Promise<StaffMember> {
    if (!req.consoleSession) throw new AppError('no_session', 401, 'Sign in to the staff console first (/console/login).');
    return authorizeStaff(deps, req.consoleSession.residentId, 'operator');
  }
  async function freshOperator(req: FastifyRequest): Promise<StaffMember> {
    const staff = await operator(req);
    if (!sessionIsFresh(req.consoleSession)) throw new AppError('step_up_required', 401, 'This action needs a fresh approval on your wallet at the plus level: sign in again at /console/login?step_up=1.');
    return staff;
  }
  const base = '/api/console/operator';
  const s = <S extends object>(summary: string, extra: S) => ({ ...limit, schema: { tags, security, summary, ...extra } });

  app.post(`${base}/residents/find`, s('Find a resident by identity card number (its keyed hash); audited', { body: z.object({ idNumber: z.string().max(20) }), response: { 200: residentView, ...refusals } }), async (req) => {
    const staff = await operator(req);
    return support.view(await support.find(staff, req.body.idNumber));
  });

  app.get(`${base}/residents/:residentId`, s("A resident's status, assurance, devices, services and recent activity; audited", { params: residentParams, response: { 200: residentView, ...refusals } }), async (req) => {
    const staff = await operator(req);
    const view = await support.view(req.params.residentId);
    await support.viewed(staff, view.id);
    return view;
  });

  app.post(`${base}/residents/:residentId/lock`, s('Lock an identity at once (reason; fresh approval)', { params: residentParams, body: reasonBody, response: { 204: noContent, ...refusals } }), async (req, reply) => {
    await support.lock(await freshOperator(req), req.params.residentId, req.body.reason);
    return reply.code(204).send(null);
  });

  app.post(`${base}/residents/:residentId/unlock-requests`, s('Ask to unlock an identity; a different operator must approve (reason; fresh approval)', { params: residentParams, body: reasonBody, response: { 201: request, ...refusals } }), async (req, reply) => {
    return reply.code(201).send(await support.requestUnlock(await freshOperator(req), req.params.residentId, req.body.reason));
  });

  app.get(`${base}/requests`, s('Unlock requests waiting for a second operator', { response: { 200: z.object({ requests: z.array(request) }), ...refusals } }), async (req) => {
    await operator(req);
    return { requests: await support.pendingRequests() };
  });

  for (const decision of ['approve', 'reject'] as const) {
    app.post(`${base}/requests/:requestId/${decision}`, s(`${decision === 'approve' ? 'Approve (and unlock)' : 'Reject'} another operator's unlock request (reason; fresh approval)`, { params: z.object({ requestId: z.string().max(40) }), body: reasonBody, response: { 200: request, ...refusals } }), async (req) => {
      return support.decideUnlock(await freshOperator(req), req.params.requestId, decision === 'approve', req.body.reason);
    });
  }

  app.post(`${base}/residents/:residentId/devices/:deviceId/revoke`, s("Remove a resident's device; their signing certificates are revoked with it (reason; fresh approval)", { params: residentParams.extend({ deviceId: z.string().max(1400) }), body: reasonBody, response: { 204: noContent, ...refusals } }), async (req, reply) => {
    await support.revokeDevice(await freshOperator(req), req.params.residentId, req.params.deviceId, req.body.reason);
    return reply.code(204).send(null);
  });

  app.post(`${base}/residents/:residentId/services/:clientId/revoke`, s("End a service's grant and tokens for a resident (reason; fresh approval)", { params: residentParams.extend({ clientId: z.string().max(200) }), body: reasonBody, response: { 204: noContent, ...refusals } }), async (req, reply) => {
    await support.revokeGrant(await freshOperator(req), req.params.residentId, req.params.clientId, req.body.reason);
    return reply.code(204).send(null);
  });

  const serviceRow = z.object({ clientId: z.string(), name: z.string(), createdAt: z.number(), suspended: z.boolean(), reason: z.string().nullable(), changedAt: z.number().nullable() });
  app.get(`${base}/services`, s('Services and whether each is suspended', { response: { 200: z.object({ services: z.array(serviceRow) }), ...refusals } }), async (req) => {
    await operator(req);
    return { services: await deps.services.list() };
  });

  for (const change of ['suspend', 'reinstate'] as const) {
    app.post(`${base}/services/:clientId/${change}`, s(`${change === 'suspend' ? 'Suspend a service: no sign-in, its tokens stop working' : 'Reinstate a suspended service'} (reason; fresh approval)`, { params: z.object({ clientId: z.string().max(200) }), body: reasonBody, response: { 204: noContent, ...refusals } }), async (req, reply) => {
      await deps.services[change](await freshOperator(req), req.params.clientId, req.body.reason);
      return reply.code(204).send(null);
    });
  }

  app.post(`${base}/audit/search`, s('Audit events by resident, service, type, outcome and day, newest first, 50 a page (audited)', { body: auditFilters, response: { 200: z.object({ events: z.array(auditEvent), next: z.number().nullable().describe('pass as "before" for the next page') }), ...refusals } }), async (req) => {
    return deps.search.search(await operator(req), req.body);
  });

  app.post(`${base}/audit/export`, s('The same search as CSV, up to 10,000 events (audited)', { body: auditFilters, produces: ['text/csv'], response: { 200: replyOf('text/csv', 'the events found, as CSV'), ...refusals } }), async (req, reply) => {
    const csv = await deps.search.csv(await operator(req), req.body);
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').send(csv);
  });

  const staffRow = z.object({ residentId: z.string(), name: z.string(), role: z.enum(staffRoles), counterId: z.string().nullable(), inForce: z.boolean(), grantedBy: z.string(), grantedAt: z.number() });
  app.get(`${base}/staff`, s('Staff roles', { response: { 200: z.object({ staff: z.array(staffRow) }), ...refusals } }), async (req) => {
    await operator(req);
    return { staff: await deps.staffAdmin.list() };
  });

  app.post(`${base}/staff/grant`, s('Grant a staff role to a resident, by identity card number (reason; fresh approval)', { body: reasonBody.extend({ idNumber: z.string().max(20), role: z.enum(staffRoles), counterId: z.string().max(100).optional() }), response: { 201: z.object({ residentId: z.string(), role: z.enum(staffRoles) }), ...refusals } }), async (req, reply) => {
    return reply.code(201).send(await deps.staffAdmin.grant(await freshOperator(req), req.body));
  });

  app.post(`${base}/staff/remove`, s('Remove a staff role (reason; fresh approval; not your own operator role)', { body: reasonBody.extend({ residentId: z.string().max(40), role: z.enum(staffRoles) }), response: { 204: noContent, ...refusals } }), async (req, reply) => {
    await deps.staffAdmin.remove(await freshOperator(req), req.body);
    return reply.code(204).send(null);
  });
}
