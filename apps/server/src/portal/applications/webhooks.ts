import { FlattenedSign, importJWK, type JWK } from 'jose';
import { badRequest } from '../../errors.ts';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import type { Logger } from '../../logger.ts';
import type { Db } from '../../storage/db.ts';
import type { ApplicationStore } from './application-store.ts';
import { departmentView } from './department-view.ts';
import type { FileStore } from './file-store.ts';

/**
 * Submissions pushed to departments. Each is an outbox row written with the application
 * (so nothing is lost between commit and send), delivered by a background loop as a JSON
 * body that is a JWS (flattened serialisation) signed with the platform's ES256 key, which
 * departments verify against the platform JWKS. Failures retry with exponential backoff.
 */
export type WebhookDeps = { db: Db; crypto: FieldCrypto; signingKey: JWK; issuer: string; log: Logger; apps: ApplicationStore; files: FileStore; allowHttp: boolean };

const MAX_ATTEMPTS = 12;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 3_600_000;
const LEASE_MS = 60_000;
const TICK_MS = 1_000;

export const backoffMs = (attempts: number): number => Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);

export function createWebhooks(deps: WebhookDeps) {
  const { db, log } = deps;
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  async function sign(payload: unknown): Promise<string> {
    const key = await importJWK(deps.signingKey, 'ES256');
    const jws = await new FlattenedSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'ES256', kid: deps.signingKey.kid!, typ: 'yat-submission+jws' }).sign(key);
    return JSON.stringify(jws);
  }

  async function deliver(row: { id: number; department: string; application_id: string; attempts: number; next_attempt_at: number }): Promise<void> {
    // Claim the row for a while, so another instance's loop does not send it at the same time.
    const claimed = await db.updateTable('webhook_outbox').set({ next_attempt_at: Date.now() + LEASE_MS }).where('id', '=', row.id).where('next_attempt_at', '=', row.next_attempt_at).where('delivered_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const attempts = row.attempts + 1;
    let error: string | undefined;
    try {
      const hook = await db.selectFrom('department_webhooks').select('url').where('department', '=', row.department).executeTakeFirst();
      const app = await deps.apps.byId(row.application_id);
      if (!hook || !app) throw new Error('no webhook URL registered for the department');
      const payload = { iss: deps.issuer, aud: row.department, iat: Math.floor(Date.now() / 1000), jti: `${deps.issuer}#webhook-${row.id}`, event: 'application.submitted', application: departmentView(deps.issuer, app, await deps.files.filesOf(app.id), await deps.apps.events(app.id)) };
      const res = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Yat-Webhooks/1' }, body: await sign(payload), signal: AbortSignal.timeout(10_000), redirect: 'manual' });
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message.slice(0, 300);
    }
    const now = Date.now();
    if (!error) {
      await db.updateTable('webhook_outbox').set({ delivered_at: now, attempts, last_error: null }).where('id', '=', row.id).execute();
      return;
    }
    log.warn({ outbox: row.id, department: row.department, attempts, error }, 'webhook delivery failed');
    await db.updateTable('webhook_outbox').set({ attempts, last_error: error, next_attempt_at: now + backoffMs(attempts) }).where('id', '=', row.id).execute();
  }

  async function deliverDue(): Promise<void> {
    if (running) return;
    running = true;
    try {
      const due = await db
        .selectFrom('webhook_outbox')
        .select(['id', 'department', 'application_id', 'attempts', 'next_attempt_at'])
        .where('delivered_at', 'is', null)
        .where('next_attempt_at', '<=', Date.now())
        .where('attempts', '<', MAX_ATTEMPTS)
        .orderBy('next_attempt_at')
        .limit(20)
        .execute();
      for (const row of due) await deliver({ ...row, attempts: Number(row.attempts), next_attempt_at: Number(row.next_attempt_at) });
    } catch (err) {
      log.warn({ err }, 'webhook loop failed');
    } finally {
      running = false;
    }
  }

  return {
    async urlFor(department: string): Promise<string | undefined> {
      const row = await db.selectFrom('department_webhooks').select('url').where('department', '=', department).executeTakeFirst();
      return row?.url;
    },

    async register(department: string, url: string, clientId: string): Promise<void> {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        throw badRequest('invalid_webhook_url', 'The webhook URL is not a valid absolute URL.');
      }
      if (url.length > 500 || !(u.protocol === 'https:' || (deps.allowHttp && u.protocol === 'http:')) || u.username || u.password) {
        throw badRequest('invalid_webhook_url', deps.allowHttp ? 'The webhook URL must be an http(s) URL without credentials.' : 'The webhook URL must be an https URL without credentials.');
      }
      const row = { url: u.href, client_id: clientId, updated_at: Date.now() };
      await db.insertInto('department_webhooks').values({ department, ...row }).onConflict((oc) => oc.column('department').doUpdateSet(row)).execute();
    },

    async deliveries(applicationId: string) {
      return db.selectFrom('webhook_outbox').select(['attempts', 'delivered_at', 'last_error', 'next_attempt_at']).where('application_id', '=', applicationId).execute();
    },

    /** Sends now rather than at the next tick (after a submission). */
    kick(): void {
      setImmediate(() => void deliverDue());
    },

    deliverDue,

    start(): void {
      timer = setInterval(() => void deliverDue(), TICK_MS);
      timer.unref();
    },

    stop(): void {
      if (timer) clearInterval(timer);
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
