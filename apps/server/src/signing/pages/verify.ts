import crypto from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { html, type Html } from '../../http/html.ts';
import { page, type PageContext } from '../../http/layout.ts';
import { pageContextOf, sendPage } from '../../http/page-context.ts';
import { errorReplies, formFields, pageSchema } from '../../http/validate.ts';
import { verificationReply } from '../schemas.ts';
import { MAX_PDF_BYTES } from '../pades.ts';
import type { Verification, Verifier } from '../verify.ts';

/**
 * Public verification, no sign-in: the /verify page (a multipart form that works without
 * JavaScript) and POST /api/verify (JSON, base64). The form carries a double-submit token
 * (a random cookie and its HMAC in the form), as every form on the platform does; nothing
 * uploaded is stored.
 */
const CSRF_COOKIE = 'yat_verify';
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64').max(Math.ceil((MAX_PDF_BYTES * 4) / 3) + 4);
const apiBody = z.union([
  z.object({ pdf: b64 }).strict(),
  z.object({ signature: b64, document: b64 }).strict(),
  z.object({ signature: b64, sha256: b64.refine((v) => Buffer.from(v, 'base64').length === 32, 'must be a SHA-256 digest, base64') }).strict(),
]);

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';

export function registerVerifyPages(app: FastifyInstance, deps: { verifier: Verifier; csrfKey: string; secure: boolean }): void {
  const { verifier } = deps;
  const tokenFor = (cookie: string) => crypto.createHmac('sha256', deps.csrfKey).update(`verify-form\n${cookie}`).digest('base64url');

  function formToken(req: FastifyRequest, reply: FastifyReply): string {
    let cookie = req.cookies[CSRF_COOKIE];
    if (!cookie || !/^[A-Za-z0-9_-]{22,64}$/.test(cookie)) {
      cookie = crypto.randomBytes(18).toString('base64url');
      reply.setCookie(CSRF_COOKIE, cookie, { path: '/verify', httpOnly: true, sameSite: 'strict', secure: deps.secure });
    }
    return tokenFor(cookie);
  }

  app.get('/verify', { schema: pageSchema('Check a signed document: a PDF, or a signature with its document (no sign-in)') }, async (req, reply) => {
    const p = pageContextOf(req);
    return sendPage(reply, page(p, { title: p.t('signing.verify.title'), body: verifyBody(p, { csrf: formToken(req, reply) }) }));
  });

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: MAX_PDF_BYTES, files: 2, fields: 4, parts: 6 } });

    scope.post('/verify', { schema: pageSchema('The check, from the form (multipart: the files and the form token)', { body: formFields }), config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req, reply) => {
      const p = pageContextOf(req);
      const show = (status: number, opts: { error?: string; result?: Verification }) =>
        sendPage(reply, page(p, { title: p.t('signing.verify.title'), body: verifyBody(p, { csrf: formToken(req, reply), ...opts }) }), status);
      if (!req.isMultipart()) return show(415, { error: p.t('signing.verify.missingFile') });
      const files: Record<string, Buffer> = {};
      const fields: Record<string, string> = {};
      let truncated = false;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const body = await part.toBuffer();
            if (part.file.truncated) truncated = true;
            if (body.length) files[part.fieldname] = body;
          } else fields[part.fieldname] = String(part.value);
        }
      } catch (err) {
        // A body that is not the multipart it claims to be (no boundary, cut short) is the sender's fault.
        req.log.info({ err: (err as Error).message }, 'verify form: unreadable multipart body');
        return show(400, { error: p.t('signing.verify.missingFile') });
      }
      const cookie = req.cookies[CSRF_COOKIE];
      if (!cookie || fields.csrf !== tokenFor(cookie)) return show(403, { error: p.t('signing.verify.formExpired') });
      if (truncated) return show(413, { error: p.t('signing.verify.tooLarge') });
      const signature = files.signature;
      if (!signature) return show(400, { error: p.t('signing.verify.missingFile') });
      if (isPdf(signature)) return show(200, { result: await verifier.verifyPdf(signature) });
      if (!files.document) return show(400, { error: p.t('signing.verify.missingDocument') });
      return show(200, { result: await verifier.verifyDocument(signature, files.document) });
    });
  });

  app.post<{ Body: z.infer<typeof apiBody> }>('/api/verify', { bodyLimit: MAX_PDF_BYTES * 2, schema: { tags: ['signing'], summary: 'Check a signature: {pdf}, {signature, document} or {signature, sha256}, each base64', body: apiBody, response: { 200: verificationReply, ...errorReplies(400, 413, 415, 429) } }, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (req, reply) => {
    const body = req.body;
    const result =
      'pdf' in body
        ? await verifier.verifyPdf(Buffer.from(body.pdf, 'base64'))
        : 'document' in body
          ? await verifier.verifyDocument(Buffer.from(body.signature, 'base64'), Buffer.from(body.document, 'base64'))
          : await verifier.verifyCms(Buffer.from(body.signature, 'base64'), Buffer.from(body.sha256, 'base64'));
    return reply.header('cache-control', 'no-store').send(result);
  });
}

