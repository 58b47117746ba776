import type { FastifyInstance } from 'fastify';
import { pageContextOf } from '../../../../http/page-context.ts';
import type { ResidentSupport } from '../../support.ts';
import { operatorPageSchema, type PageKit } from '../kit.ts';
import { homeBody } from './template.ts';

/** `/console/operator`: where the operator's tasks start, and how many unlocks wait for a second operator. */
export function registerHomePage(app: FastifyInstance, deps: { kit: PageKit; support: ResidentSupport }): void {
  const { kit } = deps;
  app.get('/console/operator', { ...kit.guard, schema: operatorPageSchema('The operator console (operator role)') }, async (req, reply) => {
    const p = pageContextOf(req);
    const pending = (await deps.support.pendingRequests()).length;
    return kit.send(req, reply, { section: 'home', title: p.t('operator.title'), body: homeBody(p, pending) });
  });
}
