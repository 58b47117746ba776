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
import { clientCredentialsCaller } from '../../oidc/service-tokens.ts';
import { registerDeveloperApi } from './api.ts';
import { developerApiAuth } from './api-auth.ts';
import { AUTOMATION_SCOPE, createAutomationClients } from './automation.ts';
import { createOrganisations } from './organisations.ts';
import { createFrame, DEV_ASSETS } from './pages/frame.ts';
import { registerAutomationPage } from './pages/automation/route.ts';
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
 * sandbox identities, keys, usage, webhook deliveries, automation clients (whose tokens use
 * the API for their organisation). `services.publish` is what the
 * approval queue (consoles/approvals) calls when an operator approves.
 */
export function createDeveloperConsole(server: FastifyInstance, deps: { ctx: Context; audit: Audit; provider: Provider; clients: ClientStore; residents: ResidentStore; consoles: ConsoleAuth; analytics: AnalyticsStore }) {
  const { ctx } = deps;
  const db = ctx.storage.db;
  const issuer = ctx.config.issuer;
  const organisations = createOrganisations({ db, crypto: ctx.crypto, audit: deps.audit, residents: deps.residents });
  const services = createServices({ db, audit: deps.audit, provider: deps.provider, clients: deps.clients, organisations });
  const sandbox = createSandbox({ db, crypto: ctx.crypto, audit: deps.audit, organisations });
  const automation = createAutomationClients({ db, audit: deps.audit, provider: deps.provider, clients: deps.clients, organisations });
  const auth = developerApiAuth({ db, csrfKey: ctx.keys.cookieKeys[0]!, audit: deps.audit, caller: clientCredentialsCaller(deps.provider, AUTOMATION_SCOPE), actorFor: automation.actorFor });

  const css = fs.readFileSync(path.join(import.meta.dirname, 'assets', 'developer.css'));
  server.get(DEV_ASSETS, { schema: { hide: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

  const frame = createFrame(deps.consoles);
  registerHomePage(server, { frame, organisations });
  registerOrganisationPage(server, { frame, organisations, services, sandbox, issuer });
  registerServiceFormPages(server, { frame, organisations, services });
  registerServicePage(server, { frame, services, analytics: deps.analytics, issuer });
  registerInvitationPage(server, { frame, organisations });
  registerAutomationPage(server, { frame, organisations, automation, issuer });
  registerDeveloperApi(server, { organisations, services, sandbox, automation, auth, analytics: deps.analytics, issuer });
  return { organisations, services, sandbox, automation };
}

export type DeveloperConsole = ReturnType<typeof createDeveloperConsole>;
