import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { AnalyticsStore } from '../../analytics/index.ts';
import type { Audit } from '../../audit/audit.ts';
import type { Context } from '../../context.ts';
import type { ResidentStore } from '../../identity/residents.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import type { ConsoleAuth } from '../auth.ts';
import { registerDeveloperApi } from './api.ts';
import { createOrganisations } from './organisations.ts';
import { createFrame, DEV_ASSETS } from './pages/frame.ts';
import { registerHomePage } from './pages/home/route.ts';
import { registerInvitationPage } from './pages/invitation/route.ts';
import { registerOrganisationPage } from './pages/organisation/route.ts';
import { registerServiceFormPages } from './pages/service-form/route.ts';
import { registerServicePage } from './pages/service/route.ts';
import { createSandbox } from './sandbox.ts';
import { createServices } from './services.ts';

/**
 * The developer console (`/console/developer`, any signed-in resident) and its JSON API
 * (`/api/developer`): organisations and members, services in the sandbox and in production,
 * sandbox identities, keys, usage, webhook deliveries. `services.publish` is what the
 * approval queue (consoles/approvals) calls when an operator approves.
 */
export function createDeveloperConsole(server: FastifyInstance, deps: { ctx: Context; audit: Audit; provider: Provider; clients: ClientStore; residents: ResidentStore; consoles: ConsoleAuth; analytics: AnalyticsStore }) {
  const { ctx } = deps;
  const db = ctx.storage.db;
  const issuer = ctx.config.issuer;
  const organisations = createOrganisations({ db, crypto: ctx.crypto, audit: deps.audit, residents: deps.residents });
  const services = createServices({ db, audit: deps.audit, provider: deps.provider, clients: deps.clients, organisations });
  const sandbox = createSandbox({ db, crypto: ctx.crypto, audit: deps.audit, organisations });

  const css = fs.readFileSync(path.join(import.meta.dirname, 'assets', 'developer.css'));
  server.get(DEV_ASSETS, { schema: { hide: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

  const frame = createFrame(deps.consoles);
  registerHomePage(server, { frame, organisations });
  registerOrganisationPage(server, { frame, organisations, services, sandbox, issuer });
  registerServiceFormPages(server, { frame, organisations, services });
  registerServicePage(server, { frame, services, analytics: deps.analytics, issuer });
  registerInvitationPage(server, { frame, organisations });
  registerDeveloperApi(server, { organisations, services, sandbox, analytics: deps.analytics, csrfKey: ctx.keys.cookieKeys[0]!, issuer });
  return { organisations, services, sandbox };
}

export type DeveloperConsole = ReturnType<typeof createDeveloperConsole>;
