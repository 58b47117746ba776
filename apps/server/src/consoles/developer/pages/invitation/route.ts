import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { html } from '../../../../http/html.ts';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields, pageSchema } from '../../../../http/validate.ts';
import type { Organisations } from '../../organisations.ts';
import { backHome, pageLimit, type Frame } from '../frame.ts';

/**
 * `/console/developer/invitations/:token`: the invitee, signed in (the guard sends them to
 * sign in and back here), sees which organisation invites them and accepts.
 */
const params = z.object({ token: z.string().max(60) });

export function registerInvitationPage(app: FastifyInstance, deps: { frame: Frame; organisations: Organisations }) {
  const { frame, organisations } = deps;
  const guard = { preHandler: frame.signedIn, ...pageLimit };

  app.get<{ Params: { token: string } }>('/console/developer/invitations/:token', { ...guard, schema: pageSchema('An invitation to join an organisation', { params }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const { t, lang } = p;
    let body;
    try {
      const inv = await organisations.invitation(req.params.token);
      body = html`<h1>${t('developer.invitation.title')}</h1>
<p class="lead">${t('developer.invitation.intro', { org: inv.organisationName, role: t(`developer.roles.${inv.role}`) })}</p>
<form method="post" action="/console/developer/invitations/${req.params.token}?lang=${lang}"><input type="hidden" name="csrf" value="${await frame.csrf(req)}"><button type="submit">${t('developer.invitation.accept')}</button></form>`;
    } catch (err) {
      const { status, message } = frame.problem(p, err);
      return frame.send(req, reply, t('developer.invitation.title'), html`${backHome(p)}<h1>${t('developer.invitation.title')}</h1><p class="lead">${message}</p>`, status);
    }
    return frame.send(req, reply, t('developer.invitation.title'), body);
  });

  app.post<{ Params: { token: string } }>('/console/developer/invitations/:token', { ...guard, schema: pageSchema('Accept an invitation (the invitee, signed in)', { params, body: formFields, redirects: true }) }, async (req, reply) => {
    const p = pageContextOf(req);
    try {
      const orgId = await organisations.accept(frame.residentId(req), req.params.token);
      return reply.redirect(`/console/developer/organisations/${orgId}?lang=${p.lang}`, 303);
    } catch (err) {
      const { status, message } = frame.problem(p, err);
      return frame.send(req, reply, p.t('developer.invitation.title'), html`${backHome(p)}<h1>${p.t('developer.invitation.title')}</h1><p class="lead">${message}</p>`, status);
    }
  });
}
