import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import QRCode from 'qrcode';
import type { GrantStore } from '../consent/grants.ts';
import { askedFields, registeredFields } from '../consent/policy.ts';
import { AppError } from '../errors.ts';
import { acrFor, type ResidentStore } from '../identity/residents.ts';
import { html } from '../http/html.ts';
import { formatTime } from '../i18n/time.ts';
import { page } from '../http/layout.ts';
import { pageContextOf, sendErrorPage, sendPage } from '../http/page-context.ts';
import type { LoginRequests } from '../wallet-api/login-requests.ts';
import { serviceName, type ClientStore } from './clients.ts';
import { z } from 'zod';
import { errorReplies, formFields, pageSchema } from '../http/validate.ts';

/**
 * The sign-in page oidc-provider sends the browser to: it shows the QR code (and the
 * same-device link), waits for the wallet, and finishes the interaction for the browser
 * that showed the code — never for another one (the binding cookie's hash is stored with
 * the login request).
 */
export type InteractionDeps = { provider: Provider; loginRequests: LoginRequests; clients: ClientStore; residents: ResidentStore; grants: GrantStore; secure: boolean; csrfKey: string };

const BINDING_COOKIE = 'yat_lb';
const uidPattern = /^[A-Za-z0-9_-]{10,64}$/;

