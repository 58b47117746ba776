import crypto from 'node:crypto';
import { randomToken, sha256, type FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db } from '../storage/db.ts';

/**
 * The consoles' own session, shared by every console (counter, operator, developer): a random
 * token in a cookie, a row keyed by its hash naming the resident who signed in. Staff sessions
 * are short: 15 minutes without a request ends them (a tablet left on a counter), 8 hours in all.
 * Roles are not kept here: they are checked on every request (identity/staff.ts).
 */
export const CONSOLE_IDLE_MS = 15 * 60_000;
export const CONSOLE_MAX_MS = 8 * 3600_000;
const TOUCH_MS = 30_000;

export type ConsoleSession = { residentId: string; idToken: string; token: string; createdAt: number };

export function createConsoleSessions(deps: { db: Db; crypto: FieldCrypto }) {
  const { db, crypto: fc } = deps;
  return {
    async create(residentId: string, idToken: string): Promise<string> {
      const token = randomToken();
      const hash = sha256(token);
      const now = Date.now();
      await db
        .insertInto('console_sessions')
        .values({ token_hash: hash, resident_id: residentId, id_token_enc: fc.encrypt(idToken, `console-session\n${hash}`), created_at: now, last_seen_at: now, expires_at: now + CONSOLE_MAX_MS })
        .execute();
      return token;
    },

    async find(token: string | undefined): Promise<ConsoleSession | undefined> {
      if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      const hash = sha256(token);
      const row = await db.selectFrom('console_sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      if (!row) return undefined;
      const now = Date.now();
      if (Number(row.expires_at) <= now || Number(row.last_seen_at) + CONSOLE_IDLE_MS <= now) {
        await db.deleteFrom('console_sessions').where('token_hash', '=', hash).execute();
        return undefined;
      }
      if (now - Number(row.last_seen_at) > TOUCH_MS) await db.updateTable('console_sessions').set({ last_seen_at: now }).where('token_hash', '=', hash).execute();
      return { residentId: row.resident_id, idToken: fc.decrypt(row.id_token_enc, `console-session\n${hash}`), token, createdAt: Number(row.created_at) };
    },

    async destroy(token: string): Promise<void> {
      await db.deleteFrom('console_sessions').where('token_hash', '=', sha256(token)).execute();
    },

    async sweep(now = Date.now()): Promise<void> {
      await db.deleteFrom('console_sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - CONSOLE_IDLE_MS)])).execute();
    },
  };
}

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>;

/** A form token bound to the session: a page from another site cannot know it. */
export function consoleCsrfToken(key: string, sessionToken: string): string {
  return crypto.createHmac('sha256', key).update(`console-csrf\n${sessionToken}`).digest('base64url');
}

export function consoleCsrfValid(key: string, sessionToken: string, given: unknown): boolean {
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(consoleCsrfToken(key, sessionToken));
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