function verifyBody(p: PageContext, opts: { csrf: string; error?: string; result?: Verification }): Html {
  const { t } = p;
  return html`<h1>${t('signing.verify.title')}</h1>
<p class="lead">${t('signing.verify.intro')}</p>
${opts.result ? resultPanel(p, opts.result) : ''}
${opts.error ? html`<div class="status" data-state="declined" role="alert"><p>${opts.error}</p></div>` : ''}
<form method="post" action="/verify?lang=${p.lang}" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="${opts.csrf}">
  <p><label for="signature">${t('signing.verify.signatureLabel')}</label><br>
  <span class="muted" id="signature-hint">${t('signing.verify.signatureHint')}</span><br>
  <input type="file" id="signature" name="signature" accept=".pdf,.p7s,.p7m,application/pdf,application/pkcs7-signature" aria-describedby="signature-hint"></p>
  <p><label for="document">${t('signing.verify.documentLabel')}</label><br>
  <input type="file" id="document" name="document"></p>
  <p><button type="submit" class="button">${t('signing.verify.submit')}</button></p>
</form>`;
}

function resultPanel(p: PageContext, r: Verification): Html {
  const { t } = p;
  const when = (iso: string) => new Date(iso).toLocaleString(p.lang, { timeZone: 'Asia/Hong_Kong', dateStyle: 'long', timeStyle: 'long' });
  const row = (label: string, value: string | Html) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const cert = r.certificate;
  return html`<section aria-labelledby="result-heading">
<h2 id="result-heading">${t('signing.verify.resultHeading')}</h2>
<div class="status" data-state="${r.valid ? 'approved' : 'declined'}" role="status" data-verify-result="${r.valid ? 'valid' : 'invalid'}">
  <p><strong>${r.valid ? t('signing.verify.valid') : t('signing.verify.invalid')}</strong>${r.problem ? html` ${t(`signing.verify.problem_${r.problem}`)}` : ''}</p>
</div>
${r.signer
  ? html`<table>
  ${row(t('signing.verify.signer'), r.signer.name)}
  ${row(t('signing.verify.serial'), r.signer.serial)}
  ${cert ? row(t('signing.verify.certificateStatus'), html`<span data-certificate-status="${cert.status}">${cert.status === 'revoked' ? t('signing.verify.status_revoked', { date: when(cert.revokedAt!) }) : t(`signing.verify.status_${cert.status}`)}</span>`) : ''}
  ${r.signingTime ? row(t('signing.verify.signingTime'), when(r.signingTime)) : ''}
  ${r.timestamp ? row(t('signing.verify.timestamp'), r.timestamp.valid ? when(r.timestamp.time) : t('signing.verify.timestampInvalid', { time: r.timestamp.time ? when(r.timestamp.time) : '—' })) : ''}
  ${r.format ? row(t('signing.verify.format'), t(`signing.verify.format_${r.format}`)) : ''}
</table>`
  : ''}
</section>`;
}