export function registerInteractionRoutes(app: FastifyInstance, deps: InteractionDeps): void {
  const { provider, loginRequests, clients, residents } = deps;

  const csrfToken = (secret: string) => crypto.createHmac('sha256', deps.csrfKey).update(`abort\n${secret}`).digest('base64url');

  async function details(req: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
    const { uid } = req.params;
    if (!uidPattern.test(uid)) return undefined;
    try {
      const d = await provider.interactionDetails(req.raw, reply.raw);
      return d.uid === uid ? d : undefined;
    } catch {
      return undefined;
    }
  }

  // The binding cookie is `<uid>.<secret>.<mac>`, issued by this server for this one interaction.
  // A cookie the server did not issue (planted from a sibling subdomain) or issued for another
  // interaction is never taken: its secret would let an attacker know the binding in advance.
  const bindingMac = (uid: string, secret: string) => crypto.createHmac('sha256', deps.csrfKey).update(`login-binding\n${uid}\n${secret}`).digest('base64url');

  function bindingSecret(req: FastifyRequest, reply: FastifyReply, uid: string, create: boolean): string | undefined {
    const [cookieUid, secret, mac] = String(req.cookies[BINDING_COOKIE] ?? '').split('.');
    if (cookieUid === uid && secret && mac && /^[A-Za-z0-9_-]{43}$/.test(secret) && safeEqual(mac, bindingMac(uid, secret))) return secret;
    if (!create) return undefined;
    const fresh = crypto.randomBytes(32).toString('base64url');
    reply.setCookie(BINDING_COOKIE, `${uid}.${fresh}.${bindingMac(uid, fresh)}`, { path: `/interaction/${uid}`, httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: 3600 });
    return fresh;
  }

  const uidParam = z.object({ uid: z.string().max(100) });
  const sessionGone = (req: FastifyRequest, reply: FastifyReply) => sendErrorPage(req, reply, 400, pageContextOf(req).t('error.sessionGone'), 'session_not_found');

  app.get<{ Params: { uid: string } }>('/interaction/:uid', { schema: pageSchema('The sign-in page: a QR code for the wallet, or the same-device link', { params: uidParam }) }, async (req, reply) => {
    const d = await details(req, reply);
    if (!d) return sessionGone(req, reply);
    // Rich authorization requests (RFC 9396: CSC credential authorizations) are approved on their own page (signing/csc/).
    if (typeof d.params.authorization_details === 'string') return reply.redirect(`/interaction/${d.uid}/csc`, 303);
    const secret = bindingSecret(req, reply, d.uid, true)!;
    const clientId = String(d.params.client_id);
    const service = await clients.info(clientId);
    if (!service) return sessionGone(req, reply);
    const claimNames = claimNamesOf(d.params.claims);
    const scope = String(d.params.scope ?? 'openid');
    // The provider already refused scopes and claims outside the registration; this is the same rule, once more, before a QR code exists.
    let fields;
    try {
      fields = askedFields(registeredFields((await clients.find(clientId))!), scope, claimNames);
    } catch (err) {
      return finish(req, reply, { error: 'access_denied', error_description: (err as AppError).message });
    }
    const lr = await loginRequests.open({ interactionUid: d.uid, clientId, scope, claimNames, browserSecret: secret });
    if (lr.status === 'approved') return reply.redirect(`/interaction/${d.uid}/continue`, 303);
    const p = pageContextOf(req);
    const { t, lang } = p;
    const name = serviceName(service, lang);
    // One byte-mode segment: the link is mostly lower case, so qrcode's search for a cheaper mix of modes finds nothing and costs a graph search per page.
    const qr = await QRCode.toString([{ data: Buffer.from(lr.url), mode: 'byte' }], { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const statusText = (s: string) => ({ pending: t('login.waiting'), approved: t('login.approved', { service: name }), declined: t('login.declined'), expired: t('login.expired') })[s] ?? '';
    const time = t('time.hongKong', { time: formatTime(lang, lr.expiresAt) });
    // A browser that signed in before (a provider session) knows who it is: mark what that resident already shared, as the wallet does.
    const accountId = typeof d.session?.accountId === 'string' ? d.session.accountId : undefined;
    const alreadyShared = new Set(accountId ? ((await deps.grants.find(accountId, clientId))?.fields ?? []).map((f) => f.name) : []);
    const fieldItem = (f: (typeof fields)[number]) =>
      html`<li><span class="field-name">${f.label[lang]}</span> <span class="tag">${f.required ? t('login.required') : t('login.optional')}</span>${alreadyShared.has(f.name) ? html` <span class="muted">${t('login.alreadyShared')}</span>` : ''}</li>`;
    // On a phone the resident most likely signs in on this same device: that button comes first (the grid puts the QR code first on wide screens).
    const body = html`<h1>${t('login.title', { service: name })}</h1>
${service.department ? html`<p class="muted">${t('login.department', { department: service.departmentNames?.[lang] ?? service.department })} ${service.verified ? html`<span class="badge">${t('login.verified')}</span>` : ''}</p>` : ''}
<div class="login">
  <div class="same-device">
    <p>${t('login.sameDeviceHelp')}</p>
    <p><a class="button link" href="${lr.url}" data-wallet-link>${t('login.sameDevice')}</a></p>
  </div>
  <div class="scan">
    <h2>${t('login.scanTitle')}</h2>
    <div class="qr"><img src="data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}" alt="${t('login.qrAlt')}" width="296" height="296"></div>
    <p class="verification-code">${t('login.codeLabel')} <strong data-verification-code>${lr.code}</strong></p>
    <p class="muted">${t('login.codeHelp')}</p>
    <p class="muted">${t('login.expiresIn', { time })}</p>
  </div>
  <div class="side">
    <p>${t('login.scanHelp')}</p>
    <p role="status" aria-live="polite" class="status" data-login-status data-state="${lr.status}" data-status-url="/interaction/${d.uid}/status?wait=25" data-continue-url="/interaction/${d.uid}/continue"
       data-text-pending="${t('login.waiting')}" data-text-approved="${t('login.approved', { service: name })}" data-text-declined="${t('login.declined')}" data-text-expired="${t('login.expired')}">${statusText(lr.status)}</p>
    <p data-show-when="declined" class="${lr.status === 'declined' ? '' : 'hidden'}"><a class="button secondary" href="/interaction/${d.uid}/continue">${t('login.backToService')}</a></p>
    <p data-show-when="expired" class="${lr.status === 'expired' ? '' : 'hidden'}"><a class="button" href="/interaction/${d.uid}?lang=${lang}">${t('login.newCode')}</a></p>
    <h2>${t('login.asks', { service: name })}</h2>
    ${fields.length ? html`<ul class="fields">${fields.map(fieldItem)}</ul><p class="muted">${t('login.optionalHelp')}</p>` : html`<p>${t('login.onlySignIn')}</p>`}
    <noscript><p>${t('login.noscript')}</p><p><a class="button" href="/interaction/${d.uid}?lang=${lang}">${t('login.checkAgain')}</a></p></noscript>
  </div>
  <form class="cancel" method="post" action="/interaction/${d.uid}/abort"><input type="hidden" name="csrf" value="${csrfToken(secret)}"><button class="button secondary" type="submit">${t('login.cancel')}</button></form>
</div>`;
    // Without JavaScript the resident continues with a link rather than an automatic refresh,
    // which would re-read the page to screen-reader users every few seconds (WCAG 2.2.1).
    return sendPage(reply, page(p, { title: t('login.title', { service: name }), body, scripts: ['/assets/login.js'] }));
  });

  app.get<{ Params: { uid: string }; Querystring: { wait?: string; probe?: string } }>('/interaction/:uid/status', { schema: { tags: ['pages'], summary: "The sign-in page's long-poll: has the wallet answered? (or, with probe=1, is the wallet in this browser?)", params: uidParam, querystring: z.object({ wait: z.string().optional(), probe: z.string().optional() }).loose(), response: { 200: z.union([z.object({ status: z.string() }), z.object({ sameBrowser: z.boolean() })]), ...errorReplies(400, 403, 404, 429) } } }, async (req, reply) => {
    const secret = bindingSecret(req, reply, req.params.uid, false);
    const uid = req.params.uid;
    // The wallet asks whether it runs in the browser that shows this page (then it returns there
    // itself). On another phone that is a plain "no", not a 403 in the resident's console.
    if (req.query.probe === '1') {
      const sameBrowser = !!secret && uidPattern.test(uid) && (await loginRequests.status(uid, secret)) !== undefined;
      return reply.header('cache-control', 'no-store').send({ sameBrowser });
    }
    if (!secret || !uidPattern.test(uid)) throw new AppError('not_your_request', 403, 'This sign-in request belongs to another browser.');
    const waitMs = Math.min(Math.max(Number(req.query.wait) || 0, 0), 25) * 1000;
    const deadline = Date.now() + waitMs;
    let status = await loginRequests.status(uid, secret);
    // Long-poll: woken at once by an approval in this process; re-reads the database every
    // two seconds so an approval that reached another instance is seen too.
    while (status === 'pending' && Date.now() < deadline && !loginRequests.closing) {
      await loginRequests.waitForChange(uid, Math.min(2000, deadline - Date.now()));
      if (req.raw.destroyed) return reply;
      status = await loginRequests.status(uid, secret);
    }
    if (!status) throw new AppError('not_your_request', 403, 'This sign-in request belongs to another browser.');
    return reply.header('cache-control', 'no-store').send({ status });
  });

  app.get<{ Params: { uid: string } }>('/interaction/:uid/continue', { schema: pageSchema('Back to the service once the wallet approved (or declined)', { params: uidParam, redirects: true }) }, async (req, reply) => {
    const d = await details(req, reply);
    const secret = bindingSecret(req, reply, req.params.uid, false);
    if (!d || !secret) return sessionGone(req, reply);
    const approved = await loginRequests.approvedFor(d.uid, secret);
    if (!approved) {
      const status = await loginRequests.status(d.uid, secret);
      if (status === 'declined') return finish(req, reply, { error: 'access_denied', error_description: 'The resident declined the request in the wallet' });
      return reply.redirect(`/interaction/${d.uid}`, 303);
    }
    if (approved.clientId !== d.params.client_id) return sessionGone(req, reply);
    const resident = await residents.findById(approved.residentId);
    if (!resident) return sessionGone(req, reply);
    const grant = new provider.Grant({ accountId: resident.id, clientId: approved.clientId });
    grant.addOIDCScope(approved.scope);
    if (approved.declinedClaims.length) grant.rejectOIDCClaims(approved.declinedClaims);
    const allowedClaims = approved.requestedClaims.filter((c) => !approved.declinedClaims.includes(c));
    if (allowedClaims.length) grant.addOIDCClaims(allowedClaims);
    const grantId = await grant.save();
    // The request is used and the grant linked in one step; a second tab or a replay loses the race and its grant goes.
    if (!(await loginRequests.consume(approved.id, grantId, approved))) {
      await grant.destroy();
      return reply.redirect(`/interaction/${d.uid}`, 303);
    }
    return finish(req, reply, { login: { accountId: resident.id, acr: acrFor(resident.assurance), amr: ['hwk', 'user'], remember: false }, consent: { grantId } });
  });

  app.post<{ Params: { uid: string }; Body: { csrf?: string } }>('/interaction/:uid/abort', { schema: pageSchema('Cancel the sign-in and go back to the service', { params: uidParam, body: formFields, redirects: true }) }, async (req, reply) => {
    const d = await details(req, reply);
    const secret = bindingSecret(req, reply, req.params.uid, false);
    if (!d || !secret) return sessionGone(req, reply);
    if (!safeEqual(String(req.body?.csrf ?? ''), csrfToken(secret))) {
      return sendErrorPage(req, reply, 403, pageContextOf(req).t('error.generic'), 'csrf_failed');
    }
    return finish(req, reply, { error: 'access_denied', error_description: 'The resident cancelled the sign-in' });
  });

  async function finish(req: FastifyRequest, reply: FastifyReply, result: Record<string, unknown>) {
    reply.hijack();
    // Cookies set on the reply so far (none here) would be lost once hijacked; the provider writes the redirect itself.
    await provider.interactionFinished(req.raw, reply.raw, result, { mergeWithLastSubmission: false });
    return reply;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function claimNamesOf(claimsParam: unknown): string[] {
  if (typeof claimsParam !== 'string') return [];
  try {
    const parsed = JSON.parse(claimsParam) as { userinfo?: Record<string, unknown>; id_token?: Record<string, unknown> };
    return [...new Set([...Object.keys(parsed.userinfo ?? {}), ...Object.keys(parsed.id_token ?? {})])];
  } catch {
    return [];
  }
}
