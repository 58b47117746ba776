import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields } from '../../../../http/validate.ts';
import type { ResidentSupport } from '../../support.ts';
import { operatorPageSchema, type Body, type PageKit, type PageState } from '../kit.ts';
import { requestsBody } from './template.ts';

/** Four eyes: unlocks one operator asked for, decided by another (never the one who asked). */
const params = z.object({ requestId: z.string().max(40) });
const PATH = '/console/operator/requests';

export function registerRequestsPage(app: FastifyInstance, deps: { kit: PageKit; support: ResidentSupport; nameOf: (residentId: string) => Promise<string> }): void {
  const { kit, support } = deps;

  async function show(req: FastifyRequest, reply: FastifyReply, state: PageState, status?: number) {
    const p = pageContextOf(req);
    const pending = await Promise.all((await support.pendingRequests()).map(async (r) => ({ ...r, residentName: await deps.nameOf(r.residentId), requesterName: await deps.nameOf(r.requestedBy) })));
    return kit.send(req, reply, { section: 'requests', title: p.t('operator.requests.title'), body: requestsBody(p, await kit.csrfOf(req), pending, req.staffMember!.resident.id), state, ...(status ? { status } : {}) });
  }

  app.get<{ Querystring: { done?: string } }>(PATH, { ...kit.guard, schema: operatorPageSchema('Unlocks waiting for a second operator (operator role)') }, async (req, reply) => show(req, reply, { done: req.query.done === '1' }));

  for (const decision of ['approve', 'reject'] as const) {
    app.post<{ Params: { requestId: string }; Body: Body }>(`${PATH}/:requestId/${decision}`, { ...kit.guard, schema: operatorPageSchema(`${decision === 'approve' ? 'Approve (and unlock)' : 'Reject'} another operator's unlock request (reason required, audited)`, { params, body: formFields }) }, async (req, reply) =>
      kit.act(req, reply, { back: PATH, run: () => support.decideUnlock(req.staffMember!, req.params.requestId, decision === 'approve', req.body?.reason), again: (state, status) => show(req, reply, state, status) }),
    );
  }
}
