import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError, badRequest, forbidden } from '../errors.ts';
import { errorReplies } from '../http/validate.ts';
import type { ResidentStore } from '../identity/residents.ts';
import { authorizeStaff, type StaffStore } from '../identity/staff.ts';
import type { Db } from '../storage/db.ts';
import type { DeviceStore } from '../wallet-api/devices.ts';
import { assertion, attestation, creationOptions, inLanguages, requestOptions } from '../wallet-api/schemas.ts';
import { setSessionCookie, WALLET_COOKIE, type WalletSessions } from '../wallet-api/session.ts';
import { verifyAssertion, type WebAuthnRp } from '../wallet-api/webauthn.ts';
import type { CounterCases } from './cases.ts';
import { documentTypes, staffConfirmationChallenge } from './protocol.ts';

/**
 * The JSON side of counters: the wallet's upgrade and recovery calls (the PWA and the
 * headless wallet), and the staff confirmation signed by the staff member's own wallet (the
 * CLI's `yat counter verify`). JSON only (the server refuses other bodies on /api/), rate-limited;
 * codes and tokens are secrets.
 */
const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });
const code = z.string().trim().min(1).max(20);
const documentInput = { documentType: z.enum(documentTypes), documentNumber: z.string().trim().min(1).max(40) };

export type CounterApiDeps = { db: Db; cases: CounterCases; sessions: WalletSessions; residents: ResidentStore; staff: StaffStore; devices: DeviceStore; rp: WebAuthnRp; secure: boolean };

const tags = ['counter'];
const token = z.object({ token: z.string().max(200) });
const refusals = errorReplies(400, 401, 403, 404, 409, 410, 429);
const recoveryBody = z.object({ code, credential: attestation, deviceName: z.string().trim().min(1).max(60).default('Phone') });
const confirmBody = z.object({ code, ...documentInput, nonce: z.string().regex(/^[A-Za-z0-9_-]{43}$/), credential: assertion });

export function registerCounterApi(server: FastifyInstance, deps: CounterApiDeps): void {
  const { cases, sessions } = deps;
  const app = server.withTypeProvider<ZodTypeProvider>();

  app.post('/api/wallet/upgrade', { ...limit(20), schema: { tags, summary: 'Ask for the plus level: a code (and its QR code) to show at a registration counter', body: z.object({}).optional(), response: { 201: z.object({ code: z.string(), url: z.string(), expiresAt: z.string(), qrSvg: z.string() }), ...refusals } } }, async (req, reply) => {
    const s = await sessions.resolve(req.cookies[WALLET_COOKIE]);
    if (!s) throw new AppError('no_session', 401, 'Sign in to the wallet with this device first.');
    const opened = await cases.openUpgrade(s.residentId);
    // The QR code carries the code itself: a counter's hand-held scanner types it into the console.
    const qrSvg = await QRCode.toString(opened.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.code(201).header('cache-control', 'no-store').send({ code: opened.code, url: opened.url, expiresAt: new Date(opened.expiresAt).toISOString(), qrSvg });
  });

  app.get('/api/wallet/upgrade/:token', { ...limit(300), schema: { tags, summary: "An upgrade's state, and the challenge the resident's approval signs", params: token, response: { 200: z.object({ status: z.string(), nonce: z.string(), rpId: z.string(), expiresAt: z.string(), counter: z.object({ id: z.string(), name: inLanguages }).nullable() }), ...refusals } } }, async (req, reply) => {
    const d = await cases.describeUpgrade(req.params.token);
    return reply.header('cache-control', 'no-store').send({ ...d, expiresAt: new Date(d.expiresAt).toISOString() });
  });

  app.post('/api/wallet/upgrade/:token/approve', { ...limit(30), schema: { tags, summary: "The resident's approval of an upgrade a counter confirmed", params: token, body: z.object({ credential: assertion }), response: { 200: z.object({ status: z.literal('completed'), assurance: z.literal('plus') }), ...refusals } } }, async (req) => {
    return { status: 'completed' as const, ...(await cases.approveUpgrade(req.params.token, req.body.credential as AuthenticationResponseJSON)) };
  });

  app.post('/api/wallet/recovery', { ...limit(20), schema: { tags, summary: 'Start recovering an identity on a new phone with the code a counter issued', body: z.object({ code }), response: { 200: z.object({ options: creationOptions, expiresAt: z.string() }), ...refusals } } }, async (req, reply) => {
    const started = await cases.startRecovery(req.body.code);
    return reply.header('cache-control', 'no-store').send({ options: started.options, expiresAt: new Date(started.expiresAt).toISOString() });
  });

  app.post('/api/wallet/recovery/complete', { ...limit(20), schema: { tags, summary: "Register the new phone's key; the old devices stop working", body: recoveryBody, response: { 201: z.object({ residentId: z.string(), credentialId: z.string() }), ...refusals } } }, async (req, reply) => {
    const done = await cases.completeRecovery(req.body.code, req.body);
    // As after registering: the new device was just proven, so the app is signed in.
    const s = await sessions.open(done.residentId, done.credentialId);
    setSessionCookie(reply, s.token, deps.secure);
    return reply.code(201).send(done);
  });

  /** A one-time nonce for a staff member's signed confirmation (the wallet's challenge table). */
  app.post('/api/counter/challenge', { ...limit(60), schema: { tags, summary: "A one-time nonce for a staff member's signed confirmation", body: z.object({}).optional(), response: { 200: requestOptions.pick({ challenge: true, rpId: true }), ...refusals } } }, async (req, reply) => {
    return reply.header('cache-control', 'no-store').send(await sessions.challenge());
  });

  app.post('/api/counter/upgrades/confirm', { ...limit(60), schema: { tags, summary: "A staff member confirms, signed by their own wallet, that they checked the resident's document", body: confirmBody, response: { 200: z.object({ status: z.literal('staff_confirmed'), caseId: z.string(), counterId: z.string().nullable() }), ...refusals } } }, async (req) => {
    const body = req.body;
    const credential = body.credential as AuthenticationResponseJSON;
    // The nonce is used once and only while fresh.
    const taken = await deps.db.deleteFrom('wallet_challenges').where('challenge', '=', body.nonce).where('expires_at', '>', Date.now()).executeTakeFirst();
    if (Number(taken.numDeletedRows) !== 1) throw badRequest('invalid_challenge', 'This challenge has expired or was already used. Ask for a new one.');
    const device = await deps.devices.find(credential.id);
    if (!device) throw forbidden('unknown_device', "This device is not registered to a staff member's identity.");
    const counter = await verifyAssertion(deps.rp, credential, staffConfirmationChallenge(body.nonce, body.code, body.documentType, body.documentNumber), device);
    const staff = await authorizeStaff(deps, device.residentId, 'counter');
    const done = await cases.confirmUpgrade(staff, body.code, { documentType: body.documentType, documentNumber: body.documentNumber });
    // Advanced only when the action went through (a refusal leaves the wallet's counter where it was).
    await deps.devices.touch(device.id, counter);
    return { status: 'staff_confirmed' as const, caseId: done.caseId, counterId: staff.grant.counterId };
  });
}
