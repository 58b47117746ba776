import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GrantStore } from '../consent/grants.ts';
import { AppError, notFound } from '../errors.ts';
import { langs, type Lang } from '../i18n/index.ts';
import type { ClientStore } from '../oidc/clients.ts';
import type { Db } from '../storage/db.ts';
import type { ApprovalStep } from '../wallet-api/login-requests.ts';
import { WALLET_COOKIE, type WalletSessions } from '../wallet-api/session.ts';
import type { ConsentStore } from './consents.ts';
import { isInboxId, type Inbox } from './inbox.ts';
import type { Push } from './push.ts';
import { doc, errors, texts3Schema } from './schemas.ts';
import type { Topics } from './topics.ts';

/**
 * The wallet's side of notifications, for the signed-in resident (wallet session cookie):
 * the inbox, consent per service, the push subscription, topics to follow. JSON only.
 */
export type NotifyWalletDeps = { sessions: WalletSessions; clients: ClientStore; grants: GrantStore; consents: ConsentStore; inbox: Inbox; push: Push; topics: Topics };

const tags = ['wallet'];
const limit = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
const langQuery = { type: 'object', properties: { lang: { type: 'string', enum: [...langs] } } } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;
const clientParams = { type: 'object', required: ['clientId'], properties: { clientId: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,200}$' } } } as const;
const itemSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['personal', 'topic'] },
    category: { type: 'string' },
    from: { type: 'object', properties: { id: { type: 'string' }, names: texts3Schema } },
    title: { type: 'string' },
    body: { type: 'string' },
    lang: { type: 'string' },
    fallback: { type: 'boolean' },
    link: { type: ['string', 'null'] },
    linkOrigin: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    read: { type: 'boolean' },
  },
} as const;
const serviceConsent = { type: 'object', properties: { clientId: { type: 'string' }, names: texts3Schema, allowed: { type: 'boolean' } } } as const;
const noBody = { 204: { type: 'null' } } as const;

/** Whether a service registered the notifications permission (the `notify` scope). `exec`: the caller's transaction. */
export async function offersNotifications(clients: ClientStore, clientId: string, exec?: Db): Promise<boolean> {
  return String((await clients.find(clientId, exec))?.scope ?? '').split(' ').includes('notify');
}

/**
 * The approval screen's notifications switch travels in the approve request itself (its body
 * carries `notifications: true|false` beside the fields to share). That request is proven by
 * the device key, so the answer is the resident's own — a browser that only saw the QR code
 * cannot give it. Written in the approval's transaction (wallet-api/login-requests.ts): the
 * sign-in and the answer are recorded together or not at all.
 */
export const notificationsAnswer = (deps: { clients: ClientStore; consents: ConsentStore }): ApprovalStep => async (trx, approval) => {
  const answer = approval.answers.notifications;
  if (typeof answer !== 'boolean' || !(await offersNotifications(deps.clients, approval.clientId, trx))) return;
  await deps.consents.set(approval.residentId, approval.clientId, answer, trx);
};

