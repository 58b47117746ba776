import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DAY, dateOf, dayStart, type AnalyticsStore } from '../../../../analytics/index.ts';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields, pageSchema } from '../../../../http/validate.ts';
import type { Services } from '../../services.ts';
import { credentialsFromForm } from '../service-form/form.ts';
import { pageLimit, type Frame } from '../frame.ts';
import { serviceBody, type ServicePage } from './template.ts';
import type { Day } from './usage.ts';

type Body = Record<string, string | undefined>;
const params = z.object({ serviceId: z.string().max(40) });

/** Logins per day over the last 30 days, both environments' clients together. */
export async function usageOf(analytics: AnalyticsStore, clientIds: string[]): Promise<Day[]> {
  const to = dayStart(dateOf(Date.now()))! + DAY;
  const points = await analytics.series('logins.approved', 'day', to - 30 * DAY, to, clientIds);
  return points.map((pt) => ({ date: dateOf(pt.bucket), logins: pt.value }));
}

/** `/console/developer/services/:serviceId` and its actions: ask for production, rotate keys or a secret. */
export function registerServicePage(app: FastifyInstance, deps: { frame: Frame; services: Services; analytics: AnalyticsStore; issuer: string }) {
  const { frame, services } = deps;
  const guard = { preHandler: frame.signedIn, ...pageLimit };

  async function show(req: FastifyRequest<{ Params: { serviceId: string } }>, reply: FastifyReply, extra: Partial<ServicePage> = {}, status = 200) {
    const p = pageContextOf(req);
    const me = frame.actor(req);
    const s = await services.get(me, req.params.serviceId);
    const usage = await usageOf(deps.analytics, [s.sandboxClientId, ...(s.productionClientId ? [s.productionClientId] : [])]);
    p.path = `/console/developer/services/${s.id}`;
    return frame.send(req, reply, s.draft.names[p.lang], serviceBody(p, await frame.csrf(req), { s, issuer: deps.issuer, usage, deliveries: await services.deliveries(me, s.id), ...extra }), status);
  }

  async function act(req: FastifyRequest<{ Params: { serviceId: string } }>, reply: FastifyReply, fn: () => Promise<Partial<ServicePage>>) {
    try {
      return show(req, reply, await fn());
    } catch (err) {
      const { status, message } = frame.problem(pageContextOf(req), err);
      if (status === 404) throw err;
      return show(req, reply, { error: message }, status);
    }
  }

  app.get<{ Params: { serviceId: string } }>('/console/developer/services/:serviceId', { ...guard, schema: pageSchema('A service: stage, clients, configuration, keys, usage, webhook deliveries, integration snippet', { params }) }, async (req, reply) => show(req, reply));

  app.post<{ Params: { serviceId: string }; Body: Body }>('/console/developer/services/:serviceId/production', { ...guard, schema: pageSchema('Ask an operator to approve the configuration for production (owners)', { params, body: formFields }) }, async (req, reply) =>
    act(req, reply, async () => {
      await services.requestProduction(frame.actor(req), req.params.serviceId);
      return { notice: pageContextOf(req).t('developer.service.requested') };
    }),
  );

  app.post<{ Params: { serviceId: string }; Body: Body }>('/console/developer/services/:serviceId/rotate', { ...guard, schema: pageSchema("Replace the service's keys, or make a new secret (shown once)", { params, body: formFields }) }, async (req, reply) =>
    act(req, reply, async () => {
      const environment = req.body?.environment === 'production' ? 'production' : 'sandbox';
      const credentials = req.body?.jwks ? credentialsFromForm({ auth: 'jwks', jwks: req.body.jwks }) : undefined;
      const done = await services.rotate(frame.actor(req), req.params.serviceId, { environment, credentials });
      const t = pageContextOf(req).t;
      return done.secret ? { secret: { environment, value: done.secret } } : { notice: t('developer.service.keysReplaced') };
    }),
  );
}
