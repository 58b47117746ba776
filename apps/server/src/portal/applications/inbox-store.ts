import crypto from 'node:crypto';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import type { Db } from '../../storage/db.ts';

/**
 * Messages to a resident in the portal. A message is stored as a kind and its parameters,
 * not as text, so it reads in whatever language the resident uses when opening it.
 */
export type InboxParams = { reference: string; slug: string; status?: string; note?: string };
export type InboxMessage = { id: string; kind: string; params: InboxParams; readAt: number | null; createdAt: number };

export function createInboxStore(deps: { db: Db; crypto: FieldCrypto }) {
  const { db, crypto: fc } = deps;
  const toMessage = (r: { id: string; kind: string; params_enc: string; read_at: number | null; created_at: number }): InboxMessage => ({
    id: r.id,
    kind: r.kind,
    params: fc.decryptJson<InboxParams>(r.params_enc, r.id),
    readAt: r.read_at === null ? null : Number(r.read_at),
    createdAt: Number(r.created_at),
  });

  return {
    /** A row for `add` inside another write's transaction. */
    row(owner: string, kind: string, params: InboxParams) {
      const id = `msg_${crypto.randomBytes(12).toString('base64url')}`;
      return { id, owner_hash: owner, kind, params_enc: fc.encryptJson(params, id), read_at: null, created_at: Date.now() };
    },

    async list(owner: string, limit = 100): Promise<InboxMessage[]> {
      const rows = await db.selectFrom('inbox_messages').selectAll().where('owner_hash', '=', owner).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map(toMessage);
    },

    async unreadCount(owner: string): Promise<number> {
      const r = await db.selectFrom('inbox_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_hash', '=', owner).where('read_at', 'is', null).executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** The resident's own message, marked read by opening it. */
    async open(owner: string, id: string): Promise<InboxMessage | undefined> {
      const row = await db.selectFrom('inbox_messages').selectAll().where('id', '=', id).where('owner_hash', '=', owner).executeTakeFirst();
      if (!row) return undefined;
      if (row.read_at === null) {
        const now = Date.now();
        await db.updateTable('inbox_messages').set({ read_at: now }).where('id', '=', id).where('read_at', 'is', null).execute();
        row.read_at = now;
      }
      return toMessage(row);
    },
  };
}

export type InboxStore = ReturnType<typeof createInboxStore>;
