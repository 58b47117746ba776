import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../http/validate.ts';
import { assertion } from '../wallet-api/schemas.ts';
import type { SigningRequests } from './requests.ts';

/** The wallet's side of a signing request (the PWA and the headless wallet): describe, approve, decline. JSON only, like the login requests. */
const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });

export function registerSigningWalletApi(app: FastifyInstance, deps: { requests: SigningRequests }): void {
  const { requests } = deps;

  app.get<{ Params: { token: string } }>('/api/wallet/signing-requests/:token', limit(600), async (req, reply) => {
    const d = await requests.describe(req.params.token);
    return reply.header('cache-control', 'no-store').send({ ...d, expiresAt: new Date(d.expiresAt).toISOString() });
  });

  app.post<{ Params: { token: string } }>('/api/wallet/signing-requests/:token/approve', limit(300), async (req) => {
    const body = parseInput(z.object({ credential: assertion }), req.body);
    return requests.approve(req.params.token, body);
  });

  app.post<{ Params: { token: string } }>('/api/wallet/signing-requests/:token/decline', limit(300), async (req) => {
    await requests.decline(req.params.token);
    return { status: 'declined' };
  });
}
