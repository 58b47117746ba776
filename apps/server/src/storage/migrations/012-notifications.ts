import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * Notifications (issue 14, notify/): a resident's consent per service; personal notifications
 * (content encrypted, expiring, idempotent per service); Web Push subscriptions and the VAPID
 * key pair (private key encrypted); per-service daily counts for quotas; public alert topics,
 * their followers, publications and the fan-out's deliveries (one row per follower, the
 * publication's cursor says how far the fan-out got).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('notify_consents')
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('allowed', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_consents_pk', ['resident_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('notifications_idempotency').on('notifications').columns(['client_id', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('notifications_resident').on('notifications').columns(['resident_id', 'created_at']).execute();
  await db.schema.createIndex('notifications_expiry').on('notifications').column('expires_at').execute();

  await db.schema
    .createTable('notify_usage')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_usage_pk', ['client_id', 'day'])
    .execute();

  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('endpoint_hash', 'text', (c) => c.notNull().unique())
    .addColumn('subscription_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_success_at', 'bigint')
    .execute();
  await db.schema.createIndex('push_subscriptions_resident').on('push_subscriptions').column('resident_id').execute();

  await db.schema
    .createTable('notify_vapid')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notify_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('publishers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('notify_topic_followers')
    .addColumn('topic_id', 'text', (c) => c.notNull().references('notify_topics.id').onDelete('cascade'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_topic_followers_pk', ['topic_id', 'resident_id'])
    .execute();
  await db.schema
    .createTable('notify_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic_id', 'text', (c) => c.notNull().references('notify_topics.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('delivered', 'integer', (c) => c.notNull())
    .addColumn('pushed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('notify_publications_status').on('notify_publications').columns(['status', 'created_at']).execute();
  await db.schema
    .createTable('notify_topic_deliveries')
    .addColumn('publication_id', 'text', (c) => c.notNull().references('notify_publications.id').onDelete('cascade'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('push', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .addPrimaryKeyConstraint('notify_topic_deliveries_pk', ['publication_id', 'resident_id'])
    .execute();
  await db.schema.createIndex('notify_topic_deliveries_resident').on('notify_topic_deliveries').columns(['resident_id', 'created_at']).execute();
  await db.schema.createIndex('notify_topic_deliveries_push').on('notify_topic_deliveries').columns(['push', 'publication_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notify_topic_deliveries', 'notify_publications', 'notify_topic_followers', 'notify_topics', 'notify_vapid', 'push_subscriptions', 'notify_usage', 'notifications', 'notify_consents']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
