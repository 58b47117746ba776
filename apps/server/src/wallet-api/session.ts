import crypto from 'node:crypto';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply } from 'fastify';
import { randomToken, sha256 } from '../crypto/field-crypto.ts';
import { badRequest, forbidden } from '../errors.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { Db } from '../storage/db.ts';
import type { DeviceStore } from './devices.ts';
import { verifyAssertion, type WebAuthnRp } from './webauthn.ts';

/**
 * The resident signs in to their own wallet app with the device credential: an assertion
 * over a one-time server challenge gives a session token, sent as an HttpOnly cookie and
 * stored only as a hash. Sessions end after 30 minutes idle or 12 hours in all.
 */
export const WALLET_COOKIE = 'yat_wallet';
export const CHALLENGE_TTL_MS = 2 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 3600_000;
// Sliding the idle deadline costs a write; once a minute is precise enough.
const TOUCH_EVERY_MS = 60_000;

export type WalletSession = { residentId: string; deviceId: string; expiresAt: number };

export function createWalletSessions(deps: { db: Db; devices: DeviceStore; residents: ResidentStore; rp: WebAuthnRp }) {
  const { db, devices, residents, rp } = deps;
  const idleDeadline = (lastSeen: number, expires: number) => Math.min(lastSeen + SESSION_IDLE_MS, expires);

  function challengeIn(credential: AuthenticationResponseJSON): string {
    try {
      const data = JSON.parse(Buffer.from(credential.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
      if (typeof data.challenge === 'string' && /^[A-Za-z0-9_-]{43}$/.test(data.challenge)) return data.challenge;
    } catch {
      // fall through: reported below as an unknown challenge
    }
    throw badRequest('invalid_challenge', 'The sign-in challenge is missing or malformed. Ask for a new one.');
  }

  return {
    async challenge(): Promise<{ challenge: string; rpId: string }> {
      const challenge = crypto.randomBytes(32).toString('base64url');
      const now = Date.now();
      await db.deleteFrom('wallet_challenges').where('expires_at', '<', now).execute();
      await db.insertInto('wallet_challenges').values({ challenge, expires_at: now + CHALLENGE_TTL_MS }).execute();
      return { challenge, rpId: rp.rpId };
    },

    /** Verifies the assertion over a challenge this server issued (used once) and opens a session. */
    async signIn(credential: AuthenticationResponseJSON): Promise<WalletSession & { token: string }> {
      const challenge = challengeIn(credential);
      const taken = await db.deleteFrom('wallet_challenges').where('challenge', '=', challenge).where('expires_at', '>', Date.now()).executeTakeFirst();
      if (Number(taken.numDeletedRows) !== 1) throw badRequest('invalid_challenge', 'This sign-in challenge has expired or was already used. Try again.');
      const device = await devices.find(credential.id);
      if (!device) throw badRequest('unknown_device', 'This device is not registered. Register the wallet again.');
      const resident = await residents.findById(device.residentId);
      if (!resident || resident.status !== 'active') throw forbidden('resident_locked', 'This digital identity is locked. Contact the helpline.');
      const counter = await verifyAssertion(rp, credential, challenge, device);
      await devices.touch(device.id, counter);
      return this.open(resident.id, device.id);
    },

    /** Opens a session for a device just proven (sign-in, or the end of registration). */
    async open(residentId: string, deviceId: string): Promise<WalletSession & { token: string }> {
      const token = randomToken();
      const now = Date.now();
      const expires_at = now + SESSION_MAX_MS;
      await db.insertInto('wallet_sessions').values({ token_hash: sha256(token), resident_id: residentId, device_id: deviceId, created_at: now, last_seen_at: now, expires_at }).execute();
      return { token, residentId, deviceId, expiresAt: idleDeadline(now, expires_at) };
    },

    async resolve(token: string | undefined): Promise<WalletSession | undefined> {
      if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      const row = await db.selectFrom('wallet_sessions').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
      if (!row) return undefined;
      const now = Date.now();
      const [lastSeen, expires] = [Number(row.last_seen_at), Number(row.expires_at)];
      if (idleDeadline(lastSeen, expires) <= now) {
        await db.deleteFrom('wallet_sessions').where('token_hash', '=', row.token_hash).execute();
        return undefined;
      }
      if (now - lastSeen > TOUCH_EVERY_MS) await db.updateTable('wallet_sessions').set({ last_seen_at: now }).where('token_hash', '=', row.token_hash).execute();
      return { residentId: row.resident_id, deviceId: row.device_id, expiresAt: idleDeadline(now - lastSeen > TOUCH_EVERY_MS ? now : lastSeen, expires) };
    },

    async end(token: string | undefined): Promise<void> {
      if (token) await db.deleteFrom('wallet_sessions').where('token_hash', '=', sha256(token)).execute();
    },

    /** Deletes sessions past their deadline and unused challenges (reads already ignore them). */
    async sweep(now = Date.now()): Promise<void> {
      await db.deleteFrom('wallet_sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - SESSION_IDLE_MS)])).execute();
      await db.deleteFrom('wallet_challenges').where('expires_at', '<=', now).execute();
    },
  };
}

export type WalletSessions = ReturnType<typeof createWalletSessions>;

/** The session cookie: only the wallet API sees it, never sent cross-site. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(WALLET_COOKIE, token, { path: '/api/wallet', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_MAX_MS / 1000 });
}
