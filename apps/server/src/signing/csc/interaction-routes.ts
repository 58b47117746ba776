import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import QRCode from 'qrcode';
import { acrFor, type ResidentStore } from '../../identity/residents.ts';
import { html } from '../../http/html.ts';
import { page } from '../../http/layout.ts';
import { pageContextOf, sendErrorPage, sendPage } from '../../http/page-context.ts';
import { serviceName, type ClientStore } from '../../oidc/clients.ts';
import type { CscAuthorizations } from './authorizations.ts';
import { credentialDetail, type CredentialDetail } from './payloads.ts';
import { z } from 'zod';
import { pageSchema } from '../../http/validate.ts';

/**
 * The sign-in step of a CSC credential authorization (oidc/interactions.ts sends an
 * interaction with `authorization_details` here): the page shows the documents' digests, the
 * QR code and same-device link of a signing request for exactly those digests, and the
 * verification code; once the wallet approved, /continue turns it into the provider grant
 * (login + the details) and hands the browser back to the provider. The interaction cookie
 * (set by the provider for this browser) is what ties the page, and the grant, to the browser.
 */
export type CscInteractionDeps = { provider: Provider; clients: ClientStore; residents: ResidentStore; csc: CscAuthorizations; cscResource: string };

const uidPattern = /^[A-Za-z0-9_-]{10,64}$/;
const fingerprint = (b64: string) => Buffer.from(b64, 'base64').toString('hex').toUpperCase().match(/.{2}/g)!.join(':');
const uidParams = z.object({ uid: z.string().max(64) });

/** The credential details of an interaction's request, or undefined when it has none (or they are malformed: the provider checked them). */
export function credentialDetailsOf(params: Record<string, unknown>): CredentialDetail[] | undefined {
  if (typeof params.authorization_details !== 'string') return undefined;
  try {
    const parsed = (JSON.parse(params.authorization_details) as unknown[]).map((d) => credentialDetail.parse(d));
    return parsed.length ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function registerCscInteractionRoutes(app: FastifyInstance, deps: CscInteractionDeps): void {
  const { provider, csc } = deps;

  async function interaction(req: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
    if (!uidPattern.test(req.params.uid)) return undefined;
    try {
      const d = await provider.interactionDetails(req.raw, reply.raw);
      const details = d.uid === req.params.uid ? credentialDetailsOf(d.params) : undefined;
      return details ? { d, details } : undefined;
    } catch {
      return undefined;
    }
  }
  const gone = (req: FastifyRequest, reply: FastifyReply) => sendErrorPage(req, reply, 400, pageContextOf(req).t('error.sessionGone'), 'session_not_found');

  app.get<{ Params: { uid: string } }>('/interaction/:uid/csc', { schema: pageSchema('CSC credential authorization: the resident approves in the wallet', { params: uidParams }) }, async (req, reply) => {
    const found = await interaction(req, reply);
    if (!found) return gone(req, reply);
    const clientId = String(found.d.params.client_id);
    const service = await deps.clients.info(clientId);
    if (!service) return gone(req, reply);
    const request = await csc.open({ interactionUid: found.d.uid, clientId, details: found.details });
    const p = pageContextOf(req);
    const { t, lang } = p;
    const name = serviceName(service, lang);
    const qr = await QRCode.toString(request.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const docs = found.details.flatMap((d) => d.documentDigests.map((g, i) => ({ name: g.label ?? `Document ${i + 1}`, hash: g.hash })));
    const state = await csc.state(found.d.uid);
    const body = html`<h1>${t('signing.csc.title', { service: name })}</h1>
<p>${t('signing.csc.intro', { service: name })}</p>
<h2>${t('signing.csc.documents')}</h2>
<ul class="fields">${docs.map((doc) => html`<li><span class="field-name">${doc.name}</span><br><span class="muted">${t('signing.csc.fingerprint')}: <code>${fingerprint(doc.hash)}</code></span></li>`)}</ul>
<div class="login">
  <div class="same-device"><p><a class="button link" href="${request.url}" data-wallet-link>${t('signing.csc.sameDevice')}</a></p></div>
  <div class="scan">
    <h2>${t('signing.csc.scan')}</h2>
    <div class="qr"><img src="data:image/svg+xml;base64,${Buffer.from(qr).toString('base64')}" alt="${t('signing.csc.qrAlt')}" width="296" height="296"></div>
    <p class="verification-code">${t('signing.csc.codeLabel')} <strong data-verification-code>${request.verification_code}</strong></p>
    <p class="muted">${t('signing.csc.codeHelp')}</p>
  </div>
  <div class="side">
    <p role="status" class="status">${state?.status === 'expired' ? t('signing.csc.expired') : t('signing.csc.pending')}</p>
    <p><a class="button" href="/interaction/${found.d.uid}/csc/continue?lang=${lang}">${t('signing.csc.continue')}</a></p>
  </div>
</div>`;
    return sendPage(reply, page(p, { title: t('signing.csc.title', { service: name }), body }));
  });

  app.get<{ Params: { uid: string } }>('/interaction/:uid/csc/continue', { schema: pageSchema('CSC credential authorization: continue to the signing application once approved', { params: uidParams, redirects: true }) }, async (req, reply) => {
    const found = await interaction(req, reply);
    if (!found) return gone(req, reply);
    const state = await csc.state(found.d.uid);
    if (state?.status === 'declined') return finish(req, reply, { error: 'access_denied', error_description: 'The resident declined the signing request in the wallet' });
    if (state?.status !== 'authorized' || !state.residentId) return reply.redirect(`/interaction/${found.d.uid}/csc`, 303);
    const resident = await deps.residents.findById(state.residentId);
    if (!resident) return gone(req, reply);
    const grant = new provider.Grant({ accountId: resident.id, clientId: String(found.d.params.client_id) });
    const scopes = String(found.d.params.scope ?? '').split(' ').filter(Boolean);
    if (scopes.includes('openid')) grant.addOIDCScope('openid');
    // `credential` is both a scope clients register for and the CSC API's resource scope.
    grant.addOIDCScope('credential');
    grant.addResourceScope(deps.cscResource, 'credential');
    for (const detail of found.details) grant.addRar(detail);
    const grantId = await grant.save();
    if (!(await csc.linkGrant(state.id, grantId))) {
      await grant.destroy();
      return gone(req, reply);
    }
    return finish(req, reply, { login: { accountId: resident.id, acr: acrFor(resident.assurance), amr: ['hwk', 'user'], remember: false }, consent: { grantId } });
  });

  async function finish(req: FastifyRequest, reply: FastifyReply, result: Record<string, unknown>) {
    reply.hijack();
    await provider.interactionFinished(req.raw, reply.raw, result, { mergeWithLastSubmission: false });
    return reply;
  }
}
