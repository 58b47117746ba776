import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { html } from '../../../../http/html.ts';
import { pageContextOf } from '../../../../http/page-context.ts';
import { formFields, pageSchema } from '../../../../http/validate.ts';
import type { Organisations } from '../../organisations.ts';
import type { Services } from '../../services.ts';
import { pageLimit, type Frame } from '../frame.ts';
import { configFromForm, credentialsFromForm, formFromConfig, type FormBody } from './form.ts';
import { serviceFormBody } from './template.ts';

/**
 * Registering a service (it starts in the sandbox, live at once for sandbox identities; a
 * secret is shown once) and changing one (the sandbox takes the change at once; production
 * keeps the approved configuration until an operator approves the new one).
 */
const orgParams = z.object({ orgId: z.string().max(40) });
const serviceParams = z.object({ serviceId: z.string().max(40) });

export function registerServiceFormPages(app: FastifyInstance, deps: { frame: Frame; organisations: Organisations; services: Services }) {
  const { frame, organisations, services } = deps;
  const guard = { preHandler: frame.signedIn, ...pageLimit };

  app.get<{ Params: { orgId: string } }>('/console/developer/organisations/:orgId/services/new', { ...guard, schema: pageSchema('The form to register a service', { params: orgParams }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const org = await organisations.membership(frame.actor(req), req.params.orgId);
    const action = `/console/developer/organisations/${org.organisationId}/services?lang=${p.lang}`;
    return frame.send(req, reply, p.t('developer.form.newTitle'), serviceFormBody(p, await frame.csrf(req), { action, title: p.t('developer.form.newTitle'), values: {}, withCredentials: true, note: p.t('developer.form.newIntro', { org: org.name }) }));
  });

  app.post<{ Params: { orgId: string }; Body: FormBody }>('/console/developer/organisations/:orgId/services', { ...guard, schema: pageSchema('Register a service (in the sandbox)', { params: orgParams, body: formFields }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const { t, lang } = p;
    const body = req.body ?? {};
    const org = await organisations.membership(frame.actor(req), req.params.orgId);
    try {
      const made = await services.register(frame.actor(req), org.organisationId, configFromForm(body), credentialsFromForm(body));
      const page = html`<div class="done" role="status"><h1>${t('developer.registered.title')}</h1><p class="lead">${t('developer.registered.sandbox')}</p></div>
<dl><dt>${t('developer.service.sandboxClientId')}</dt><dd><code class="value" data-sandbox-client-id>${made.sandboxClientId}</code></dd></dl>
${made.secret ? html`<div class="secret"><p>${t('developer.registered.secretOnce')}</p><p><code class="value" data-client-secret>${made.secret}</code></p></div>` : ''}
<p><a class="button" href="/console/developer/services/${made.id}?lang=${lang}">${t('developer.registered.open')}</a></p>`;
      return frame.send(req, reply, t('developer.registered.title'), page, 201);
    } catch (err) {
      const { status, message } = frame.problem(p, err);
      const action = `/console/developer/organisations/${org.organisationId}/services?lang=${lang}`;
      return frame.send(req, reply, t('developer.form.newTitle'), serviceFormBody(p, await frame.csrf(req), { action, title: t('developer.form.newTitle'), values: body, withCredentials: true, error: message }), status);
    }
  });

  app.get<{ Params: { serviceId: string } }>('/console/developer/services/:serviceId/edit', { ...guard, schema: pageSchema("The form to change a service's configuration", { params: serviceParams }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const s = await services.get(frame.actor(req), req.params.serviceId);
    const action = `/console/developer/services/${s.id}/edit?lang=${p.lang}`;
    const note = s.approved ? p.t('developer.form.editProduction') : p.t('developer.form.editSandbox');
    return frame.send(req, reply, p.t('developer.form.editTitle'), serviceFormBody(p, await frame.csrf(req), { action, title: p.t('developer.form.editTitle'), values: formFromConfig(s.draft), withCredentials: false, note }));
  });

  app.post<{ Params: { serviceId: string }; Body: FormBody }>('/console/developer/services/:serviceId/edit', { ...guard, schema: pageSchema("Change a service's configuration (the sandbox at once; production after approval)", { params: serviceParams, body: formFields, redirects: true }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const body = req.body ?? {};
    try {
      const s = await services.update(frame.actor(req), req.params.serviceId, configFromForm(body));
      return reply.redirect(`/console/developer/services/${s.id}?lang=${p.lang}`, 303);
    } catch (err) {
      const { status, message } = frame.problem(p, err);
      if (status === 404) throw err;
      const action = `/console/developer/services/${req.params.serviceId}/edit?lang=${p.lang}`;
      return frame.send(req, reply, p.t('developer.form.editTitle'), serviceFormBody(p, await frame.csrf(req), { action, title: p.t('developer.form.editTitle'), values: body, withCredentials: false, error: message }), status);
    }
  });
}
