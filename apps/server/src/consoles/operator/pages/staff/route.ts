import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields } from '../../../../http/validate.ts';
import type { StaffAdmin } from '../../staff-admin.ts';
import { operatorPageSchema, type Body, type PageKit, type PageState } from '../kit.ts';
import { staffBody } from './template.ts';

/** Staff roles: grant (by identity number) and remove, each with a reason and a fresh approval. */
const PATH = '/console/operator/staff';

export function registerStaffPage(app: FastifyInstance, deps: { kit: PageKit; staff: StaffAdmin; counters: (lang: string) => Promise<Array<{ id: string; name: string }>> }): void {
  const { kit, staff } = deps;

  async function show(req: FastifyRequest, reply: FastifyReply, state: PageState, status?: number) {
    const p = pageContextOf(req);
    return kit.send(req, reply, { section: 'staff', title: p.t('operator.staff.title'), body: staffBody(p, await kit.csrfOf(req), await staff.list(), await deps.counters(p.lang), req.staffMember!.resident.id), state, ...(status ? { status } : {}) });
  }

  app.get<{ Querystring: { done?: string } }>(PATH, { ...kit.guard, schema: operatorPageSchema('Staff roles (operator role)') }, async (req, reply) => show(req, reply, { done: req.query.done === '1' }));

  app.post<{ Body: Body }>(`${PATH}/grant`, { ...kit.guard, schema: operatorPageSchema('Grant a staff role (reason required, audited)', { body: formFields }) }, async (req, reply) =>
    kit.act(req, reply, { back: PATH, run: () => staff.grant(req.staffMember!, { idNumber: req.body?.idNumber, role: req.body?.role, counterId: req.body?.counterId, reason: req.body?.reason }), again: (state, status) => show(req, reply, state, status) }),
  );

  app.post<{ Body: Body }>(`${PATH}/remove`, { ...kit.guard, schema: operatorPageSchema('Remove a staff role (reason required, audited; not your own operator role)', { body: formFields }) }, async (req, reply) =>
    kit.act(req, reply, { back: PATH, run: () => staff.remove(req.staffMember!, { residentId: req.body?.residentId, role: req.body?.role, reason: req.body?.reason }), again: (state, status) => show(req, reply, state, status) }),
  );
}
