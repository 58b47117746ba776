import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorReplies } from '../http/validate.ts';
import { approvedReply, walletView } from './schemas.ts';
import { assertion } from '../wallet-api/schemas.ts';
import type { SigningRequests } from './requests.ts';

/** The wallet's side of a signing request (the PWA and the headless wallet): describe, approve, decline. JSON only, like the login requests. */
const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });
const tags = ['wallet', 'signing'];
const token = z.object({ token: z.string().max(200) });
const approveBody = z.object({ credential: assertion });
const refusals = errorReplies(400, 401, 403, 404, 409, 410, 429);

export function registerSigningWalletApi(app: FastifyInstance, deps: { requests: SigningRequests }): void {
  const { requests } = deps;

  app.get<{ Params: { token: string } }>('/api/wallet/signing-requests/:token', { ...limit(600), schema: { tags, summary: 'What a signing request asks: the service, each document and its fingerprint, the code', params: token, response: { 200: walletView, ...refusals } } }, async (req, reply) => {
    const d = await requests.describe(req.params.token);
    return reply.header('cache-control', 'no-store').send({ ...d, expiresAt: new Date(d.expiresAt).toISOString() });
  });

  app.post<{ Params: { token: string }; Body: z.infer<typeof approveBody> }>('/api/wallet/signing-requests/:token/approve', { ...limit(300), schema: { tags, summary: 'Approve: the device key signs a challenge covering every document digest', params: token, body: approveBody, response: { 200: approvedReply, ...refusals } } }, async (req) => {
    return requests.approve(req.params.token, req.body);
  });

  app.post<{ Params: { token: string } }>('/api/wallet/signing-requests/:token/decline', { ...limit(300), schema: { tags, summary: 'Decline a signing request', params: token, body: z.object({}).optional(), response: { 200: z.object({ status: z.literal('declined') }), ...refusals } } }, async (req) => {
    await requests.decline(req.params.token);
    return { status: 'declined' };
  });
}
