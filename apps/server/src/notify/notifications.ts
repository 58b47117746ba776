import type Provider from 'oidc-provider';
import type { Audit } from '../audit/audit.ts';
import { AppError, badRequest, forbidden, tooMany } from '../errors.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { SmsSender } from '../identity/sms.ts';
import type { Logger } from '../logger.ts';
import type { ClientStore } from '../oidc/clients.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { ConsentStore } from './consents.ts';
import { languagesOf, localise, type Category, type Content } from './content.ts';
import type { Push } from './push.ts';
import { newNotificationId, type Notification, type NotificationStore } from './store.ts';

/**
 * Sending a personal notification, as a service does through the API: the resident is named
 * by the pairwise `sub` the service holds; without the resident's consent (or without such a
 * resident) the answer is one and the same refusal, so a service cannot probe who exists.
 * Accepted means in the inbox; Web Push (and SMS for `security` when no push got through)
 * follows after the commit.
 */
export type SendInput = { sub: string; category: Category; title: Content['title']; body: Content['body']; link?: string; expires_in?: number };
export type SubjectLookup = { residentFor(sector: string, sub: string): Promise<string | undefined> };

export type NotificationDeps = {
  db: Db;
  provider: Provider;
  clients: ClientStore;
  residents: ResidentStore;
  subjects: SubjectLookup;
  consents: ConsentStore;
  store: NotificationStore;
  push: Push;
  sms: SmsSender;
  audit: Audit;
  log: Logger;
  dailyQuota: number;
};

const DEFAULT_TTL_S = 30 * 86_400;
const notDeliverable = () => forbidden('not_deliverable', 'This resident cannot receive notifications from your service: they have not allowed them, or are not known to your service.');

/** Where a service may link to: the origins of its registered redirect URIs, client_uri and post-logout URIs. */
export function registeredOrigins(m: Record<string, unknown>): Set<string> {
  const uris = [...((m.redirect_uris as string[] | undefined) ?? []), ...((m.post_logout_redirect_uris as string[] | undefined) ?? []), ...(typeof m.client_uri === 'string' ? [m.client_uri] : [])];
  return new Set(uris.map((u) => URL.parse(u)?.origin).filter((o): o is string => Boolean(o) && o !== 'null'));
}

