import crypto from 'node:crypto';
import { randomToken, sha256, type FieldCrypto } from '../../crypto/field-crypto.ts';
import type { Db } from '../../storage/db.ts';

/**
 * The portal's own session, separate from the provider's: a random token in a cookie, and a
 * row keyed by the token's hash holding the resident's pairwise subject at the portal and the
 * claims released at sign-in (encrypted). Sessions end after a quiet spell or a working day.
 */
export type PortalSession = {
  /** Stable key for everything the resident owns in the portal (a keyed hash of the pairwise sub). */
  owner: string;
  sub: string;
  claims: Record<string, unknown>;
  idToken: string;
  token: string;
};

const IDLE_MS = 30 * 60_000;
const MAX_MS = 8 * 3600_000;
const TOUCH_MS = 60_000;

export function createPortalSessions(deps: { db: Db; crypto: FieldCrypto }) {
  const { db, crypto: fc } = deps;
  return {
    ownerOf: (sub: string) => fc.lookupHash(`portal-owner\n${sub}`),

    async create(input: { sub: string; claims: Record<string, unknown>; idToken: string }): Promise<string> {
      const token = randomToken();
      const idHash = sha256(token);
      const now = Date.now();
      await db
        .insertInto('portal_sessions')
        .values({ id_hash: idHash, owner_hash: this.ownerOf(input.sub), data_enc: fc.encryptJson(input, idHash), created_at: now, last_seen_at: now, expires_at: now + MAX_MS })
        .execute();
      return token;
    },

    async find(token: string | undefined): Promise<PortalSession | undefined> {
      if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      const idHash = sha256(token);
      const row = await db.selectFrom('portal_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      const now = Date.now();
      if (!row) return undefined;
      if (Number(row.expires_at) < now || Number(row.last_seen_at) + IDLE_MS < now) {
        await db.deleteFrom('portal_sessions').where('id_hash', '=', idHash).execute();
        return undefined;
      }
      // Writing on every page view would make reads writes; a minute's precision is enough.
      if (now - Number(row.last_seen_at) > TOUCH_MS) await db.updateTable('portal_sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
      const data = fc.decryptJson<{ sub: string; claims: Record<string, unknown>; idToken: string }>(row.data_enc, idHash);
      return { owner: row.owner_hash, ...data, token };
    },

    async destroy(token: string): Promise<void> {
      await db.deleteFrom('portal_sessions').where('id_hash', '=', sha256(token)).execute();
    },

    async sweep(): Promise<void> {
      const now = Date.now();
      await db.deleteFrom('portal_sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', now - IDLE_MS)])).execute();
    },
  };
}

export type PortalSessions = ReturnType<typeof createPortalSessions>;

/** A form token bound to the session: a page from another site cannot know it. */
export function csrfTokenFor(key: string, sessionToken: string): string {
  return crypto.createHmac('sha256', key).update(`portal-csrf\n${sessionToken}`).digest('base64url');
}

export function csrfValid(key: string, sessionToken: string, given: unknown): boolean {
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(csrfTokenFor(key, sessionToken));
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
