import crypto from 'node:crypto';
import type { Audit } from '../audit/audit.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import type { Lang } from '../i18n/index.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { Category, Content } from './content.ts';

/**
 * Public alert topics (typhoon and rainstorm warnings, election reminders): residents follow
 * them in the wallet; operators — and the departments a topic names — publish to them. A
 * publication is queued with a cursor at the start of the followers; the fan-out (fanout.ts)
 * moves the cursor through them in batches. Alerts are public, so their text is not sealed.
 */
export type Topic = { id: string; names: Record<Lang, string>; publishers: string[] };
export type PublishInput = { category: Category; title: Content['title']; body: Content['body']; link?: string; expiresIn?: number };
export type Publisher = { kind: 'operator'; name: string } | { kind: 'service'; clientId: string };

export const defaultTopics: Topic[] = [
  { id: 'typhoon-rainstorm', names: { en: 'Typhoon and rainstorm warnings', 'zh-Hant': '颱風及暴雨警告', 'zh-Hans': '台风及暴雨警告' }, publishers: [] },
  { id: 'election-reminders', names: { en: 'Election reminders', 'zh-Hant': '選舉提示', 'zh-Hans': '选举提示' }, publishers: [] },
];

export const newPublicationId = () => `tpub_${crypto.randomBytes(15).toString('base64url')}`;

export function createTopics(deps: { db: Db; audit: Audit }) {
  const { db, audit } = deps;
  const toTopic = (r: { id: string; names: string; publishers: string }): Topic => ({ id: r.id, names: JSON.parse(r.names) as Topic['names'], publishers: JSON.parse(r.publishers) as string[] });

  return {
    async seed(): Promise<void> {
      for (const t of defaultTopics) {
        await db.insertInto('notify_topics').values({ id: t.id, names: JSON.stringify(t.names), publishers: JSON.stringify(t.publishers), created_at: Date.now() }).onConflict((oc) => oc.column('id').doNothing()).execute();
      }
    },

    async list(): Promise<Topic[]> {
      return (await db.selectFrom('notify_topics').selectAll().orderBy('id').execute()).map(toTopic);
    },

    async find(id: string): Promise<Topic | undefined> {
      const r = await db.selectFrom('notify_topics').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toTopic(r) : undefined;
    },

    async following(residentId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('notify_topic_followers').select('topic_id').where('resident_id', '=', residentId).execute();
      return new Set(rows.map((r) => r.topic_id));
    },

    async follow(residentId: string, topicId: string, on: boolean): Promise<void> {
      if (!(await this.find(topicId))) throw notFound('unknown_topic', 'There is no such topic.');
      if (on) await db.insertInto('notify_topic_followers').values({ topic_id: topicId, resident_id: residentId, created_at: Date.now() }).onConflict((oc) => oc.columns(['topic_id', 'resident_id']).doNothing()).execute();
      else await db.deleteFrom('notify_topic_followers').where('topic_id', '=', topicId).where('resident_id', '=', residentId).execute();
    },

    /** Queues a publication to every follower the topic has now; the fan-out delivers it. */
    async publish(topicId: string, input: PublishInput, publisher: Publisher): Promise<{ id: string; total: number }> {
      const topic = await this.find(topicId);
      if (!topic) throw notFound('unknown_topic', `There is no topic "${topicId}".`);
      if (publisher.kind === 'service' && !topic.publishers.includes(publisher.clientId)) throw forbidden('not_a_publisher', 'Your service may not publish to this topic.');
      if (!Object.keys(input.title).length || Object.keys(input.title).some((l) => !input.body[l as Lang])) throw badRequest('invalid_request', 'Give a title and a body in at least one language (the same languages for both).');
      const id = newPublicationId();
      const now = Date.now();
      return inTransaction(db, async (trx) => {
        const n = await trx.selectFrom('notify_topic_followers').select((eb) => eb.fn.countAll<number>().as('n')).where('topic_id', '=', topicId).executeTakeFirst();
        const total = Number(n?.n ?? 0);
        const content: Content = { title: input.title, body: input.body, ...(input.link ? { link: input.link } : {}) };
        await trx
          .insertInto('notify_publications')
          .values({
            id,
            topic_id: topicId,
            category: input.category,
            content: JSON.stringify(content),
            publisher: publisher.kind === 'operator' ? `operator:${publisher.name}` : publisher.clientId,
            status: 'queued',
            cursor: '',
            total,
            delivered: 0,
            pushed: 0,
            created_at: now,
            expires_at: now + (input.expiresIn ?? 7 * 86_400) * 1000,
            claimed_by: null,
            finished_at: null,
          })
          .execute();
        await audit.record(trx, { type: 'notify.topic_published', outcome: 'success', clientId: publisher.kind === 'service' ? publisher.clientId : null, detail: { publication: id, topic: topicId, total, publisher: publisher.kind === 'operator' ? publisher.name : undefined } });
        return { id, total };
      });
    },

    /** The delivery report: how far the fan-out got, pushes sent, how many have read it. */
    async report(id: string) {
      const p = await db.selectFrom('notify_publications').selectAll().where('id', '=', id).executeTakeFirst();
      if (!p) throw notFound('unknown_publication', `There is no publication "${id}".`);
      const read = await db.selectFrom('notify_topic_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('publication_id', '=', id).where('read_at', 'is not', null).executeTakeFirst();
      return {
        id: p.id,
        topic: p.topic_id,
        status: p.status,
        total: Number(p.total),
        delivered: Number(p.delivered),
        pushed: Number(p.pushed),
        read: Number(read?.n ?? 0),
        created_at: new Date(Number(p.created_at)).toISOString(),
        finished_at: p.finished_at === null ? null : new Date(Number(p.finished_at)).toISOString(),
      };
    },
  };
}

export type Topics = ReturnType<typeof createTopics>;
