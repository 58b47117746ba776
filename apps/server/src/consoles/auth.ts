import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Audit } from '../audit/audit.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { AppError } from '../errors.ts';
import { html } from '../http/html.ts';
import { pageContextOf, sendPage } from '../http/page-context.ts';
import type { PageContext } from '../http/layout.ts';
import { normalizeIdNumber } from '../identity/id-number.ts';
import { acrFor, type ResidentStore } from '../identity/residents.ts';
import { authorizeStaff, grantInForce, type StaffMember, type StaffRole, type StaffStore } from '../identity/staff.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';
import { beginSignIn, completeSignIn, endSessionUrl, readSignInChecks, type OwnRelyingParty, type SignInChecks } from '../oidc/own-clients.ts';
import { safeReturnPath } from '../portal/account/routes.ts';
import { consolePage, type StaffBar } from './layout.ts';
import { consoleCsrfToken, consoleCsrfValid, type ConsoleSession, type ConsoleSessions } from './sessions.ts';
import { formFields, pageSchema, redirectSchema } from '../http/validate.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff member signed in to the consoles, if any (console paths only). */
    consoleSession: ConsoleSession | null;
    /** Set by `requireStaff(role)`: the staff member, with the grant in force for that role. */
    staffMember: StaffMember | null;
  }
}

/**
 * Staff sign in to `/console/…` through the platform's own OpenID provider, as a relying party
 * (oidc/own-clients.ts, the mechanism the portal uses): they approve on their own wallet like
 * any resident. The console asks for one field, the identity card number, and finds the
 * resident by its keyed hash. Every console page then says which role it needs with
 * `requireStaff(role)`, checked on each request; every form carries a CSRF token.
 */
export const CONSOLE_COOKIE = 'yat_console';
const AUTH_COOKIE = 'yat_console_auth';
export const consoleScope = 'openid yat:id_number';
/** JSON APIs that take the console session (the pages' actions, for programs). */
export const consoleApiPaths = ['/api/console/', '/api/developer/', '/api/approvals'];
const limit = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };
/** A fresh approval on the wallet (max_age=0), at the plus level: what risky staff actions need (consoles/step-up.ts). */
const stepUpParams = { max_age: '0', acr_values: acrFor('plus') };

export type ConsoleAuthDeps = {
  db: Db;
  sessions: ConsoleSessions;
  rp: OwnRelyingParty;
  issuer: string;
  secure: boolean;
  csrfKey: string;
  residents: ResidentStore;
  staff: StaffStore;
  audit: Audit;
  crypto: FieldCrypto;
  counterName(id: string | null, lang: string): Promise<string | null>;
  log: Logger;
};

