import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorReplies } from '../../http/validate.ts';
import type { ResidentStore } from '../../identity/residents.ts';
import { authorizeStaff, type StaffStore } from '../../identity/staff.ts';
import { consoleApiGuard, sessionResident } from '../developer/api-auth.ts';
import { serviceConfig } from '../developer/config.ts';
import type { ApprovalQueue } from './queue.ts';

/** The approval queue as a JSON API (`/api/approvals/…`, operator role, console session + CSRF header). */
const tags = ['operator console'];
const refusals = errorReplies(400, 401, 403, 404, 409, 429);
const change = z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable() });
const request = z.object({ id: z.string(), serviceId: z.string(), organisation: z.string(), serviceName: z.string(), status: z.enum(['pending', 'approved', 'rejected', 'superseded']), requestedAt: z.number(), changes: z.array(change), config: serviceConfig, firstApproval: z.boolean(), reason: z.string().nullable() });
const params = z.object({ requestId: z.string().max(40) });

export function registerApprovalApi(server: FastifyInstance, deps: { queue: ApprovalQueue; residents: ResidentStore; staff: StaffStore; csrfKey: string }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const apiGuard = consoleApiGuard(deps.csrfKey);
  const operator = async (req: Parameters<typeof sessionResident>[0]) => (await authorizeStaff(deps, sessionResident(req), 'operator')).resident.id;
  const opts = { preHandler: apiGuard, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };

  app.get('/api/approvals', { ...opts, schema: { tags, summary: 'Requests waiting for approval, each with what changes (operator role)', response: { 200: z.object({ requests: z.array(request) }), ...refusals } } }, async (req) => {
    await operator(req);
    return { requests: await deps.queue.pending() };
  });

  app.post('/api/approvals/:requestId/approve', { ...opts, schema: { tags, summary: "Approve: the service's production client runs exactly this configuration (operator role)", params, body: z.object({ reason: z.string().max(500).default('') }), response: { 200: z.object({ productionClientId: z.string() }), ...refusals } } }, async (req) => {
    const done = await deps.queue.approve(await operator(req), req.params.requestId, req.body.reason);
    return { productionClientId: done.productionClientId! };
  });

  app.post('/api/approvals/:requestId/reject', { ...opts, schema: { tags, summary: 'Reject, with a reason the developer reads (operator role)', params, body: z.object({ reason: z.string().max(500) }), response: { 200: z.object({ status: z.literal('rejected') }), ...refusals } } }, async (req) => {
    await deps.queue.reject(await operator(req), req.params.requestId, req.body.reason);
    return { status: 'rejected' as const };
  });
}