export function createNotifications(deps: NotificationDeps) {
  const { db, store, consents, push, log } = deps;
  const inFlight = new Set<Promise<void>>();

  async function checkContent(clientId: string, input: SendInput): Promise<Content> {
    for (const lang of Object.keys(input.title) as Array<keyof Content['title']>) {
      if (!input.body[lang]) throw badRequest('invalid_request', `The body has no text in ${lang}, but the title has: write both in each language you send.`);
    }
    if (input.link === undefined) return { title: input.title, body: input.body };
    const url = URL.parse(input.link);
    const metadata = ((await deps.clients.find(clientId)) ?? {}) as Record<string, unknown>;
    if (!url || !['https:', 'http:'].includes(url.protocol) || !registeredOrigins(metadata).has(url.origin)) {
      throw badRequest('link_not_allowed', `The link must be on one of your service's registered origins (${[...registeredOrigins(metadata)].join(', ') || 'none registered'}).`);
    }
    return { title: input.title, body: input.body, link: url.href };
  }

  async function residentOf(clientId: string, sub: string): Promise<string | undefined> {
    const client = await deps.provider.Client.find(clientId);
    if (!client) return undefined;
    const sector = String((client as unknown as { yat_sector?: string }).yat_sector ?? client.sectorIdentifier);
    return deps.subjects.residentFor(sector, sub);
  }

  /** After the commit: push, then SMS for a security message no push service took. */
  async function deliver(n: Notification): Promise<void> {
    if (!(await consents.allowed(n.residentId, n.clientId))) {
      await store.setChannel(n.id, 'push', 'withdrawn');
      if (n.category === 'security') await store.setChannel(n.id, 'sms', 'withdrawn');
      return;
    }
    const service = await deps.clients.info(n.clientId);
    const names = service?.names ?? { en: n.clientId, 'zh-Hant': n.clientId, 'zh-Hans': n.clientId };
    const ttl = Math.floor((n.expiresAt - Date.now()) / 1000);
    const pushed = await push.toResident(n.residentId, { category: n.category, service: names }, ttl, n.category === 'security' || n.category === 'action_needed' ? 'high' : 'normal');
    await store.setChannel(n.id, 'push', pushed);
    if (n.category !== 'security') return;
    if (pushed === 'sent') return store.setChannel(n.id, 'sms', 'not_applicable');
    const phone = (await deps.residents.findById(n.residentId))?.profile.phone;
    if (!phone) return store.setChannel(n.id, 'sms', 'no_phone');
    const text = localise(n.content, 'en');
    try {
      await deps.sms.send(phone, `${names.en}: ${text.title} (Yat wallet)`.slice(0, 300));
      await store.setChannel(n.id, 'sms', 'sent');
    } catch (err) {
      log.warn({ err: (err as Error).message, notification: n.id }, 'SMS fallback failed');
      await store.setChannel(n.id, 'sms', 'failed');
    }
  }

  function dispatch(n: Notification): void {
    const p = deliver(n)
      .catch((err: unknown) => log.error({ err, notification: n.id }, 'delivering a notification failed'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  return {
    residentOf,

    async send(clientId: string, input: SendInput, idempotencyKey: string | null): Promise<{ notification: Notification; replayed: boolean }> {
      if (idempotencyKey) {
        const earlier = await store.byIdempotencyKey(clientId, idempotencyKey);
        if (earlier) return { notification: earlier, replayed: true };
      }
      const content = await checkContent(clientId, input);
      const residentId = await residentOf(clientId, input.sub);
      if (!residentId || !(await consents.allowed(residentId, clientId))) throw notDeliverable();
      const now = Date.now();
      const n: Notification = {
        id: newNotificationId(),
        clientId,
        residentId,
        category: input.category,
        content,
        delivery: { inbox: 'delivered', push: 'pending', sms: input.category === 'security' ? 'pending' : 'not_applicable' },
        createdAt: now,
        expiresAt: now + (input.expires_in ?? DEFAULT_TTL_S) * 1000,
        readAt: null,
        deleted: false,
      };
      try {
        await inTransaction(db, async (trx) => {
          if (!(await store.countSend(trx, clientId, deps.dailyQuota))) throw tooMany('quota_exceeded', `Your service has sent its ${deps.dailyQuota} notifications for today (UTC). Try again tomorrow, or ask the platform operator for a larger quota.`);
          await store.insert(trx, { ...n, idempotencyKey });
          await deps.audit.record(trx, { type: 'notification.sent', outcome: 'success', residentId, clientId, detail: { id: n.id, category: n.category } });
        });
      } catch (err) {
        // Two sends with the same key at once: the second finds the first.
        const earlier = idempotencyKey && !(err instanceof AppError) ? await store.byIdempotencyKey(clientId, idempotencyKey) : undefined;
        if (earlier) return { notification: earlier, replayed: true };
        throw err;
      }
      dispatch(n);
      return { notification: n, replayed: false };
    },

    /** What the service may know of its own notification: no content, the delivery and whether it was read. */
    stateView(n: Notification, replayed?: boolean) {
      return {
        id: n.id,
        category: n.category,
        languages: languagesOf(n.content),
        created_at: new Date(n.createdAt).toISOString(),
        expires_at: new Date(n.expiresAt).toISOString(),
        delivery: n.delivery,
        read: n.readAt !== null,
        read_at: n.readAt === null ? null : new Date(n.readAt).toISOString(),
        ...(replayed === undefined ? {} : { replayed }),
      };
    },

    /** Resolves when every delivery started so far has finished (tests, shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
