import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { html } from '../../http/html.ts';
import { page, type AccountNav } from '../../http/layout.ts';
import { pageContextOf, sendErrorPage, sendPage } from '../../http/page-context.ts';
import type { Logger } from '../../logger.ts';
import { beginSignIn, completeSignIn, endSessionUrl, readSignInChecks, type SignInChecks } from '../../oidc/own-clients.ts';
import { portalScopes, type PortalRelyingParty } from './portal-client.ts';
import { csrfTokenFor, csrfValid, type PortalSession, type PortalSessions } from './sessions.ts';
import { formFields, pageSchema, redirectSchema } from '../../http/validate.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The resident signed in to the portal, if any (set for page requests). */
    portalSession: PortalSession | null;
    accountNav: AccountNav | null;
  }
}

export type AccountDeps = {
  sessions: PortalSessions;
  rp: PortalRelyingParty;
  issuer: string;
  secure: boolean;
  csrfKey: string;
  /** Unread messages for the header: the portal's own and (when the platform has them) notifications. */
  unreadCount(session: PortalSession): Promise<number>;
  log: Logger;
};

export const SESSION_COOKIE = 'yat_portal';
const AUTH_COOKIE = 'yat_portal_auth';
const loginLimit = { max: 60, timeWindow: '1 minute' };
// Protocol and machine paths carry no portal header; everything else is a portal page.
const notPortal = /^\/(oidc|interaction|api|assets|wallet|\.well-known|healthz|portal-assets)(\/|$)/;

/** Only a path on this site: never another origin, a protocol-relative URL or a backslash trick. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || value.length > 500) return '/';
  try {
    const u = new URL(value, 'http://local');
    return u.origin === 'http://local' ? `${u.pathname}${u.search}` : '/';
  } catch {
    return '/';
  }
}

export function registerAccountRoutes(app: FastifyInstance, deps: AccountDeps): void {
  const { sessions } = deps;
  // The provider is this same platform, reached over HTTP; if that fails, say so plainly.
  const opConfig = async (req: FastifyRequest) => {
    try {
      return await deps.rp.config();
    } catch (err) {
      deps.log.error({ err: (err as Error).message }, 'portal cannot reach the identity provider');
      throw new AppError('signin_unavailable', 503, pageContextOf(req).t('applications.account.unavailable'));
    }
  };
  app.decorateRequest('portalSession', null);
  app.decorateRequest('accountNav', null);

  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    if (notPortal.test(path)) return;
    const session = await sessions.find(req.cookies[SESSION_COOKIE]);
    req.portalSession = session ?? null;
    const wantsNav = req.method === 'GET' && !path.startsWith('/account/');
    if (!wantsNav) return;
    req.accountNav = session
      ? { signedIn: true, unread: await deps.unreadCount(session), csrf: csrfTokenFor(deps.csrfKey, session.token) }
      : { signedIn: false, unread: 0, csrf: '' };
  });

  app.get<{ Querystring: { return?: string } }>('/account/login', { config: { rateLimit: loginLimit }, schema: redirectSchema('Sign in to the portal: on to the identity provider', 303) }, async (req, reply) => {
    const returnTo = safeReturnPath(req.query.return);
    if (req.portalSession) return reply.redirect(returnTo, 303);
    await opConfig(req);
    const { url, checks } = await beginSignIn(deps.rp, { scope: portalScopes, returnTo, lang: pageContextOf(req).lang });
    reply.setCookie(AUTH_COOKIE, JSON.stringify(checks), { path: '/account/', httpOnly: true, sameSite: 'lax', secure: deps.secure, signed: true, maxAge: 15 * 60 });
    return reply.redirect(url.href, 303);
  });

  app.get<{ Querystring: Record<string, string> }>('/account/callback', { config: { rateLimit: loginLimit }, schema: pageSchema('Where portal sign-in returns (OpenID Connect callback)', { redirects: true }) }, async (req, reply) => {
    const checks = readSignInChecks(req, AUTH_COOKIE);
    reply.clearCookie(AUTH_COOKIE, { path: '/account/' });
    const p = pageContextOf(req);
    if (!checks) return sendErrorPage(req, reply, 400, p.t('applications.account.expired'), 'login_expired');
    if (req.query.error) return sendSignInStopped(req, reply, checks.returnTo);
    let session: { sub: string; claims: Record<string, unknown>; idToken: string };
    try {
      const { sub, claims, idToken } = await completeSignIn(deps.rp, new URL(req.url, deps.issuer), checks);
      session = { sub, claims, idToken };
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'portal sign-in callback failed');
      return sendErrorPage(req, reply, 400, p.t('applications.account.expired'), 'login_failed');
    }
    const token = await sessions.create(session);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secure });
    return reply.redirect(checks.returnTo, 303);
  });

  app.post<{ Body: { csrf?: string } }>('/account/logout', { config: { rateLimit: loginLimit }, schema: { ...redirectSchema('Sign out of the portal', 303), body: formFields } }, async (req, reply) => {
    const session = req.portalSession;
    if (!session) return reply.redirect('/', 303);
    if (!csrfValid(deps.csrfKey, session.token, req.body?.csrf)) return sendErrorPage(req, reply, 403, pageContextOf(req).t('applications.errors.csrf'), 'csrf_failed');
    await sessions.destroy(session.token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await opConfig(req);
    const end = await endSessionUrl(deps.rp, session.idToken, `${deps.issuer}/`);
    return reply.redirect(end.href, 303);
  });


  function sendSignInStopped(req: FastifyRequest, reply: FastifyReply, returnTo: string) {
    const p = pageContextOf(req);
    const { t } = p;
    const body = html`<h1>${t('applications.account.stoppedTitle')}</h1>
<p class="lead">${t('applications.account.stopped')}</p>
<p><a class="button" href="/account/login?return=${encodeURIComponent(returnTo)}">${t('applications.account.tryAgain')}</a></p>`;
    return sendPage(reply, page(p, { title: t('applications.account.stoppedTitle'), body }));
  }
}

/** For pages that need a signed-in resident: the session, or a redirect to sign in first. */
export function requireSession(req: FastifyRequest, reply: FastifyReply): PortalSession | undefined {
  if (req.portalSession) return req.portalSession;
  void reply.redirect(`/account/login?return=${encodeURIComponent(safeReturnPath(req.url))}`, 303);
  return undefined;
}
