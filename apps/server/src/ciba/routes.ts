import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { errorReplies } from '../http/validate.ts';
import type { ResidentStore } from '../identity/residents.ts';
import { assertion, statusReply } from '../wallet-api/schemas.ts';
import { WALLET_COOKIE, type WalletSession, type WalletSessions } from '../wallet-api/session.ts';
import type { CibaRequests } from './requests.ts';

/**
 * The wallet's side of CIBA: the signed-in resident lists the requests services sent and
 * approves (with the device key) or declines each. JSON only, wallet session required,
 * rate-limited, like the rest of the wallet API.
 */
const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });
const idParam = z.object({ id: z.uuid('must be a request id from the list') });

const tags = ['ciba'];
const cibaRequest = z.object({
  id: z.string(),
  service: z.object({ clientId: z.string(), name: z.string(), department: z.string().nullable(), domain: z.string().nullable(), verified: z.boolean() }),
  bindingMessage: z.string().nullish().describe('the message the service shows beside its request'),
  acrValues: z.array(z.string()).nullish(),
  satisfiable: z.boolean().describe('whether this device can meet the assurance the service asks for'),
  nonce: z.string(),
  rpId: z.string(),
  expiresAt: z.union([z.number(), z.string()]),
});
const refusals = errorReplies(400, 401, 403, 404, 409, 410, 429);

export function registerCibaRoutes(server: FastifyInstance, deps: { provider: Provider; sessions: WalletSessions; requests: CibaRequests; residents: ResidentStore }): void {
  const { provider, sessions, requests } = deps;
  const app = server.withTypeProvider<ZodTypeProvider>();

  async function sessionOf(req: FastifyRequest): Promise<WalletSession> {
    const s = await sessions.resolve(req.cookies[WALLET_COOKIE]);
    if (!s) throw new AppError('no_session', 401, 'Sign in to the wallet with this device first.');
    return s;
  }

  app.get('/api/wallet/ciba-requests', { ...limit(240), schema: { tags, summary: 'Sign-in requests services sent this resident (CIBA), waiting for an answer', response: { 200: z.object({ requests: z.array(cibaRequest) }), ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    const list = await requests.pending(s.residentId);
    return reply.header('cache-control', 'no-store').send({
      requests: list.map((r) => ({
        id: r.id,
        service: { clientId: r.service.clientId, name: r.service.name, department: r.service.department ?? null, domain: r.service.domain ?? null, verified: r.service.verified },
        bindingMessage: r.bindingMessage,
        acrValues: r.acrValues,
        satisfiable: r.satisfiable,
        nonce: r.nonce,
        rpId: r.rpId,
        expiresAt: r.expiresAt,
      })),
    });
  });

  app.post('/api/wallet/ciba-requests/:id/approve', { ...limit(60), schema: { tags, summary: 'Approve a request with the device key', params: idParam, body: z.strictObject({ credential: assertion }), response: { 200: statusReply('approved').extend({ service: z.string() }), ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    const { service } = await requests.approve(provider, s.residentId, req.params.id, req.body.credential);
    return reply.header('cache-control', 'no-store').send({ status: 'approved' as const, service: service.name });
  });

  app.post('/api/wallet/ciba-requests/:id/decline', { ...limit(60), schema: { tags, summary: 'Decline a request', params: idParam, body: z.strictObject({}).optional(), response: { 200: statusReply('declined'), ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    await requests.decline(provider, s.residentId, req.params.id);
    return reply.header('cache-control', 'no-store').send({ status: 'declined' as const });
  });
}
