import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Audit } from '../audit/audit.ts';
import type { GrantStore } from '../consent/grants.ts';
import { residentProfilePatch, type ResidentProfile } from '../consent/resident-profile.ts';
import type { Revocation } from '../consent/revocation.ts';
import { AppError, notFound } from '../errors.ts';
import { parseInput } from '../http/validate.ts';
import { formatIdNumber } from '../identity/id-number.ts';
import type { Resident, ResidentStore } from '../identity/residents.ts';
import type { ClientStore } from '../oidc/clients.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { DeviceAdmin } from './device-admin.ts';
import { assertion } from './routes.ts';
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
  secure: boolean;
};

const limit = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });
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
  const { db, sessions, residents, grants, revocation, clients, audit, devices, secure } = deps;

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

  app.post('/api/wallet/session/challenge', limit(30), async (_req, reply) => reply.header('cache-control', 'no-store').send(await sessions.challenge()));

  app.post('/api/wallet/session', limit(20), async (req, reply) => {
    const body = parseInput(z.object({ credential: assertion }), req.body);
    const s = await sessions.signIn(body.credential);
    setSessionCookie(reply, s.token, secure);
    return reply.header('cache-control', 'no-store').send({ residentId: s.residentId, expiresAt: new Date(s.expiresAt).toISOString() });
  });

  app.post('/api/wallet/session/logout', limit(30), async (req, reply) => {
    await sessions.end(req.cookies[WALLET_COOKIE]);
    reply.clearCookie(WALLET_COOKIE, { path: '/api/wallet' });
    return reply.code(204).send();
  });

  app.get('/api/wallet/me', limit(120), async (req, reply) => {
    const s = await sessionOf(req);
    const resident = await residentOf(s);
    return reply.header('cache-control', 'no-store').send(profileView(resident, await residents.residentProfile(resident.id)));
  });

  app.patch('/api/wallet/me', limit(30), async (req, reply) => {
    const s = await sessionOf(req);
    const resident = await residentOf(s);
    const body = parseInput(z.strictObject({ resident: residentProfilePatch }), req.body);
    const own = await inTransaction(db, async (trx) => {
      const next = await residents.updateResidentProfile(resident.id, body.resident, trx);
      await audit.record(trx, { type: 'profile.updated', outcome: 'success', residentId: resident.id, fields: Object.keys(body.resident) });
      return next;
    });
    return reply.header('cache-control', 'no-store').send(profileView(resident, own));
  });

  app.get('/api/wallet/services', limit(120), async (req, reply) => {
    const s = await sessionOf(req);
    const list = await grants.listForResident(s.residentId);
    const services = await Promise.all(
      list.map(async (g) => {
        const info = await clients.info(g.clientId);
        return {
          clientId: g.clientId,
          name: info?.name ?? g.clientId,
          department: info?.department ?? null,
          logoUri: info?.logoUri ?? null,
          fields: g.fields.map((f) => f.name),
          grantedAt: new Date(g.grantedAt).toISOString(),
          lastUsedAt: new Date(g.lastUsedAt).toISOString(),
        };
      }),
    );
    return reply.header('cache-control', 'no-store').send({ services });
  });

  app.delete<{ Params: { clientId: string } }>('/api/wallet/services/:clientId', limit(30), async (req, reply) => {
    const s = await sessionOf(req);
    if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(req.params.clientId)) throw notFound('unknown_service', 'This service holds no data from you.');
    await revocation.revoke(s.residentId, req.params.clientId);
    return reply.code(204).send();
  });

  app.get<{ Querystring: { limit?: string } }>('/api/wallet/activity', limit(120), async (req, reply) => {
    const s = await sessionOf(req);
    const n = parseInput(z.coerce.number().int().min(1).max(200).default(50), req.query.limit, 'limit');
    const names = new Map<string, string>();
    const events = await Promise.all(
      (await audit.forResident(s.residentId, n)).map(async (e) => {
        if (e.client_id && !names.has(e.client_id)) names.set(e.client_id, (await clients.info(e.client_id))?.name ?? e.client_id);
        return {
          at: new Date(Number(e.at)).toISOString(),
          type: e.type,
          outcome: e.outcome,
          service: e.client_id ? { clientId: e.client_id, name: names.get(e.client_id)! } : null,
          fields: e.fields,
        };
      }),
    );
    return reply.header('cache-control', 'no-store').send({ events });
  });

  app.get('/api/wallet/devices', limit(120), async (req, reply) => {
    const s = await sessionOf(req);
    return reply.header('cache-control', 'no-store').send({ devices: await devices.list(s.residentId, s.deviceId) });
  });

  app.patch<{ Params: { id: string } }>('/api/wallet/devices/:id', limit(30), async (req) => {
    const s = await sessionOf(req);
    const body = parseInput(z.strictObject({ name: z.string().trim().min(1).max(60) }), req.body);
    return devices.rename(s.residentId, req.params.id, body.name, s.deviceId);
  });

  app.delete<{ Params: { id: string }; Querystring: { confirmLast?: string } }>('/api/wallet/devices/:id', limit(30), async (req, reply) => {
    const s = await sessionOf(req);
    await devices.remove(s.residentId, req.params.id, req.query.confirmLast === 'true');
    if (req.params.id === s.deviceId) reply.clearCookie(WALLET_COOKIE, { path: '/api/wallet' });
    return reply.code(204).send();
  });
}
