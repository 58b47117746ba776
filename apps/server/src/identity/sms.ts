import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';

/**
 * Sending one-time codes. Development keeps messages in an outbox (the console and the
 * /dev/outbox page show them); production posts to an HTTP SMS gateway.
 */
export type SmsSender = { send(to: string, body: string): Promise<void>; kind: 'outbox' | 'gateway' };

export function createOutboxSms(deps: { db: Db; log: Logger }): SmsSender {
  return {
    kind: 'outbox',
    async send(to, body) {
      await deps.db.insertInto('sms_outbox').values({ recipient: to, body, created_at: Date.now() }).execute();
      deps.log.warn({ to }, `development SMS outbox: ${body}`);
    },
  };
}

export function createGatewaySms(deps: { url: string; token: string | undefined; log: Logger }): SmsSender {
  return {
    kind: 'gateway',
    async send(to, body) {
      const res = await fetch(deps.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(deps.token ? { authorization: `Bearer ${deps.token}` } : {}) },
        body: JSON.stringify({ to, body }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) {
        deps.log.error({ status: res.status }, 'SMS gateway refused a message');
        throw new Error(`SMS gateway answered ${res.status}`);
      }
    },
  };
}

export async function readOutbox(db: Db, recipient?: string, limit = 50) {
  let q = db.selectFrom('sms_outbox').selectAll().orderBy('id', 'desc').limit(limit);
  if (recipient) q = q.where('recipient', '=', recipient);
  return q.execute();
}
