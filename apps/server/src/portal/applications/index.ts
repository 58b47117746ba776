import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import type Provider from 'oidc-provider';
import type { Context } from '../../context.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import { ensurePortalClient, portalRelyingParty } from '../account/portal-client.ts';
import { registerAccountRoutes } from '../account/routes.ts';
import { createPortalSessions } from '../account/sessions.ts';
import { createApplicationStore } from './application-store.ts';
import { registerApplicationPages } from './application-pages.ts';
import { registerApplyRoutes } from './apply-routes.ts';
import { registerDepartmentApi } from './department-api.ts';
import { createFileStore } from './file-store.ts';
import { maxAttachmentBytes } from './forms/schema.ts';
import { registerInboxPages } from './inbox-pages.ts';
import { createInboxStore } from './inbox-store.ts';
import { unreadNotifications, type NotificationSource } from './notification-pages.ts';
import { createWebhooks } from './webhooks.ts';

/**
 * The portal's resident side (sign-in, hosted forms, applications, inbox) and the department
 * side (API, webhooks), built from the context and mounted on the server. Returns the stores
 * (for the CLI and tests) and a `close` that stops the webhook loop.
 */
export async function createPortalApplications(server: FastifyInstance, deps: { ctx: Context; provider: Provider; clients: ClientStore; secure: boolean; notifications?: NotificationSource }) {
  const { ctx, provider, clients, secure } = deps;
  const { db } = ctx.storage;
  const { issuer } = ctx.config;
  const csrfKey = ctx.keys.cookieKeys[0]!;

  const inbox = createInboxStore({ db, crypto: ctx.crypto });
  const apps = createApplicationStore({ db, crypto: ctx.crypto, inbox });
  const files = createFileStore({ db, crypto: ctx.crypto });
  const sessions = createPortalSessions({ db, crypto: ctx.crypto });
  const webhooks = createWebhooks({ db, crypto: ctx.crypto, signingKey: ctx.keys.signing[0]!, issuer, log: ctx.log, apps, files, allowHttp: ctx.config.env !== 'production' });
  const portalClient = await ensurePortalClient({ db, crypto: ctx.crypto, provider, clients, issuer });
  const rp = portalRelyingParty(issuer, async () => portalClient);

  registerAccountRoutes(server, { sessions, rp, issuer, secure, csrfKey, unreadCount: async (session) => (await inbox.unreadCount(session.owner)) + (deps.notifications ? await unreadNotifications(deps.notifications, portalClient.clientId, session) : 0), log: ctx.log });
  await server.register(async (scope) => {
    // Multipart only where forms take attachments; limits apply while the upload streams in.
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: maxAttachmentBytes, files: 10, fields: 200, fieldSize: 16 * 1024, parts: 210 } });
    registerApplyRoutes(scope, { apps, files, webhooks, csrfKey });
  });
  registerApplicationPages(server, { apps, files });
  registerInboxPages(server, { inbox, notifications: deps.notifications, portalClientId: portalClient.clientId, csrfKey });
  await server.register(async (scope) => registerDepartmentApi(scope, { provider, clients, apps, files, webhooks, issuer }));
  registerAssets(server);

  webhooks.start();
  const sweeper = setInterval(() => void sessions.sweep().catch((err: unknown) => ctx.log.warn({ err }, 'sweeping portal sessions failed')), 10 * 60_000);
  sweeper.unref();

  return {
    apps,
    files,
    inbox,
    sessions,
    webhooks,
    portalClientId: portalClient.clientId,
    close() {
      webhooks.stop();
      clearInterval(sweeper);
    },
  };
}

export type PortalApplications = Awaited<ReturnType<typeof createPortalApplications>>;

function registerAssets(server: FastifyInstance): void {
  const dir = path.join(import.meta.dirname, 'assets');
  for (const [name, type] of [['forms.css', 'text/css; charset=utf-8'], ['forms.js', 'text/javascript; charset=utf-8']] as const) {
    const body = fs.readFileSync(path.join(dir, name));
    server.get(`/portal-assets/${name}`, { schema: { hide: true } }, async (_req, reply) => reply.type(type).header('cache-control', 'public, max-age=3600').send(body));
  }
}