export function registerNotifyWalletApi(app: FastifyInstance, deps: NotifyWalletDeps): void {
  const { sessions, clients, consents, inbox, push, topics } = deps;
  async function residentOf(req: FastifyRequest): Promise<string> {
    const s = await sessions.resolve(req.cookies[WALLET_COOKIE]);
    if (!s) throw new AppError('no_session', 401, 'Sign in to the wallet with this device first.');
    return s.residentId;
  }
  const langOf = (req: FastifyRequest): Lang => (req.query as { lang?: Lang }).lang ?? 'en';
  const item404 = () => notFound('unknown_notification', 'This message does not exist, has expired or was deleted.');

  app.get('/api/wallet/notifications', { config: limit(120), schema: doc({ tags, summary: 'The inbox: personal notifications and followed alerts, newest first', querystring: langQuery, response: { 200: { type: 'object', properties: { unread: { type: 'integer' }, items: { type: 'array', items: itemSchema } } }, ...errors(401, 429) } }) }, async (req, reply) => {
    const residentId = await residentOf(req);
    const [items, unread] = await Promise.all([inbox.list(residentId, langOf(req)), inbox.unread(residentId)]);
    return reply.header('cache-control', 'no-store').send({ unread, items });
  });

  app.get('/api/wallet/notifications/unread', { config: limit(240), schema: doc({ tags, summary: 'How many inbox messages are unread (the badge)', response: { 200: { type: 'object', properties: { unread: { type: 'integer' } } }, ...errors(401, 429) } }) }, async (req, reply) => {
    return reply.header('cache-control', 'no-store').send({ unread: await inbox.unread(await residentOf(req)) });
  });

  app.get<{ Params: { id: string } }>('/api/wallet/notifications/:id', { config: limit(240), schema: doc({ tags, summary: 'One inbox message', params: idParams, querystring: langQuery, response: { 200: itemSchema, ...errors(401, 404, 429) } }) }, async (req, reply) => {
    const residentId = await residentOf(req);
    const item = isInboxId(req.params.id) ? await inbox.get(residentId, req.params.id, langOf(req)) : undefined;
    if (!item) throw item404();
    return reply.header('cache-control', 'no-store').send(item);
  });

  app.patch<{ Params: { id: string }; Body: { read: boolean } }>('/api/wallet/notifications/:id', { config: limit(240), schema: doc({ tags, summary: 'Mark a message read or unread', params: idParams, body: { type: 'object', required: ['read'], additionalProperties: false, properties: { read: { type: 'boolean' } } }, response: { ...noBody, ...errors(400, 401, 404, 415, 429) } }) }, async (req, reply) => {
    const residentId = await residentOf(req);
    if (!isInboxId(req.params.id) || !(await inbox.markRead(residentId, req.params.id, req.body.read))) throw item404();
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/api/wallet/notifications/:id', { config: limit(120), schema: doc({ tags, summary: 'Delete a message from the inbox', params: idParams, response: { ...noBody, ...errors(401, 404, 429) } }) }, async (req, reply) => {
    const residentId = await residentOf(req);
    if (!isInboxId(req.params.id) || !(await inbox.remove(residentId, req.params.id))) throw item404();
    return reply.code(204).send();
  });

  app.get('/api/wallet/notifications/consents', { config: limit(120), schema: doc({ tags, summary: 'Services that may ask to notify the resident, and the answer given', response: { 200: { type: 'object', properties: { services: { type: 'array', items: serviceConsent } } }, ...errors(401, 429) } }) }, async (req, reply) => {
    const residentId = await residentOf(req);
    const answers = await consents.forResident(residentId);
    const connected = (await deps.grants.listForResident(residentId)).map((g) => g.clientId);
    const services = [];
    for (const clientId of new Set([...connected, ...answers.keys()])) {
      if (!(await offersNotifications(clients, clientId))) continue;
      const info = await clients.info(clientId);
      services.push({ clientId, names: info?.names ?? { en: clientId, 'zh-Hant': clientId, 'zh-Hans': clientId }, allowed: answers.get(clientId) ?? false });
    }
    return reply.header('cache-control', 'no-store').send({ services });
  });

  app.put<{ Params: { clientId: string }; Body: { allowed: boolean } }>('/api/wallet/notifications/consents/:clientId', { config: limit(60), schema: doc({ tags, summary: 'Allow or stop notifications from a service', params: clientParams, body: { type: 'object', required: ['allowed'], additionalProperties: false, properties: { allowed: { type: 'boolean' } } }, response: { ...noBody, ...errors(400, 401, 404, 415, 429) } }) }, async (req, reply) => {
    const residentId = await residentOf(req);
    if (!(await offersNotifications(clients, req.params.clientId))) throw notFound('unknown_service', 'This service does not send notifications.');
    await consents.set(residentId, req.params.clientId, req.body.allowed);
    return reply.code(204).send();
  });

  // Public: whether the service on the approval screen registered notifications (no session needed there).
  app.get<{ Params: { clientId: string } }>('/api/wallet/notifications/offer/:clientId', { config: limit(600), schema: doc({ tags, summary: 'Whether a service asks to send notifications, and (signed in) the answer given', params: clientParams, response: { 200: { type: 'object', properties: { offered: { type: 'boolean' }, allowed: { type: ['boolean', 'null'] } } }, ...errors(429) } }) }, async (req, reply) => {
    const s = await sessions.resolve(req.cookies[WALLET_COOKIE]);
    const offered = await offersNotifications(clients, req.params.clientId);
    const allowed = offered && s ? ((await consents.forResident(s.residentId)).get(req.params.clientId) ?? null) : null;
    return reply.header('cache-control', 'no-store').send({ offered, allowed });
  });

  registerPushAndTopicRoutes(app, { residentOf, push, topics });
}

