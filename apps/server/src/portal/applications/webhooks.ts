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
 *
 * Other capabilities send their own events through the same outbox with `enqueue` (the signing
 * API's "request done"): such a row names its URL and payload in its encrypted body, with the
 * recipient (a client id) in `department` and the subject (a request id) in `application_id`.
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

  /** An event queued by `enqueue`: where it goes and what it says, besides the standard claims. */
  type Direct = { event: string; url: string; payload: Record<string, unknown> };
  const bodyContext = (subject: string) => `webhook\n${subject}`;

  async function target(row: { id: number; department: string; application_id: string; body_enc: string }): Promise<{ url: string; payload: Record<string, unknown> }> {
    const body = deps.crypto.decryptJson<Partial<Direct>>(row.body_enc, bodyContext(row.application_id));
    const claims = { iss: deps.issuer, aud: row.department, iat: Math.floor(Date.now() / 1000), jti: `${deps.issuer}#webhook-${row.id}` };
    if (body.url) return { url: body.url, payload: { ...claims, event: body.event, ...body.payload } };
    const hook = await db.selectFrom('department_webhooks').select('url').where('department', '=', row.department).executeTakeFirst();
    const app = await deps.apps.byId(row.application_id);
    if (!hook || !app) throw new Error('no webhook URL registered for the department');
    return { url: hook.url, payload: { ...claims, event: 'application.submitted', application: departmentView(deps.issuer, app, await deps.files.filesOf(app.id), await deps.apps.events(app.id)) } };
  }

  function checkUrl(url: string): string {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw badRequest('invalid_webhook_url', 'The webhook URL is not a valid absolute URL.');
    }
    if (url.length > 500 || !(u.protocol === 'https:' || (deps.allowHttp && u.protocol === 'http:')) || u.username || u.password) {
      throw badRequest('invalid_webhook_url', deps.allowHttp ? 'The webhook URL must be an http(s) URL without credentials.' : 'The webhook URL must be an https URL without credentials.');
    }
    return u.href;
  }

  async function deliver(row: { id: number; department: string; application_id: string; body_enc: string; attempts: number; next_attempt_at: number }): Promise<void> {
    // Claim the row for a while, so another instance's loop does not send it at the same time.
    const claimed = await db.updateTable('webhook_outbox').set({ next_attempt_at: Date.now() + LEASE_MS }).where('id', '=', row.id).where('next_attempt_at', '=', row.next_attempt_at).where('delivered_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const attempts = row.attempts + 1;
    let error: string | undefined;
    try {
      const { url, payload } = await target(row);
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Yat-Webhooks/1' }, body: await sign(payload), signal: AbortSignal.timeout(10_000), redirect: 'manual' });
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
        .select(['id', 'department', 'application_id', 'body_enc', 'attempts', 'next_attempt_at'])
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
      const row = { url: checkUrl(url), client_id: clientId, updated_at: Date.now() };
      await db.insertInto('department_webhooks').values({ department, ...row }).onConflict((oc) => oc.column('department').doUpdateSet(row)).execute();
    },

    /** The same URL rules as a department's webhook (https, no credentials): for a URL a service gives. */
    checkUrl,

    /**
     * Queues a signed event for `url` in the caller's transaction (so it is sent if and only
     * if the action commits). `recipient` is the client it is for (the JWS `aud`), `subject` the
     * thing it is about; `payload` joins the standard claims.
     */
    async enqueue(trx: Db, e: { recipient: string; subject: string; url: string; event: string; payload: Record<string, unknown> }): Promise<void> {
      const now = Date.now();
      const body: Direct = { event: e.event, url: e.url, payload: e.payload };
      await trx
        .insertInto('webhook_outbox')
        .values({ department: e.recipient, application_id: e.subject, body_enc: deps.crypto.encryptJson(body, bodyContext(e.subject)), attempts: 0, next_attempt_at: now, delivered_at: null, last_error: null, created_at: now })
        .execute();
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
