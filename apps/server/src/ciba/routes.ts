import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { parseInput } from '../http/validate.ts';
import type { ResidentStore } from '../identity/residents.ts';
import { assertion } from '../wallet-api/routes.ts';
import { WALLET_COOKIE, type WalletSession, type WalletSessions } from '../wallet-api/session.ts';
import type { CibaRequests } from './requests.ts';

/**
 * The wallet's side of CIBA: the signed-in resident lists the requests services sent and
 * approves (with the device key) or declines each. JSON only, wallet session required,
 * rate-limited, like the rest of the wallet API.
 */
const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });
const idParam = z.object({ id: z.uuid('must be a request id from the list') });

export function registerCibaRoutes(app: FastifyInstance, deps: { provider: Provider; sessions: WalletSessions; requests: CibaRequests; residents: ResidentStore }): void {
  const { provider, sessions, requests } = deps;

  async function sessionOf(req: FastifyRequest): Promise<WalletSession> {
    const s = await sessions.resolve(req.cookies[WALLET_COOKIE]);
    if (!s) throw new AppError('no_session', 401, 'Sign in to the wallet with this device first.');
    return s;
  }

  app.get('/api/wallet/ciba-requests', limit(240), async (req, reply) => {
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

  app.post<{ Params: { id: string } }>('/api/wallet/ciba-requests/:id/approve', limit(60), async (req, reply) => {
    const s = await sessionOf(req);
    const { id } = parseInput(idParam, req.params, 'request id');
    const body = parseInput(z.strictObject({ credential: assertion }), req.body);
    const { service } = await requests.approve(provider, s.residentId, id, body.credential);
    return reply.header('cache-control', 'no-store').send({ status: 'approved', service: service.name });
  });

  app.post<{ Params: { id: string } }>('/api/wallet/ciba-requests/:id/decline', limit(60), async (req, reply) => {
    const s = await sessionOf(req);
    const { id } = parseInput(idParam, req.params, 'request id');
    parseInput(z.strictObject({}), req.body ?? {});
    await requests.decline(provider, s.residentId, id);
    return reply.header('cache-control', 'no-store').send({ status: 'declined' });
  });
}
