import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { Audit } from '../audit/audit.ts';
import type { Context } from '../context.ts';
import type { ResidentStore } from '../identity/residents.ts';
import type { StaffStore } from '../identity/staff.ts';
import type { ClientStore } from '../oidc/clients.ts';
import { ensureOwnClient, ownRelyingParty } from '../oidc/own-clients.ts';
import { registerConsoleAuth } from './auth.ts';
import { createConsoleSessions } from './sessions.ts';

/**
 * The staff consoles' shared door: sign-in through the platform's own provider, the console
 * session (15 minutes idle), CSRF on every form and `requireStaff(role)` for each page. The
 * counter console (counter/) registers its pages with it; the operator and developer consoles
 * will do the same.
 */
export async function createConsoles(
  server: FastifyInstance,
  deps: { ctx: Context; provider: Provider; clients: ClientStore; residents: ResidentStore; staff: StaffStore; audit: Audit; secure: boolean; counterName(id: string | null, lang: string): Promise<string | null> },
) {
  const { ctx } = deps;
  const db = ctx.storage.db;
  const { issuer } = ctx.config;
  const sessions = createConsoleSessions({ db, crypto: ctx.crypto });
  const client = await ensureOwnClient(
    { db, crypto: ctx.crypto, provider: deps.provider, clients: deps.clients, issuer },
    { setting: 'console_client', name: 'Yat staff consoles', names: { 'zh-Hant': '壹 職員控制台', 'zh-Hans': '壹 职员控制台' }, redirectPath: '/console/callback', postLogoutPath: '/console/', fields: { required: ['id_number'], optional: [] } },
  );
  const rp = ownRelyingParty(issuer, '/console/callback', async () => client);
  const auth = registerConsoleAuth(server, {
    db,
    sessions,
    rp,
    issuer,
    secure: deps.secure,
    csrfKey: ctx.keys.cookieKeys[0]!,
    residents: deps.residents,
    staff: deps.staff,
    audit: deps.audit,
    crypto: ctx.crypto,
    counterName: deps.counterName,
    log: ctx.log,
  });

  const css = fs.readFileSync(path.join(import.meta.dirname, 'assets', 'console.css'));
  server.get('/console-assets/console.css', { schema: { hide: true } }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

  const sweeper = setInterval(() => void sessions.sweep().catch((err: unknown) => ctx.log.warn({ err }, 'sweeping console sessions failed')), 5 * 60_000);
  sweeper.unref();
  return { ...auth, sessions, clientId: client.clientId, close: () => clearInterval(sweeper) };
}

export type Consoles = Awaited<ReturnType<typeof createConsoles>>;
