import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields } from '../../../../http/validate.ts';
import type { ServiceAdmin } from '../../services.ts';
import { operatorPageSchema, type Body, type PageKit, type PageState } from '../kit.ts';
import { servicesBody } from './template.ts';

/** Suspend or reinstate a service, with a reason (services.ts says what suspension does). */
const params = z.object({ clientId: z.string().max(200) });
const PATH = '/console/operator/services';

export function registerServicesPage(app: FastifyInstance, deps: { kit: PageKit; services: ServiceAdmin }): void {
  const { kit, services } = deps;

  async function show(req: FastifyRequest, reply: FastifyReply, state: PageState, status?: number) {
    const p = pageContextOf(req);
    return kit.send(req, reply, { section: 'services', title: p.t('operator.services.title'), body: servicesBody(p, await kit.csrfOf(req), await services.list()), state, ...(status ? { status } : {}) });
  }

  app.get<{ Querystring: { done?: string } }>(PATH, { ...kit.guard, schema: operatorPageSchema('Services and their suspension (operator role)') }, async (req, reply) => show(req, reply, { done: req.query.done === '1' }));

  for (const change of ['suspend', 'reinstate'] as const) {
    app.post<{ Params: { clientId: string }; Body: Body }>(`${PATH}/:clientId/${change}`, { ...kit.guard, schema: operatorPageSchema(`${change === 'suspend' ? 'Suspend' : 'Reinstate'} a service (reason required, audited)`, { params, body: formFields }) }, async (req, reply) =>
      kit.act(req, reply, { back: PATH, run: () => services[change](req.staffMember!, req.params.clientId, req.body?.reason), again: (state, status) => show(req, reply, state, status) }),
    );
  }
}
