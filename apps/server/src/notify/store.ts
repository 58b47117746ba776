import crypto from 'node:crypto';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db } from '../storage/db.ts';
import type { Category, Content } from './content.ts';

/**
 * Personal notifications at rest: the content sealed with the data key (bound to the row's
 * id), the delivery state per channel in clear (it says nothing about the resident), and the
 * expiry after which the row is neither shown nor kept. A service's Idempotency-Key is unique
 * per service, so a retried send finds the first one instead of delivering twice.
 */
export type ChannelState = 'pending' | 'delivered' | 'sent' | 'failed' | 'no_subscription' | 'not_applicable' | 'no_phone' | 'withdrawn';
export type Delivery = { inbox: ChannelState; push: ChannelState; sms: ChannelState };
export type Notification = {
  id: string;
  clientId: string;
  residentId: string;
  category: Category;
  content: Content;
  delivery: Delivery;
  createdAt: number;
  expiresAt: number;
  readAt: number | null;
  deleted: boolean;
};

type Row = { id: string; client_id: string; resident_id: string; category: string; content_enc: string; delivery: string; created_at: number; expires_at: number; read_at: number | null; deleted_at: number | null };

export const newNotificationId = () => `ntf_${crypto.randomBytes(15).toString('base64url')}`;

export function createNotificationStore(deps: { db: Db; crypto: FieldCrypto }) {
  const { db, crypto: fc } = deps;
  const toNotification = (r: Row): Notification => ({
    id: r.id,
    clientId: r.client_id,
    residentId: r.resident_id,
    category: r.category as Category,
    content: fc.decryptJson<Content>(r.content_enc, r.id),
    delivery: JSON.parse(r.delivery) as Delivery,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    readAt: r.read_at === null ? null : Number(r.read_at),
    deleted: r.deleted_at !== null,
  });
  const live = () => Date.now();

  return {
    async insert(trx: Db, n: Omit<Notification, 'readAt' | 'deleted'> & { idempotencyKey: string | null }): Promise<void> {
      await trx
        .insertInto('notifications')
        .values({
          id: n.id,
          client_id: n.clientId,
          resident_id: n.residentId,
          idempotency_key: n.idempotencyKey,
          category: n.category,
          content_enc: fc.encryptJson(n.content, n.id),
          delivery: JSON.stringify(n.delivery),
          created_at: n.createdAt,
          expires_at: n.expiresAt,
          read_at: null,
          deleted_at: null,
        })
        .execute();
    },

    async byIdempotencyKey(clientId: string, key: string, exec: Db = db): Promise<Notification | undefined> {
      const r = await exec.selectFrom('notifications').selectAll().where('client_id', '=', clientId).where('idempotency_key', '=', key).executeTakeFirst();
      return r ? toNotification(r) : undefined;
    },

    /** A service's own notification (another service's answers undefined, as does an expired one). */
    async forService(clientId: string, id: string): Promise<Notification | undefined> {
      const r = await db.selectFrom('notifications').selectAll().where('id', '=', id).where('client_id', '=', clientId).where('expires_at', '>', live()).executeTakeFirst();
      return r ? toNotification(r) : undefined;
    },

    async forResident(residentId: string, limit = 100): Promise<Notification[]> {
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('resident_id', '=', residentId)
        .where('deleted_at', 'is', null)
        .where('expires_at', '>', live())
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toNotification);
    },

    async one(residentId: string, id: string): Promise<Notification | undefined> {
      const r = await db.selectFrom('notifications').selectAll().where('id', '=', id).where('resident_id', '=', residentId).where('deleted_at', 'is', null).where('expires_at', '>', live()).executeTakeFirst();
      return r ? toNotification(r) : undefined;
    },

    async unread(residentId: string): Promise<number> {
      const r = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('resident_id', '=', residentId)
        .where('read_at', 'is', null)
        .where('deleted_at', 'is', null)
        .where('expires_at', '>', live())
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    async markRead(residentId: string, id: string, read: boolean): Promise<boolean> {
      const res = await db.updateTable('notifications').set({ read_at: read ? Date.now() : null }).where('id', '=', id).where('resident_id', '=', residentId).where('deleted_at', 'is', null).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    /** Deleting keeps the row (without its content) so the service still learns it was delivered. */
    async remove(residentId: string, id: string): Promise<boolean> {
      const res = await db
        .updateTable('notifications')
        .set({ deleted_at: Date.now(), read_at: Date.now(), content_enc: fc.encryptJson({ title: {}, body: {} }, id) })
        .where('id', '=', id)
        .where('resident_id', '=', residentId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async setChannel(id: string, channel: keyof Delivery, state: ChannelState, exec: Db = db): Promise<void> {
      const r = await exec.selectFrom('notifications').select('delivery').where('id', '=', id).executeTakeFirst();
      if (!r) return;
      const delivery = { ...(JSON.parse(r.delivery) as Delivery), [channel]: state };
      await exec.updateTable('notifications').set({ delivery: JSON.stringify(delivery) }).where('id', '=', id).execute();
    },

    /** Counts a send against the service's daily quota; false when the day's quota is used up. */
    async countSend(trx: Db, clientId: string, quota: number): Promise<boolean> {
      const day = new Date().toISOString().slice(0, 10);
      await trx.insertInto('notify_usage').values({ client_id: clientId, day, count: 0 }).onConflict((oc) => oc.columns(['client_id', 'day']).doNothing()).execute();
      const res = await trx.updateTable('notify_usage').set((eb) => ({ count: eb('count', '+', 1) })).where('client_id', '=', clientId).where('day', '=', day).where('count', '<', quota).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    /** Expired notifications (and old quota counters) are deleted; reads already ignore them. */
    async sweep(): Promise<number> {
      const res = await db.deleteFrom('notifications').where('expires_at', '<=', live()).executeTakeFirst();
      await db.deleteFrom('notify_usage').where('day', '<', new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)).execute();
      return Number(res.numDeletedRows);
    },
  };
}

export type NotificationStore = ReturnType<typeof createNotificationStore>;
