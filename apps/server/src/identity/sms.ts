import { AppError } from '../errors.ts';
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
      // The resident can do nothing about a gateway outage but try again later: say so (503).
      const unavailable = () => new AppError('sms_unavailable', 503, 'We could not send the code to your phone just now. Please try again in a few minutes.');
      let res: Response;
      try {
        res = await fetch(deps.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(deps.token ? { authorization: `Bearer ${deps.token}` } : {}) },
          body: JSON.stringify({ to, body }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (err) {
        deps.log.error({ err: (err as Error).message }, 'SMS gateway unreachable');
        throw unavailable();
      }
      if (!res.ok) {
        deps.log.error({ status: res.status }, 'SMS gateway refused a message');
        throw unavailable();
      }
    },
  };
}

export async function readOutbox(db: Db, recipient?: string, limit = 50) {
  let q = db.selectFrom('sms_outbox').selectAll().orderBy('id', 'desc').limit(limit);
  if (recipient) q = q.where('recipient', '=', recipient);
  return q.execute();
}
