import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { notFound } from '../errors.ts';
import type { Notifications, SendInput } from './notifications.ts';
import { doc, errors, notificationStateSchema, sendBodySchema } from './schemas.ts';
import type { NotificationStore } from './store.ts';
import { requireServiceToken } from '../oidc/service-tokens.ts';

/**
 * The notification API for services: an access token from the client credentials grant with
 * scope `notify` (checked with the provider that issued it). Rate-limited per token (per
 * service) besides the daily quota; both answer 429 with a code saying which.
 */
const tags = ['notifications'];
const security = [{ clientCredentials: ['notify'] }];
const idempotencyHeader = {
  type: 'object',
  properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: 'a retried send with the same key delivers once and answers with the first result' } },
} as const;

export function registerNotifyServiceApi(app: FastifyInstance, deps: { provider: Provider; notifications: Notifications; store: NotificationStore; ratePerMinute: number }): void {
  // Per token, so one service's burst does not use up another's allowance behind the same proxy.
  const perService = {
    rateLimit: {
      max: deps.ratePerMinute,
      timeWindow: '1 minute',
      keyGenerator: (req: FastifyRequest) => `notify:${crypto.createHash('sha256').update(req.headers.authorization ?? req.ip).digest('base64url')}`,
    },
  };

  const callerOf = requireServiceToken(app, { provider: deps.provider, scope: 'notify', prefix: '/api/notifications' });

  app.post<{ Body: SendInput; Headers: { 'idempotency-key'?: string } }>(
    '/api/notifications',
    {
      config: perService,
      schema: doc({
        tags,
        summary: 'Send a notification to a resident (by pairwise sub), with their consent',
        description: 'The resident reads it in their language; a language the service did not write falls back to another, marked as such. Accepted means in the inbox; Web Push (and SMS for security messages) follows.',
        security,
        headers: idempotencyHeader,
        body: sendBodySchema,
        response: { 201: notificationStateSchema, 200: notificationStateSchema, ...errors(400, 401, 403, 415, 429) },
      }),
    },
    async (req, reply) => {
      const { notification, replayed } = await deps.notifications.send(callerOf(req), req.body, req.headers['idempotency-key'] ?? null);
      return reply.code(replayed ? 200 : 201).header('cache-control', 'no-store').header('location', `/api/notifications/${notification.id}`).send(deps.notifications.stateView(notification, replayed));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/notifications/:id',
    {
      config: perService,
      schema: doc({
        tags,
        summary: "A notification's delivery state per channel, and whether the resident has read it",
        security,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        response: { 200: notificationStateSchema, ...errors(401, 403, 404, 429) },
      }),
    },
    async (req, reply) => {
      // Another service's notification is as unknown as one that never existed.
      const n = /^ntf_[A-Za-z0-9_-]{20}$/.test(req.params.id) ? await deps.store.forService(callerOf(req), req.params.id) : undefined;
      if (!n) throw notFound('unknown_notification', 'There is no such notification from your service (or it has expired).');
      return reply.header('cache-control', 'no-store').send(deps.notifications.stateView(n));
    },
  );
}
