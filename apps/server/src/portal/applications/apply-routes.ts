import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../../crypto/field-crypto.ts';
import { badRequest, notFound } from '../../errors.ts';
import { html } from '../../http/html.ts';
import { page, type PageContext } from '../../http/layout.ts';
import { pageContextOf, sendErrorPage, sendPage } from '../../http/page-context.ts';
import { requireSession } from '../account/routes.ts';
import { csrfTokenFor, csrfValid, type PortalSession } from '../account/sessions.ts';
import type { ApplicationStore } from './application-store.ts';
import type { FileStore } from './file-store.ts';
import { formBySlug } from './forms/index.ts';
import { formBody } from './forms/render.ts';
import { allFields, type Answers, type FormDefinition } from './forms/schema.ts';
import { cleanAnswers, inSentence, prefillValue, validateAnswers, type FieldError } from './forms/validate.ts';
import { readMultipartForm } from './upload.ts';
import type { Webhooks } from './webhooks.ts';
import { z } from 'zod';
import { formFields, pageSchema } from '../../http/validate.ts';

const slug = z.object({ slug: z.string().max(100) });

/**
 * A hosted e-form: shown pre-filled (from the draft, else from the e-ME claims the resident
 * shared at sign-in), saved as a draft, or submitted — checked on the server, re-shown with
 * messages when wrong, and turned into an application with a reference when right.
 */
export type ApplyDeps = { apps: ApplicationStore; files: FileStore; webhooks: Webhooks; csrfKey: string };

export const formAssets = { head: '/portal-assets/forms.css', script: '/portal-assets/forms.js' };
const submitLimit = { max: 30, timeWindow: '1 minute' };

export function registerApplyRoutes(app: FastifyInstance, deps: ApplyDeps): void {
  const { apps, files } = deps;

  const formOf = (slug: string): FormDefinition => {
    const form = formBySlug(slug);
    if (!form) throw notFound('not_found', 'There is no online form for this service.');
    return form;
  };

  app.get<{ Params: { slug: string }; Querystring: { saved?: string } }>('/apply/:slug', { schema: pageSchema('A hosted e-form, filled from the resident\'s profile where they agree', { params: slug }) }, async (req, reply) => {
    const form = formOf(req.params.slug);
    const session = requireSession(req, reply);
    if (!session) return reply;
    const draft = await apps.draft(session.owner, form.slug);
    const prefilled = new Set<string>();
    const values: Answers = draft ?? {};
    if (!draft) {
      for (const f of allFields(form)) {
        const v = prefillValue(f, session.claims);
        if (v === undefined) continue;
        values[f.name] = v;
        prefilled.add(f.name);
      }
    }
    return show(req, reply, session, form, { values, prefilled, errors: [], formToken: randomToken(), saved: req.query.saved === '1', declared: false });
  });

  app.post<{ Params: { slug: string } }>('/apply/:slug', { config: { rateLimit: submitLimit }, schema: pageSchema('Save or submit an e-form (with its uploads)', { params: slug, body: formFields, redirects: true }) }, async (req, reply) => {
    const form = formOf(req.params.slug);
    const session = requireSession(req, reply);
    if (!session) return reply;
    if (!req.isMultipart()) throw badRequest('invalid_request', 'The form must be sent as multipart/form-data.');
    const p = pageContextOf(req);
    const labels = new Map(allFields(form).filter((f) => f.type === 'file').map((f) => [f.name, inSentence(f.label[p.lang], p.lang)]));
    const parsed = await readMultipartForm(req, p.t, (name) => labels.get(name));
    if (!csrfValid(deps.csrfKey, session.token, parsed.fields.csrf)) return sendErrorPage(req, reply, 403, p.t('applications.errors.csrf'), 'csrf_failed');
    // Good files are kept with the draft even when other answers are wrong: no second upload.
    for (const f of parsed.files) await files.saveDraftFile(session.owner, form.slug, f.field, f);
    const formToken = typeof parsed.fields.form_token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(parsed.fields.form_token) ? parsed.fields.form_token : randomToken();

    if (parsed.fields.action === 'save') {
      await apps.saveDraft(session.owner, form.slug, cleanAnswers(form, parsed.fields));
      return reply.redirect(`/apply/${form.slug}?saved=1&lang=${p.lang}`, 303);
    }
    const present = new Set((await files.draftFiles(session.owner, form.slug)).map((f) => f.field));
    const { answers, errors } = validateAnswers({ form, raw: parsed.fields, filesPresent: present, fileErrors: parsed.fileErrors, t: p.t, lang: p.lang });
    const declared = parsed.fields.declaration === 'yes';
    if (!declared) errors.push({ field: 'declaration', message: p.t('applications.validation.declaration') });
    if (errors.length) {
      await apps.saveDraft(session.owner, form.slug, cleanAnswers(form, parsed.fields));
      return show(req, reply, session, form, { values: cleanAnswers(form, parsed.fields), prefilled: new Set(), errors, formToken, saved: false, declared }, 400);
    }
    const webhookUrl = await deps.webhooks.urlFor(form.department.code);
    const { application, created } = await apps.submit({ owner: session.owner, form, answers, formToken, webhook: webhookUrl ? { url: webhookUrl } : undefined });
    if (created && webhookUrl) deps.webhooks.kick();
    return reply.redirect(`/applications/${application.reference}?submitted=1&lang=${p.lang}`, 303);
  });

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    session: PortalSession,
    form: FormDefinition,
    v: { values: Answers; prefilled: Set<string>; errors: FieldError[]; formToken: string; saved: boolean; declared: boolean },
    status = 200,
  ) {
    const p: PageContext = pageContextOf(req);
    const draftFiles = await files.draftFiles(session.owner, form.slug);
    const body = formBody(p, { form, ...v, files: draftFiles, csrf: csrfTokenFor(deps.csrfKey, session.token) });
    const title = v.errors.length ? p.t('applications.form.errorTitlePrefix', { title: form.title[p.lang] }) : form.title[p.lang];
    return sendPage(reply, page(p, { title, body, scripts: [formAssets.script], head: stylesheet() }), status);
  }
}

export const stylesheet = () => html`<link rel="stylesheet" href="${formAssets.head}">`;
