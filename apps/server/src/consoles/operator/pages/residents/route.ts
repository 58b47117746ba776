import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields } from '../../../../http/validate.ts';
import type { ResidentSupport } from '../../support.ts';
import { operatorPageSchema, type Body, type PageKit, type PageState } from '../kit.ts';
import { findBody, residentBody } from './template.ts';

/**
 * Resident support: the identity number is posted (never in a URL, which logs keep), the
 * resident's page is then addressed by the internal id; each look is audited. Every action is
 * a form with a reason, and needs a fresh wallet approval (kit.act).
 */
const resident = z.object({ residentId: z.string().max(40) });
const device = resident.extend({ deviceId: z.string().max(1400) });
const service = resident.extend({ clientId: z.string().max(200) });

export function registerResidentPages(app: FastifyInstance, deps: { kit: PageKit; support: ResidentSupport }): void {
  const { kit, support } = deps;
  const pagePath = (id: string) => `/console/operator/residents/${id}`;

  async function showFind(req: FastifyRequest, reply: FastifyReply, state: PageState = {}, idNumber = '', status?: number) {
    const p = pageContextOf(req);
    return kit.send(req, reply, { section: 'residents', title: p.t('operator.residents.title'), body: findBody(p, await kit.csrfOf(req), idNumber, !!state.error), state, ...(status ? { status } : {}) });
  }

  async function showResident(req: FastifyRequest, reply: FastifyReply, residentId: string, state: PageState = {}, status?: number) {
    const p = pageContextOf(req);
    const view = await support.view(residentId);
    await support.viewed(req.staffMember!, residentId);
    return kit.send(req, reply, { section: 'residents', title: view.nameEn, body: residentBody(p, await kit.csrfOf(req), view, req.staffMember!.resident.id), state, path: pagePath(residentId), ...(status ? { status } : {}) });
  }

  app.get('/console/operator/residents', { ...kit.guard, schema: operatorPageSchema('Resident support: find a resident by identity card number (operator role)') }, async (req, reply) => showFind(req, reply));

  app.post<{ Body: Body }>('/console/operator/residents/find', { ...kit.guard, schema: operatorPageSchema("Find a resident by identity card number (its keyed hash); the look-up is audited", { body: formFields }) }, async (req, reply) => {
    const idNumber = (req.body?.idNumber ?? '').trim();
    try {
      const residentId = await support.find(req.staffMember!, idNumber);
      return reply.redirect(`${pagePath(residentId)}?lang=${pageContextOf(req).lang}`, 303);
    } catch (err) {
      const { message, status } = kit.problem(pageContextOf(req), err);
      return showFind(req, reply, { error: message }, idNumber, status);
    }
  });

  app.get<{ Params: { residentId: string }; Querystring: { done?: string } }>('/console/operator/residents/:residentId', { ...kit.guard, schema: operatorPageSchema("A resident's status, assurance, devices, services and recent activity (audited)", { params: resident }) }, async (req, reply) => {
    try {
      return await showResident(req, reply, req.params.residentId, { done: req.query.done === '1' });
    } catch (err) {
      const { message, status } = kit.problem(pageContextOf(req), err);
      return showFind(req, reply, { error: message }, '', status);
    }
  });

  const residentOf = (req: FastifyRequest) => (req.params as { residentId: string }).residentId;
  const action = <P extends { residentId: string }>(path: string, summary: string, params: z.ZodType, run: (req: FastifyRequest<{ Params: P; Body: Body }>) => Promise<unknown>) =>
    app.post<{ Params: P; Body: Body }>(path, { ...kit.guard, schema: operatorPageSchema(summary, { params, body: formFields }) }, async (req, reply) =>
      kit.act(req, reply, { back: pagePath(residentOf(req)), run: () => run(req), again: (state, status) => showResident(req, reply, residentOf(req), state, status) }),
    );

  action('/console/operator/residents/:residentId/lock', 'Lock an identity at once (reason required, audited)', resident, (req) => support.lock(req.staffMember!, req.params.residentId, req.body?.reason));
  action('/console/operator/residents/:residentId/unlock', 'Ask to unlock an identity: waits for a second operator (reason required, audited)', resident, (req) => support.requestUnlock(req.staffMember!, req.params.residentId, req.body?.reason));
  action<{ residentId: string; deviceId: string }>('/console/operator/residents/:residentId/devices/:deviceId/revoke', "Remove a resident's device (reason required, audited)", device, (req) => support.revokeDevice(req.staffMember!, req.params.residentId, req.params.deviceId, req.body?.reason));
  action<{ residentId: string; clientId: string }>('/console/operator/residents/:residentId/services/:clientId/revoke', "End a service's grant for a resident (reason required, audited)", service, (req) => support.revokeGrant(req.staffMember!, req.params.residentId, req.params.clientId, req.body?.reason));
}
