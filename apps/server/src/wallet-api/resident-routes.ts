import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Audit } from '../audit/audit.ts';
import type { GrantStore } from '../consent/grants.ts';
import { residentProfilePatch, type ResidentProfile } from '../consent/resident-profile.ts';
import type { Revocation } from '../consent/revocation.ts';
import { AppError, notFound } from '../errors.ts';
import { errorReplies, noContent } from '../http/validate.ts';
import { formatIdNumber } from '../identity/id-number.ts';
import type { Resident, ResidentStore } from '../identity/residents.ts';
import type { Ledger } from '../ledger/index.ts';
import type { ClientStore, ServiceInfo } from '../oidc/clients.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { DeviceAdmin } from './device-admin.ts';
import { assertion, requestOptions } from './schemas.ts';
import { activityReply, devicesReply, deviceView, ledgerReply, meReply, servicesReply } from './resident-schemas.ts';
import { setSessionCookie, WALLET_COOKIE, type WalletSession, type WalletSessions } from './session.ts';

/**
 * The wallet app's own API, for the signed-in resident: the e-ME record, connected services
 * (revocable), recent activity and devices. Every endpoint needs the wallet session cookie
 * (401 `no_session` otherwise); JSON only, rate-limited.
 */
export type ResidentRouteDeps = {
  db: Db;
  sessions: WalletSessions;
  residents: ResidentStore;
  grants: GrantStore;
  revocation: Revocation;
  clients: ClientStore;
  audit: Audit;
  devices: DeviceAdmin;
  /** The transparency ledger: the resident's entries, their openings and inclusion proofs. */
  ledger?: Pick<Ledger, 'residentView'>;
  secure: boolean;
  /** Services an operator suspended: listed with `suspended: true` (consoles/operator/). */
  suspensions?: { isSuspended(clientId: string): Promise<boolean> };
};

const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });
const tags = ['wallet'];
const refusals = errorReplies(400, 401, 404, 409, 429);
const listLimit = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50).describe('how many, 1 to 200 (50 unless given)') });
type ListLimit = { Querystring: z.infer<typeof listLimit> };
const sessionBody = z.object({ credential: assertion });
const meBody = z.strictObject({ resident: residentProfilePatch });
const deviceName = z.strictObject({ name: z.string().trim().min(1).max(60) });
const deviceId = z.object({ id: z.string().max(200) });
const genders = { M: 'male', F: 'female', X: 'other' } as const;

export function maskIdNumber(idNumber: string): string {
  const [body, check] = formatIdNumber(idNumber).split('(');
  return `${body!.slice(0, -3)}***(${check}`;
}

function profileView(resident: Resident, own: ResidentProfile) {
  const p = resident.profile;
  return {
    assurance: resident.assurance,
    registry: {
      name_en: `${p.nameEn.family} ${p.nameEn.given}`.trim(),
      name_zh: p.nameZh || null,
      birthdate: p.dob,
      gender: genders[p.gender],
      id_number: maskIdNumber(p.idNumber),
      email: p.email || null,
      phone: p.phone || null,
      address: p.address.line ? `${p.address.line}, ${p.address.district}` : null,
    },
    resident: own,
  };
}