export function registerConsoleAuth(app: FastifyInstance, deps: ConsoleAuthDeps) {
  const { sessions } = deps;
  app.decorateRequest('consoleSession', null);
  app.decorateRequest('staffMember', null);

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/console/') && req.url !== '/console' && !consoleApiPaths.some((p) => req.url.startsWith(p))) return;
    req.consoleSession = (await sessions.find(req.cookies[CONSOLE_COOKIE])) ?? null;
  });

  // Every console form: signed in, and the session's CSRF token, before any handler runs.
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' || !req.url.startsWith('/console/')) return;
    if (!req.consoleSession) return reply.redirect(`/console/login?return=${encodeURIComponent('/console/')}`, 303);
    const csrf = (req.body as { csrf?: unknown } | undefined)?.csrf;
    if (!consoleCsrfValid(deps.csrfKey, req.consoleSession.token, csrf)) return sendConsoleError(req, reply, 403, pageContextOf(req).t('consoles.csrf'), 'csrf_failed');
  });

  app.get('/console', { schema: redirectSchema('The consoles (moved to /console/)') }, async (_req, reply) => reply.redirect('/console/', 301));

  app.get<{ Querystring: { return?: string; step_up?: string } }>('/console/login', { ...limit, schema: redirectSchema('Staff sign-in: on to the identity provider (step_up=1: approve again on the wallet, at the plus level)', 303) }, async (req, reply) => {
    const returnTo = consoleReturn(req.query.return);
    const stepUp = req.query.step_up === '1';
    if (req.consoleSession && !stepUp) return reply.redirect(returnTo, 303);
    let started;
    try {
      started = await beginSignIn(deps.rp, { scope: consoleScope, returnTo, lang: pageContextOf(req).lang, ...(stepUp ? { extra: stepUpParams } : {}) });
    } catch (err) {
      deps.log.error({ err: (err as Error).message }, 'console cannot reach the identity provider');
      throw new AppError('signin_unavailable', 503, pageContextOf(req).t('applications.account.unavailable'));
    }
    reply.setCookie(AUTH_COOKIE, JSON.stringify(started.checks), { path: '/console/', httpOnly: true, sameSite: 'lax', secure: deps.secure, signed: true, maxAge: 15 * 60 });
    return reply.redirect(started.url.href, 303);
  });

  app.get<{ Querystring: Record<string, string> }>('/console/callback', { ...limit, schema: pageSchema('Where staff sign-in returns (OpenID Connect callback)', { redirects: true }) }, async (req, reply) => {
    const checks = readSignInChecks(req, AUTH_COOKIE);
    reply.clearCookie(AUTH_COOKIE, { path: '/console/' });
    const { t } = pageContextOf(req);
    if (!checks || req.query.error) return sendConsoleError(req, reply, 400, t('consoles.signInFailed'), 'login_failed');
    let signedIn;
    try {
      signedIn = await completeSignIn(deps.rp, new URL(req.url, deps.issuer), checks);
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'console sign-in callback failed');
      return sendConsoleError(req, reply, 400, t('consoles.signInFailed'), 'login_failed');
    }
    const idNumber = normalizeIdNumber(String(signedIn.claims['yat:id_number'] ?? ''));
    const residentId = idNumber ? await deps.residents.findIdByRegistryRef(deps.crypto.lookupHash(idNumber)) : undefined;
    const grants = residentId ? await deps.staff.grantsOf(residentId) : [];
    if (!residentId) {
      await deps.audit.record(deps.db, { type: 'staff.denied', outcome: 'failure', residentId: null, detail: { staffId: null, counterId: null, reason: 'no_staff_role' } });
      return sendConsoleError(req, reply, 403, t('consoles.errors.no_staff_role'), 'no_staff_role');
    }
    // A step-up's new sign-in replaces the session it refreshes.
    if (req.consoleSession) await sessions.destroy(req.consoleSession.token);
    const token = await sessions.create(residentId, signedIn.idToken);
    // Any resident may use the developer console; staff roles open the other consoles.
    if (grants.length) await deps.audit.record(deps.db, { type: 'staff.signed_in', outcome: 'success', residentId, detail: { staffId: residentId, counterId: grants.find((g) => g.counterId)?.counterId ?? null, acr: signedIn.acr ?? null, roles: grants.map((g) => g.role) } });
    else await deps.audit.record(deps.db, { type: 'developer.signed_in', outcome: 'success', residentId, detail: { acr: signedIn.acr ?? null } });
    // Path '/': the consoles' JSON APIs (/api/console/…, /api/developer/…, /api/approvals/…) take the same session; they accept only JSON bodies (with the session's CSRF token), which no other site can send.
    reply.setCookie(CONSOLE_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secure });
    return reply.redirect(checks.returnTo, 303);
  });

  app.post('/console/logout', { ...limit, schema: { ...redirectSchema('Sign a staff member out', 303), body: formFields } }, async (req, reply) => {
    const session = req.consoleSession!;
    await sessions.destroy(session.token);
    await deps.audit.record(deps.db, { type: 'staff.signed_out', outcome: 'success', residentId: session.residentId, detail: { staffId: session.residentId } });
    reply.clearCookie(CONSOLE_COOKIE, { path: '/' });
    try {
      return reply.redirect((await endSessionUrl(deps.rp, session.idToken, `${deps.issuer}/console/`)).href, 303);
    } catch {
      return reply.redirect('/console/', 303);
    }
  });

  /** The landing page: sign in, or the consoles this staff member's roles open. */
  app.get('/console/', { schema: pageSchema("The consoles' start: sign in, or the consoles this staff member's roles open") }, async (req, reply) => {
    const p = pageContextOf(req);
    const { t } = p;
    const session = req.consoleSession;
    if (!session) {
      const body = html`<h1>${t('consoles.signInTitle')}</h1><p class="lead">${t('consoles.signInIntro')}</p>
<p><a class="button" href="/console/login?lang=${p.lang}">${t('consoles.signIn')}</a></p>`;
      return sendPage(reply, consolePage(p, { title: t('consoles.signInTitle'), body }));
    }
    const resident = await deps.residents.findById(session.residentId);
    const grants = resident ? (await deps.staff.grantsOf(session.residentId)).filter((g) => grantInForce(resident, g)) : [];
    const links: Record<StaffRole, { href: string; label: string } | undefined> = { counter: { href: '/console/counter', label: t('consoles.counterConsole') }, operator: { href: '/console/operator', label: t('consoles.operatorConsole') } };
    const items = [...grants.map((g) => links[g.role]).filter((l) => l !== undefined), { href: '/console/developer', label: t('consoles.developerConsole') }];
    const body = html`<h1>${t('consoles.homeTitle')}</h1>
${items.length ? html`<p class="lead">${t('consoles.homeIntro')}</p><ul class="tasks">${items.map((l) => html`<li><a href="${l.href}?lang=${p.lang}">${l.label}</a></li>`)}</ul>` : html`<p class="lead">${t('consoles.noRoles')}</p>`}`;
    return sendPage(reply, consolePage(p, { title: t('consoles.homeTitle'), body, staff: await staffBar(req) }));
  });


  /** The header's staff line and the CSRF token for the page's forms. */
  async function staffBar(req: FastifyRequest): Promise<StaffBar | null> {
    const s = req.consoleSession;
    if (!s) return null;
    const { lang } = pageContextOf(req);
    const resident = await deps.residents.findById(s.residentId);
    const profile = resident?.profile;
    const name = profile ? (lang !== 'en' && profile.nameZh ? profile.nameZh : [profile.nameEn.family, profile.nameEn.given].filter(Boolean).join(' ')) : '';
    const counterId = req.staffMember?.grant.counterId ?? null;
    return { name, counter: await deps.counterName(counterId, lang), csrf: consoleCsrfToken(deps.csrfKey, s.token) };
  }

  /**
   * A console page's guard: signed in (else to sign-in, coming back here), and holding `role`
   * in force (else 403, audited). Sets `req.staffMember` for the handler.
   */
  function requireStaff(role: StaffRole): preHandlerAsyncHookHandler {
    return async function (req, reply) {
      const session = req.consoleSession;
      if (!session) return reply.redirect(`/console/login?return=${encodeURIComponent(consoleReturn(req.url))}`, 303);
      try {
        req.staffMember = await authorizeStaff(deps, session.residentId, role);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        await deps.audit.record(deps.db, { type: 'staff.denied', outcome: 'failure', residentId: session.residentId, detail: { staffId: session.residentId, counterId: null, role, reason: err.code } });
        return sendConsoleError(req, reply, 403, pageContextOf(req).t(`consoles.errors.${err.code}`), err.code);
      }
    };
  }

  return { requireStaff, staffBar };
}

export type ConsoleAuth = ReturnType<typeof registerConsoleAuth>;

/** Only a console path: after sign-in the staff member returns into the consoles, nowhere else. */
function consoleReturn(value: unknown): string {
  const path = safeReturnPath(value);
  return path.startsWith('/console/') ? path : '/console/';
}

export function sendConsoleError(req: FastifyRequest, reply: FastifyReply, status: number, message: string, code: string): FastifyReply {
  const p: PageContext = pageContextOf(req);
  const { t } = p;
  const title = status === 403 ? t('consoles.forbiddenTitle') : t('error.title');
  const body = html`<h1>${title}</h1><p class="lead">${message}</p><p class="muted">${t('error.code', { code })}</p>
<p><a class="button secondary" href="/console/?lang=${p.lang}">${t('consoles.homeTitle')}</a></p>`;
  return sendPage(reply, consolePage(p, { title, body }), status);
}
