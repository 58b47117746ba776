import type { Lang } from '../i18n/index.ts';
import type { ClientStore } from '../oidc/clients.ts';
import type { Db } from '../storage/db.ts';
import { localise, type Content } from './content.ts';
import type { NotificationStore } from './store.ts';

/**
 * The resident's inbox as the wallet and the portal show it: personal notifications and the
 * alerts of the topics they follow, newest first, in the resident's language (with the
 * fallback marked), each with the origin its link goes to so it can be shown before opening.
 */
export type InboxItem = {
  id: string;
  kind: 'personal' | 'topic';
  category: string;
  from: { id: string; names: Record<Lang, string> };
  title: string;
  body: string;
  lang: Lang;
  fallback: boolean;
  link: string | null;
  linkOrigin: string | null;
  createdAt: string;
  read: boolean;
};

const isTopicId = (id: string) => /^tpub_[A-Za-z0-9_-]{20}$/.test(id);
export const isInboxId = (id: string) => isTopicId(id) || /^ntf_[A-Za-z0-9_-]{20}$/.test(id);

export function createInbox(deps: { db: Db; store: NotificationStore; clients: ClientStore }) {
  const { db, store, clients } = deps;

  const item = (x: Omit<InboxItem, 'title' | 'body' | 'lang' | 'fallback' | 'link' | 'linkOrigin'>, content: Content, lang: Lang): InboxItem => {
    const text = localise(content, lang);
    return { ...x, title: text.title, body: text.body, lang: text.lang, fallback: text.fallback, link: text.link, linkOrigin: text.link ? new URL(text.link).origin : null };
  };

  async function serviceNames(clientId: string): Promise<Record<Lang, string>> {
    const info = await clients.info(clientId);
    return info?.names ?? { en: clientId, 'zh-Hant': clientId, 'zh-Hans': clientId };
  }

  const topicBase = (residentId: string) =>
    db
      .selectFrom('notify_topic_deliveries as d')
      .innerJoin('notify_publications as p', 'p.id', 'd.publication_id')
      .innerJoin('notify_topics as t', 't.id', 'p.topic_id')
      .where('d.resident_id', '=', residentId)
      .where('d.deleted_at', 'is', null)
      .where('p.expires_at', '>', Date.now());
  const topicRows = (residentId: string) => topicBase(residentId).select(['p.id', 'p.category', 'p.content', 'p.topic_id', 't.names', 'd.created_at', 'd.read_at']);

  const topicItem = (r: { id: string; category: string; content: string; topic_id: string; names: string; created_at: number; read_at: number | null }, lang: Lang) =>
    item({ id: r.id, kind: 'topic', category: r.category, from: { id: r.topic_id, names: JSON.parse(r.names) as Record<Lang, string> }, createdAt: new Date(Number(r.created_at)).toISOString(), read: r.read_at !== null }, JSON.parse(r.content) as Content, lang);

  return {
    async list(residentId: string, lang: Lang, limit = 100): Promise<InboxItem[]> {
      const personal = await store.forResident(residentId, limit);
      const topics = await topicRows(residentId).orderBy('d.created_at', 'desc').limit(limit).execute();
      const items = [
        ...(await Promise.all(personal.map(async (n) => item({ id: n.id, kind: 'personal', category: n.category, from: { id: n.clientId, names: await serviceNames(n.clientId) }, createdAt: new Date(n.createdAt).toISOString(), read: n.readAt !== null }, n.content, lang)))),
        ...topics.map((r) => topicItem(r, lang)),
      ];
      return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
    },

    async unread(residentId: string): Promise<number> {
      const t = await topicBase(residentId).where('d.read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return (await store.unread(residentId)) + Number(t?.n ?? 0);
    },

    async get(residentId: string, id: string, lang: Lang): Promise<InboxItem | undefined> {
      if (isTopicId(id)) {
        const r = await topicRows(residentId).where('p.id', '=', id).executeTakeFirst();
        return r ? topicItem(r, lang) : undefined;
      }
      const n = /^ntf_/.test(id) ? await store.one(residentId, id) : undefined;
      return n ? item({ id: n.id, kind: 'personal', category: n.category, from: { id: n.clientId, names: await serviceNames(n.clientId) }, createdAt: new Date(n.createdAt).toISOString(), read: n.readAt !== null }, n.content, lang) : undefined;
    },

    async markRead(residentId: string, id: string, read: boolean): Promise<boolean> {
      if (!isTopicId(id)) return store.markRead(residentId, id, read);
      const res = await db.updateTable('notify_topic_deliveries').set({ read_at: read ? Date.now() : null }).where('publication_id', '=', id).where('resident_id', '=', residentId).where('deleted_at', 'is', null).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async remove(residentId: string, id: string): Promise<boolean> {
      if (!isTopicId(id)) return store.remove(residentId, id);
      const res = await db.updateTable('notify_topic_deliveries').set({ deleted_at: Date.now() }).where('publication_id', '=', id).where('resident_id', '=', residentId).where('deleted_at', 'is', null).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
