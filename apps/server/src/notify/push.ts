import crypto from 'node:crypto';
import webpush from 'web-push';
import { badRequest } from '../errors.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291),
 * through the `web-push` library. The VAPID key pair is made on first start and kept in the
 * database with the private key sealed by the data key, so every instance signs with the same
 * one. Subscriptions are stored encrypted (the endpoint is a capability URL). A push carries
 * only what a lock screen may show — the category and the service's name; the wallet fetches
 * the content when the resident opens it. A subscription the push service reports gone (404
 * or 410) is deleted.
 */
export type PushSubscriptionJson = { endpoint: string; keys: { p256dh: string; auth: string } };
export type PushPayload = { category: string; service: Record<string, string> };
export type PushResult = 'sent' | 'failed' | 'no_subscription';

const b64uBytes = (v: string) => (/^[A-Za-z0-9_-]+=*$/.test(v) ? Buffer.from(v, 'base64url').length : -1);

export function createPush(deps: { db: Db; crypto: FieldCrypto; log: Logger; subject: string; production: boolean }) {
  const { db, crypto: fc, log } = deps;
  let keys: Promise<{ publicKey: string; privateKey: string }> | undefined;

  /** The platform's VAPID keys: read, or made once (the first instance to insert wins). */
  function vapidKeys() {
    keys ??= (async () => {
      let row = await db.selectFrom('notify_vapid').selectAll().where('id', '=', 1).executeTakeFirst();
      if (!row) {
        const made = webpush.generateVAPIDKeys();
        await db.insertInto('notify_vapid').values({ id: 1, public_key: made.publicKey, private_enc: fc.encrypt(made.privateKey, 'vapid'), created_at: Date.now() }).onConflict((oc) => oc.column('id').doNothing()).execute();
        row = await db.selectFrom('notify_vapid').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
      }
      return { publicKey: row.public_key, privateKey: fc.decrypt(row.private_enc, 'vapid') };
    })();
    keys.catch(() => (keys = undefined));
    return keys;
  }

  function checkSubscription(s: PushSubscriptionJson): void {
    const url = URL.parse(s.endpoint);
    const local = !url || /^(localhost|\[.*\]|[\d.]+)$/.test(url.hostname);
    if (!url || (deps.production ? url.protocol !== 'https:' || local : !/^https?:$/.test(url.protocol))) {
      throw badRequest('invalid_subscription', 'The push subscription endpoint must be an https URL of a push service.');
    }
    if (b64uBytes(s.keys.p256dh) !== 65 || b64uBytes(s.keys.auth) !== 16) throw badRequest('invalid_subscription', 'The push subscription keys are not valid (p256dh: 65 bytes, auth: 16 bytes, base64url).');
  }

  async function sendOne(id: string, sub: PushSubscriptionJson, payload: PushPayload, ttlSeconds: number, urgency: 'normal' | 'high'): Promise<boolean> {
    const vapid = await vapidKeys();
    const req = webpush.generateRequestDetails(sub, JSON.stringify(payload), {
      vapidDetails: { subject: deps.subject, ...vapid },
      TTL: Math.max(0, Math.min(ttlSeconds, 28 * 86_400)),
      urgency,
      contentEncoding: 'aes128gcm',
    });
    let status: number;
    try {
      const res = await fetch(req.endpoint, { method: req.method, headers: req.headers as Record<string, string>, body: req.body ? new Uint8Array(req.body) : null, signal: AbortSignal.timeout(10_000), redirect: 'error' });
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      log.warn({ err: (err as Error).message, subscription: id }, 'push service unreachable');
      return false;
    }
    if (status === 404 || status === 410) {
      await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
      log.info({ subscription: id, status }, 'push subscription gone; removed');
      return false;
    }
    if (status >= 200 && status < 300) {
      await db.updateTable('push_subscriptions').set({ last_success_at: Date.now() }).where('id', '=', id).execute();
      return true;
    }
    log.warn({ subscription: id, status }, 'push service refused a message');
    return false;
  }

  return {
    publicKey: async () => (await vapidKeys()).publicKey,

    async subscribe(residentId: string, s: PushSubscriptionJson): Promise<string> {
      checkSubscription(s);
      const endpointHash = fc.lookupHash(`push-endpoint\n${s.endpoint}`);
      const id = `psub_${crypto.randomBytes(12).toString('base64url')}`;
      // The same endpoint subscribed again (another resident on a shared phone) moves to the latest resident.
      await db.deleteFrom('push_subscriptions').where('endpoint_hash', '=', endpointHash).execute();
      await db.insertInto('push_subscriptions').values({ id, resident_id: residentId, endpoint_hash: endpointHash, subscription_enc: fc.encryptJson(s, id), created_at: Date.now(), last_success_at: null }).execute();
      return id;
    },

    async unsubscribe(residentId: string, endpoint: string): Promise<boolean> {
      const res = await db.deleteFrom('push_subscriptions').where('resident_id', '=', residentId).where('endpoint_hash', '=', fc.lookupHash(`push-endpoint\n${endpoint}`)).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },

    async count(residentId: string): Promise<number> {
      const r = await db.selectFrom('push_subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('resident_id', '=', residentId).executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** Pushes to each of the resident's subscriptions: sent when at least one push service took it. */
    async toResident(residentId: string, payload: PushPayload, ttlSeconds: number, urgency: 'normal' | 'high' = 'normal'): Promise<PushResult> {
      const rows = await db.selectFrom('push_subscriptions').select(['id', 'subscription_enc']).where('resident_id', '=', residentId).execute();
      if (!rows.length) return 'no_subscription';
      const results = await Promise.all(rows.map((r) => sendOne(r.id, fc.decryptJson<PushSubscriptionJson>(r.subscription_enc, r.id), payload, ttlSeconds, urgency)));
      return results.some(Boolean) ? 'sent' : 'failed';
    },
  };
}

export type Push = ReturnType<typeof createPush>;