export function registerResidentRoutes(app: FastifyInstance, deps: ResidentRouteDeps): void {
  const { db, sessions, residents, grants, revocation, clients, audit, devices, ledger, secure } = deps;

  async function sessionOf(req: FastifyRequest): Promise<WalletSession> {
    const s = await sessions.resolve(req.cookies[WALLET_COOKIE]);
    if (!s) throw new AppError('no_session', 401, 'Sign in to the wallet with this device first.');
    return s;
  }
  async function residentOf(s: WalletSession): Promise<Resident> {
    const r = await residents.findById(s.residentId);
    if (!r || r.status !== 'active') throw new AppError('no_session', 401, 'This digital identity is not active. Sign in again.');
    return r;
  }

  app.post('/api/wallet/session/challenge', { ...limit(30), schema: { tags, summary: 'A challenge for signing the wallet in with its device key', body: z.object({}).optional(), response: { 200: requestOptions.pick({ challenge: true, rpId: true }), ...refusals } } }, async (_req, reply) => reply.header('cache-control', 'no-store').send(await sessions.challenge()));

  app.post<{ Body: z.infer<typeof sessionBody> }>('/api/wallet/session', { ...limit(20), schema: { tags, summary: 'Sign the wallet in (a session cookie) with the device key', body: sessionBody, response: { 200: z.object({ residentId: z.string(), expiresAt: z.string() }), ...refusals } } }, async (req, reply) => {
    const s = await sessions.signIn(req.body.credential);
    setSessionCookie(reply, s.token, secure);
    return reply.header('cache-control', 'no-store').send({ residentId: s.residentId, expiresAt: new Date(s.expiresAt).toISOString() });
  });

  app.post('/api/wallet/session/logout', { ...limit(30), schema: { tags, summary: 'Sign the wallet out', body: z.object({}).optional(), response: { 204: noContent, ...refusals } } }, async (req, reply) => {
    await sessions.end(req.cookies[WALLET_COOKIE]);
    reply.clearCookie(WALLET_COOKIE, { path: '/api/wallet' });
    return reply.code(204).send();
  });

  app.get('/api/wallet/me', { ...limit(120), schema: { tags, summary: "The resident's e-ME record: the registry's fields (read-only) and their own", response: { 200: meReply, ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    const resident = await residentOf(s);
    return reply.header('cache-control', 'no-store').send(profileView(resident, await residents.residentProfile(resident.id)));
  });

  app.patch<{ Body: z.infer<typeof meBody> }>('/api/wallet/me', { ...limit(30), schema: { tags, summary: "Change the resident's own fields (preferred email, phone, address…)", body: meBody, response: { 200: meReply, ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    const resident = await residentOf(s);
    const own = await inTransaction(db, async (trx) => {
      const next = await residents.updateResidentProfile(resident.id, req.body.resident, trx);
      await audit.record(trx, { type: 'profile.updated', outcome: 'success', residentId: resident.id, fields: Object.keys(req.body.resident) });
      return next;
    });
    return reply.header('cache-control', 'no-store').send(profileView(resident, own));
  });

  const serviceView = (clientId: string, info: ServiceInfo | undefined) => ({
    clientId,
    name: info?.name ?? clientId,
    names: info?.names ?? { en: clientId, 'zh-Hant': clientId, 'zh-Hans': clientId },
    department: info?.department ?? null,
    departmentNames: info?.departmentNames ?? null,
    logoUri: info?.logoUri ?? null,
  });

  /**
   * What each service holds: the fields granted that have a value (a field granted while empty
   * released nothing, so it is listed as not given), and the services revoked since, with what
   * they had held — "nothing shared yet" would not be true of them.
   */
  app.get('/api/wallet/services', { ...limit(120), schema: { tags, summary: 'Connected services: what each holds; and those revoked, with what they had', response: { 200: servicesReply, ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    const resident = await residentOf(s);
    const view = profileView(resident, await residents.residentProfile(resident.id));
    const values: Record<string, unknown> = { ...view.registry, ...view.resident };
    const given = (name: string) => values[name] !== null && values[name] !== undefined && values[name] !== '';
    const list = await grants.listForResident(s.residentId);
    const services = await Promise.all(
      list.map(async (g) => {
        const names = g.fields.map((f) => f.name);
        return {
          ...serviceView(g.clientId, await clients.info(g.clientId)),
          fields: names.filter(given),
          notGiven: names.filter((n) => !given(n)),
          grantedAt: new Date(g.grantedAt).toISOString(),
          lastUsedAt: new Date(g.lastUsedAt).toISOString(),
          suspended: (await deps.suspensions?.isSuspended(g.clientId)) ?? false,
        };
      }),
    );
    const current = new Set(list.map((g) => g.clientId));
    const revoked: Array<ReturnType<typeof serviceView> & { fields: string[]; revokedAt: string }> = [];
    for (const e of await audit.forResident(s.residentId, 200)) {
      if (e.type !== 'grant.revoked' || !e.client_id || current.has(e.client_id) || revoked.some((r) => r.clientId === e.client_id)) continue;
      revoked.push({ ...serviceView(e.client_id, await clients.info(e.client_id)), fields: e.fields, revokedAt: new Date(Number(e.at)).toISOString() });
    }
    return reply.header('cache-control', 'no-store').send({ services, revoked });
  });

  app.delete<{ Params: { clientId: string } }>('/api/wallet/services/:clientId', { ...limit(30), schema: { tags, summary: 'Revoke a service: its grant, tokens and sessions end', params: z.object({ clientId: z.string().max(200) }), response: { 204: noContent, ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(req.params.clientId)) throw notFound('unknown_service', 'This service holds no data from you.');
    await revocation.revoke(s.residentId, req.params.clientId);
    return reply.code(204).send();
  });

  app.get<ListLimit>('/api/wallet/activity', { ...limit(120), schema: { tags, summary: 'Recent uses of the identity: sign-ins, data shared, changes', querystring: listLimit, response: { 200: activityReply, ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    const n = req.query.limit;
    const infos = new Map<string, ServiceInfo | undefined>();
    const events = [];
    for (const e of await audit.forResident(s.residentId, n)) {
      if (e.client_id && !infos.has(e.client_id)) infos.set(e.client_id, await clients.info(e.client_id));
      events.push({
        id: Number(e.id),
        at: new Date(Number(e.at)).toISOString(),
        type: e.type,
        outcome: e.outcome,
        service: e.client_id ? serviceView(e.client_id, infos.get(e.client_id)) : null,
        fields: e.fields,
      });
    }
    return reply.header('cache-control', 'no-store').send({ events });
  });

  // The resident's own ledger entries with openings and inclusion proofs against the latest
  // checkpoint; the wallet checks the checkpoint's signature and every proof itself.
  app.get<ListLimit>('/api/wallet/ledger', { ...limit(60), schema: { tags: ['wallet', 'ledger'], summary: "The resident's entries in the transparency ledger, with openings and inclusion proofs", querystring: listLimit, response: { 200: ledgerReply, ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    if (!ledger) throw notFound('no_ledger', 'This platform runs without a transparency ledger.');
    return reply.header('cache-control', 'no-store').send(await ledger.residentView(s.residentId, req.query.limit));
  });

  app.get('/api/wallet/devices', { ...limit(120), schema: { tags, summary: "The resident's devices", response: { 200: devicesReply, ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    return reply.header('cache-control', 'no-store').send({ devices: await devices.list(s.residentId, s.deviceId) });
  });

  app.patch<{ Params: { id: string }; Body: z.infer<typeof deviceName> }>('/api/wallet/devices/:id', { ...limit(30), schema: { tags, summary: 'Rename a device', params: deviceId, body: deviceName, response: { 200: deviceView, ...refusals } } }, async (req) => {
    const s = await sessionOf(req);
    return devices.rename(s.residentId, req.params.id, req.body.name, s.deviceId);
  });

  app.delete<{ Params: { id: string }; Querystring: { confirmLast?: string } }>('/api/wallet/devices/:id', { ...limit(30), schema: { tags, summary: 'Remove a device (the last one only with confirmLast=true)', params: deviceId, querystring: z.object({ confirmLast: z.enum(['true', 'false']).optional() }), response: { 204: noContent, ...refusals } } }, async (req, reply) => {
    const s = await sessionOf(req);
    await devices.remove(s.residentId, req.params.id, req.query.confirmLast === 'true');
    if (req.params.id === s.deviceId) reply.clearCookie(WALLET_COOKIE, { path: '/api/wallet' });
    return reply.code(204).send();
  });
}
