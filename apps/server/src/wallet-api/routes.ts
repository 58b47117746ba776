import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Registration } from '../identity/registration.ts';
import { errorReplies } from '../http/validate.ts';
import { assertion, attestation, creationOptions, inLanguages, serviceReply } from './schemas.ts';
import type { LoginRequests } from './login-requests.ts';
import { setSessionCookie, WALLET_COOKIE, type WalletSessions } from './session.ts';

/**
 * The wallet's HTTP API (the PWA and the headless wallet both speak it). JSON only: a
 * cross-site form cannot produce a JSON body, and no CORS is granted, so these endpoints
 * need no CSRF token. Every write is rate-limited per client address.
 */
const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });

const registrationId = z.object({ id: z.string().max(100) });
const token = z.object({ token: z.string().max(200) });
const codeSent = z.object({ phoneHint: z.string().describe('the last digits of the phone the code went to'), expiresAt: z.number().describe('when the code expires (ms since epoch)') });
const loginRequestView = z.object({
  service: serviceReply,
  fields: z.array(z.object({ name: z.string(), label: inLanguages, source: z.enum(['registry', 'resident']), required: z.boolean(), alreadyGranted: z.boolean(), purpose: inLanguages.optional().describe('why the service asks for it, when it said (the wallet shows it under the field)') })),
  nonce: z.string(),
  codeChoices: z.array(z.string()).describe('pick the one the sign-in page shows'),
  rpId: z.string(),
  expiresAt: z.string(),
  continueUrl: z.string().nullish(),
});
const tags = ['wallet'];

export function registerWalletRoutes(server: FastifyInstance, deps: { registration: Registration; loginRequests: LoginRequests; sessions: WalletSessions; secure: boolean }): void {
  const { registration, loginRequests, sessions } = deps;
  const app = server.withTypeProvider<ZodTypeProvider>();

  app.post('/api/wallet/registrations', { ...limit(30), schema: { tags, summary: 'Start registering: the identity card number and date of birth are checked against the registry, and a code is sent by SMS', body: z.object({ idNumber: z.string().min(1).max(20), dob: z.string().max(10) }), response: { 201: codeSent.extend({ registrationId: z.string() }), ...errorReplies(400, 404, 409, 429) } } }, async (req, reply) => {
    return reply.code(201).send(await registration.start(req.body));
  });

  // A new code is an SMS the platform pays for and a nuisance to the number's owner: limited per address and per registration.
  app.post('/api/wallet/registrations/:id/resend', { ...limit(10), schema: { tags, summary: 'Send the SMS code again', params: registrationId, body: z.object({}).optional(), response: { 200: codeSent, ...errorReplies(400, 404, 410, 429) } } }, async (req) => {
    return registration.resend(req.params.id);
  });

  app.post('/api/wallet/registrations/:id/verify', { ...limit(60), schema: { tags, summary: 'Check the SMS code; answers the WebAuthn options to create the device key', params: registrationId, body: z.object({ code: z.string().min(1).max(10) }), response: { 200: z.object({ options: creationOptions }), ...errorReplies(400, 404, 410, 423, 429) } } }, async (req) => {
    return registration.verify(req.params.id, req.body.code);
  });

  app.post('/api/wallet/registrations/:id/complete', { ...limit(30), schema: { tags, summary: "Register the device key (the WebAuthn attestation); the wallet is signed in", params: registrationId, body: z.object({ credential: attestation, deviceName: z.string().trim().min(1).max(60).default('Phone') }), response: { 201: z.object({ residentId: z.string(), credentialId: z.string() }), ...errorReplies(400, 404, 410, 429) } } }, async (req, reply) => {
    const done = await registration.complete(req.params.id, req.body);
    // The app is signed in right after registering: the device was just proven.
    const s = await sessions.open(done.residentId, done.credentialId);
    setSessionCookie(reply, s.token, deps.secure);
    return reply.code(201).send(done);
  });

  app.get('/api/wallet/login-requests/:token', { ...limit(600), schema: { tags, summary: 'What a sign-in request asks: the service, the fields, the code choices', params: token, response: { 200: loginRequestView, ...errorReplies(400, 404, 409, 410, 429) } } }, async (req, reply) => {
    // A signed-in wallet learns which fields it already granted this service (only those need a decision).
    const session = await sessions.resolve(req.cookies[WALLET_COOKIE]);
    const d = await loginRequests.describe(req.params.token, session?.residentId);
    return reply.header('cache-control', 'no-store').send({
      service: d.service,
      fields: d.fields.map((f) => ({ name: f.name, label: f.label, source: f.source, required: f.required, alreadyGranted: f.alreadyGranted, ...(f.purpose ? { purpose: f.purpose } : {}) })),
      nonce: d.nonce,
      // The resident picks the code the sign-in page shows among these three (docs/security.md).
      codeChoices: d.codeChoices,
      rpId: d.rpId,
      expiresAt: new Date(d.expiresAt).toISOString(),
      continueUrl: d.continueUrl,
    });
  });

  const approveBody = z.object({ credential: assertion, share: z.array(z.string().max(40)).max(50), code: z.string().regex(/^\d{2}$/, 'must be the two-digit code the sign-in page shows'), notifications: z.boolean().optional().describe("the approval screen's answer: may this service send notifications (notify/)") });
  app.post('/api/wallet/login-requests/:token/approve', { ...limit(600), schema: { tags, summary: 'Approve a sign-in with the device key, sharing the chosen fields', params: token, body: approveBody, response: { 200: z.object({ status: z.literal('approved'), service: z.string(), shared: z.array(z.string()) }), ...errorReplies(400, 401, 403, 404, 409, 410, 429) } } }, async (req) => {
    const { service, shared } = await loginRequests.approve(req.params.token, req.body);
    return { status: 'approved' as const, service: service.name, shared };
  });

  app.post('/api/wallet/login-requests/:token/decline', { ...limit(600), schema: { tags, summary: 'Decline a sign-in', params: token, body: z.object({}).optional(), response: { 200: z.object({ status: z.literal('declined') }), ...errorReplies(400, 404, 409, 410, 429) } } }, async (req) => {
    await loginRequests.decline(req.params.token);
    return { status: 'declined' as const };
  });
}