function registerPushAndTopicRoutes(app: FastifyInstance, deps: { residentOf(req: FastifyRequest): Promise<string>; push: Push; topics: Topics }): void {
  const { residentOf, push, topics } = deps;
  const subscription = { type: 'object', required: ['endpoint', 'keys'], properties: { endpoint: { type: 'string', minLength: 8, maxLength: 2000 }, expirationTime: { type: ['number', 'null'] }, keys: { type: 'object', required: ['p256dh', 'auth'], properties: { p256dh: { type: 'string', maxLength: 200 }, auth: { type: 'string', maxLength: 100 } } } } } as const;

  app.get('/api/wallet/push/key', { config: limit(120), schema: doc({ tags, summary: "The platform's VAPID public key (applicationServerKey)", response: { 200: { type: 'object', properties: { publicKey: { type: 'string' } } }, ...errors(429) } }) }, async (_req, reply) => reply.header('cache-control', 'no-cache').send({ publicKey: await push.publicKey() }));

  app.post<{ Body: { subscription: { endpoint: string; keys: { p256dh: string; auth: string } } } }>('/api/wallet/push/subscriptions', { config: limit(30), schema: doc({ tags, summary: "Register this device's push subscription", body: { type: 'object', required: ['subscription'], properties: { subscription } }, response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...errors(400, 401, 415, 429) } }) }, async (req, reply) => {
    const residentId = await residentOf(req);
    const { endpoint, keys } = req.body.subscription;
    return reply.code(201).send({ id: await push.subscribe(residentId, { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } }) });
  });

  app.post<{ Body: { endpoint: string } }>('/api/wallet/push/unsubscribe', { config: limit(30), schema: doc({ tags, summary: "Forget this device's push subscription", body: { type: 'object', required: ['endpoint'], properties: { endpoint: { type: 'string', maxLength: 2000 } } }, response: { ...noBody, ...errors(400, 401, 415, 429) } }) }, async (req, reply) => {
    await push.unsubscribe(await residentOf(req), req.body.endpoint);
    return reply.code(204).send();
  });

  const topicSchema = { type: 'object', properties: { id: { type: 'string' }, names: texts3Schema, following: { type: 'boolean' } } } as const;
  app.get('/api/wallet/topics', { config: limit(120), schema: doc({ tags, summary: 'Public alert topics and which the resident follows', response: { 200: { type: 'object', properties: { topics: { type: 'array', items: topicSchema } } }, ...errors(401, 429) } }) }, async (req, reply) => {
    const following = await topics.following(await residentOf(req));
    return reply.header('cache-control', 'no-store').send({ topics: (await topics.list()).map((t) => ({ id: t.id, names: t.names, following: following.has(t.id) })) });
  });

  app.put<{ Params: { id: string }; Body: { following: boolean } }>('/api/wallet/topics/:id', { config: limit(60), schema: doc({ tags, summary: 'Follow or stop following a topic', params: idParams, body: { type: 'object', required: ['following'], additionalProperties: false, properties: { following: { type: 'boolean' } } }, response: { ...noBody, ...errors(400, 401, 404, 415, 429) } }) }, async (req, reply) => {
    await topics.follow(await residentOf(req), req.params.id, req.body.following);
    return reply.code(204).send();
  });
}
