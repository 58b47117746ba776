import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Registration } from '../identity/registration.ts';
import { parseInput } from '../http/validate.ts';
import type { LoginRequests } from './login-requests.ts';
import { setSessionCookie, WALLET_COOKIE, type WalletSessions } from './session.ts';

/**
 * The wallet's HTTP API (the PWA and the headless wallet both speak it). JSON only: a
 * cross-site form cannot produce a JSON body, and no CORS is granted, so these endpoints
 * need no CSRF token. Every write is rate-limited per client address.
 */
const b64u = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url').max(8192);

const authenticatorResponse = z.object({
  id: b64u,
  rawId: b64u,
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

export const assertion = authenticatorResponse.extend({
  response: z.object({ clientDataJSON: b64u, authenticatorData: b64u, signature: b64u, userHandle: b64u.optional() }),
});

const attestation = authenticatorResponse.extend({
  response: z.object({ clientDataJSON: b64u, attestationObject: b64u, transports: z.array(z.string().max(32)).max(8).optional() }),
});

const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });

export function registerWalletRoutes(app: FastifyInstance, deps: { registration: Registration; loginRequests: LoginRequests; sessions: WalletSessions; secure: boolean }): void {
  const { registration, loginRequests, sessions } = deps;

  app.post('/api/wallet/registrations', limit(30), async (req, reply) => {
    const body = parseInput(z.object({ idNumber: z.string().min(1).max(20), dob: z.string().max(10) }), req.body);
    return reply.code(201).send(await registration.start(body));
  });

  // A new code is an SMS the platform pays for and a nuisance to the number's owner: limited per address and per registration.
  app.post<{ Params: { id: string } }>('/api/wallet/registrations/:id/resend', limit(10), async (req) => {
    parseInput(z.object({}), req.body ?? {});
    return registration.resend(req.params.id);
  });

  app.post<{ Params: { id: string } }>('/api/wallet/registrations/:id/verify', limit(60), async (req) => {
    const body = parseInput(z.object({ code: z.string().min(1).max(10) }), req.body);
    return registration.verify(req.params.id, body.code);
  });

  app.post<{ Params: { id: string } }>('/api/wallet/registrations/:id/complete', limit(30), async (req, reply) => {
    const body = parseInput(z.object({ credential: attestation, deviceName: z.string().trim().min(1).max(60).default('Phone') }), req.body);
    const done = await registration.complete(req.params.id, body);
    // The app is signed in right after registering: the device was just proven.
    const s = await sessions.open(done.residentId, done.credentialId);
    setSessionCookie(reply, s.token, deps.secure);
    return reply.code(201).send(done);
  });

  app.get<{ Params: { token: string } }>('/api/wallet/login-requests/:token', limit(600), async (req, reply) => {
    // A signed-in wallet learns which fields it already granted this service (only those need a decision).
    const session = await sessions.resolve(req.cookies[WALLET_COOKIE]);
    const d = await loginRequests.describe(req.params.token, session?.residentId);
    return reply.header('cache-control', 'no-store').send({
      service: d.service,
      fields: d.fields.map((f) => ({ name: f.name, label: f.label, source: f.source, required: f.required, alreadyGranted: f.alreadyGranted })),
      nonce: d.nonce,
      // The resident picks the code the sign-in page shows among these three (docs/security.md).
      codeChoices: d.codeChoices,
      rpId: d.rpId,
      expiresAt: new Date(d.expiresAt).toISOString(),
      continueUrl: d.continueUrl,
    });
  });

  app.post<{ Params: { token: string } }>('/api/wallet/login-requests/:token/approve', limit(600), async (req) => {
    const body = parseInput(z.object({ credential: assertion, share: z.array(z.string().max(40)).max(50), code: z.string().regex(/^\d{2}$/, 'must be the two-digit code the sign-in page shows') }), req.body);
    const { service, shared } = await loginRequests.approve(req.params.token, body);
    return { status: 'approved', service: service.name, shared };
  });

  app.post<{ Params: { token: string } }>('/api/wallet/login-requests/:token/decline', limit(600), async (req) => {
    await loginRequests.decline(req.params.token);
    return { status: 'declined' };
  });
}
