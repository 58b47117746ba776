import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleAuth } from '../consoles/auth.ts';
import { consolePage, errorSummary } from '../consoles/layout.ts';
import { AppError } from '../errors.ts';
import { html, type Html } from '../http/html.ts';
import type { PageContext } from '../http/layout.ts';
import { pageContextOf, sendPage } from '../http/page-context.ts';
import type { CounterCases } from './cases.ts';
import { documentTypes, type DocumentType, type RecordView } from './protocol.ts';
import { formFields, pageSchema } from '../http/validate.ts';

/**
 * The counter console (`/console/counter`), tablet-sized, trilingual, plain forms (no script):
 *   upgrade:  code (typed, or read by the counter's hand-held scanner, which types it) → the
 *             registry record → document type and number, "checked in person" → confirmed;
 *   recovery: identity number on the document → the record → document → a one-time code.
 * Every step is a staff action with its own audit event (counter/cases.ts).
 */
type Body = Record<string, string | undefined>;
const limit = { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } };

export function registerCounterPages(app: FastifyInstance, deps: { cases: CounterCases; consoles: ConsoleAuth }) {
  const { cases, consoles } = deps;
  const guard = { preHandler: consoles.requireStaff('counter'), ...limit };

  async function send(req: FastifyRequest, reply: FastifyReply, title: string, body: Html, status = 200) {
    const p = pageContextOf(req);
    // A form's answer is not a page to reload: the language switch goes back to the console's start.
    if (req.method === 'POST') p.path = '/console/counter';
    return sendPage(reply, consolePage(p, { title, body, staff: await consoles.staffBar(req) }), status);
  }

  const csrfOf = async (req: FastifyRequest) => (await consoles.staffBar(req))!.csrf;
  const problem = (p: PageContext, err: unknown) => {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const key = `counter.errors.${err.code}`;
    const text = p.t(key);
    return text === key ? err.message : text;
  };

  app.get('/console/counter', { ...guard, schema: pageSchema('The counter console (counter staff)') }, async (req, reply) => {
    const p = pageContextOf(req);
    return send(req, reply, p.t('counter.title'), home(p, await csrfOf(req), {}));
  });

  app.post<{ Body: Body }>('/console/counter/upgrade/lookup', { ...guard, schema: pageSchema("Find a resident's upgrade by the code their wallet shows", { body: formFields }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const csrf = await csrfOf(req);
    const code = (req.body.code ?? '').trim();
    try {
      const found = await cases.viewUpgrade(req.staffMember!, code);
      return send(req, reply, p.t('counter.checkTitle'), upgradeCheck(p, csrf, code, found.record, found.expiresAt, {}));
    } catch (err) {
      return send(req, reply, p.t('counter.title'), home(p, csrf, { upgradeError: problem(p, err), code }), 400);
    }
  });

  app.post<{ Body: Body }>('/console/counter/upgrade/confirm', { ...guard, schema: pageSchema('Confirm the identity document was checked (the plus level)', { body: formFields }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const csrf = await csrfOf(req);
    const code = (req.body.code ?? '').trim();
    const doc = documentOf(req.body);
    try {
      if (!doc) throw new AppError('invalid_request', 400, 'invalid request');
      if (req.body.checked !== 'yes') throw new AppError('must_check', 400, p.t('counter.mustCheck'));
      const confirmed = await cases.confirmUpgrade(req.staffMember!, code, doc);
      const body = html`<div class="done" role="status"><h1>${p.t('counter.upgradeConfirmedTitle')}</h1>
<p class="lead">${p.t('counter.upgradeConfirmed', { time: timeOf(p, confirmed.expiresAt) })}</p></div>
<p><a class="button" href="/console/counter?lang=${p.lang}">${p.t('counter.next')}</a></p>`;
      return send(req, reply, p.t('counter.upgradeConfirmedTitle'), body);
    } catch (err) {
      const message = problem(p, err);
      // Back to the same record when the code is still good; otherwise to the start.
      try {
        const found = await cases.viewUpgrade(req.staffMember!, code);
        return send(req, reply, p.t('counter.checkTitle'), upgradeCheck(p, csrf, code, found.record, found.expiresAt, { error: message, doc: req.body }), 400);
      } catch {
        return send(req, reply, p.t('counter.title'), home(p, csrf, { upgradeError: message, code }), 400);
      }
    }
  });

  app.post<{ Body: Body }>('/console/counter/recovery/lookup', { ...guard, schema: pageSchema('Find the identity to recover from the document presented', { body: formFields }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const csrf = await csrfOf(req);
    const idNumber = (req.body.idNumber ?? '').trim();
    try {
      const found = await cases.findForRecovery(req.staffMember!, idNumber);
      return send(req, reply, p.t('counter.checkTitle'), recoveryCheck(p, csrf, found.residentId, found.record, found.devices, {}));
    } catch (err) {
      return send(req, reply, p.t('counter.title'), home(p, csrf, { recoveryError: problem(p, err), idNumber }), 400);
    }
  });

  app.post<{ Body: Body }>('/console/counter/recovery/issue', { ...guard, schema: pageSchema('Issue a one-time recovery code for a new phone', { body: formFields }) }, async (req, reply) => {
    const p = pageContextOf(req);
    const csrf = await csrfOf(req);
    const residentId = req.body.residentId ?? '';
    const doc = documentOf(req.body);
    try {
      if (!doc || !/^[0-9a-f-]{36}$/.test(residentId)) throw new AppError('invalid_request', 400, 'invalid request');
      if (req.body.checked !== 'yes') throw new AppError('must_check', 400, p.t('counter.mustCheck'));
      const issued = await cases.issueRecovery(req.staffMember!, residentId, doc);
      const body = html`<h1>${p.t('counter.recoveryIssuedTitle')}</h1>
<p class="issued-code" data-recovery-code>${issued.code}</p>
<p class="lead">${p.t('counter.recoveryIssued', { time: timeOf(p, issued.expiresAt) })}</p>
<p class="muted no-print">${p.t('counter.print')}</p>
<p class="no-print"><a class="button" href="/console/counter?lang=${p.lang}">${p.t('counter.next')}</a></p>`;
      return send(req, reply, p.t('counter.recoveryIssuedTitle'), body);
    } catch (err) {
      return send(req, reply, p.t('counter.title'), home(p, csrf, { recoveryError: problem(p, err) }), 400);
    }
  });
}

function documentOf(body: Body): { documentType: DocumentType; documentNumber: string } | undefined {
  const type = body.documentType;
  const number = (body.documentNumber ?? '').trim();
  if (!type || !(documentTypes as readonly string[]).includes(type) || !number || number.length > 40) return undefined;
  return { documentType: type as DocumentType, documentNumber: number };
}

const timeOf = (p: PageContext, at: number) => new Intl.DateTimeFormat(p.lang, { timeStyle: 'short', timeZone: 'Asia/Hong_Kong' }).format(new Date(at));

function home(p: PageContext, csrf: string, s: { upgradeError?: string; recoveryError?: string; code?: string; idNumber?: string }): Html {
  const { t } = p;
  return html`<h1>${t('counter.title')}</h1>
<div class="tasks-2">
<section aria-labelledby="upgrade-h">
  <h2 id="upgrade-h">${t('counter.upgradeTitle')}</h2>
  ${errorSummary(t('counter.errorTitle'), s.upgradeError)}
  <p>${t('counter.upgradeIntro')}</p>
  <form method="post" action="/console/counter/upgrade/lookup?lang=${p.lang}">
    <input type="hidden" name="csrf" value="${csrf}">
    <div class="field"><label for="code">${t('counter.codeLabel')}</label><span class="hint" id="code-hint">${t('counter.codeHint')}</span>
    <input type="text" class="code" id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="12" required aria-describedby="code-hint" value="${s.code ?? ''}" ${s.upgradeError ? html`aria-invalid="true"` : ''}></div>
    <button type="submit" class="button">${t('counter.find')}</button>
  </form>
</section>
<section aria-labelledby="recovery-h">
  <h2 id="recovery-h">${t('counter.recoveryTitle')}</h2>
  ${errorSummary(t('counter.errorTitle'), s.recoveryError)}
  <p>${t('counter.recoveryIntro')}</p>
  <form method="post" action="/console/counter/recovery/lookup?lang=${p.lang}">
    <input type="hidden" name="csrf" value="${csrf}">
    <div class="field"><label for="idNumber">${t('counter.idNumberLabel')}</label><span class="hint" id="id-hint">${t('counter.idNumberHint')}</span>
    <input type="text" id="idNumber" name="idNumber" autocomplete="off" spellcheck="false" maxlength="20" required aria-describedby="id-hint" value="${s.idNumber ?? ''}" ${s.recoveryError ? html`aria-invalid="true"` : ''}></div>
    <button type="submit" class="button">${t('counter.find')}</button>
  </form>
</section>
</div>`;
}

function record(p: PageContext, r: RecordView, extra: Html | '' = ''): Html {
  const { t } = p;
  const gender = t(`counter.genders.${r.gender}`);
  return html`<section class="record" aria-labelledby="record-h">
  <div class="photo" role="img" aria-label="${t('counter.photo')}">${t('counter.photo')}</div>
  <div><h2 id="record-h">${t('counter.recordTitle')}</h2>
  <dl>
    <dt>${t('counter.nameEn')}</dt><dd lang="en">${r.nameEn}</dd>
    <dt>${t('counter.nameZh')}</dt>${r.nameZh ? html`<dd lang="zh-Hant">${r.nameZh}</dd>` : html`<dd>${t('counter.none')}</dd>`}
    <dt>${t('counter.dob')}</dt><dd>${r.dob}</dd>
    <dt>${t('counter.gender')}</dt><dd>${gender}</dd>
    <dt>${t('counter.idNumber')}</dt><dd data-masked-id>${r.idNumberMasked}</dd>
    ${extra}
  </dl></div>
</section>`;
}

function documentFields(p: PageContext, doc: Body | undefined): Html {
  const { t } = p;
  const chosen = doc?.documentType ?? 'hkid';
  return html`<div class="field"><label for="documentType">${t('counter.documentType')}</label>
  <select id="documentType" name="documentType">${documentTypes.map((d) => html`<option value="${d}" ${d === chosen ? 'selected' : ''}>${t(`counter.documentTypes.${d}`)}</option>`)}</select></div>
<div class="field"><label for="documentNumber">${t('counter.documentNumber')}</label><span class="hint" id="doc-hint">${t('counter.documentNumberHint')}</span>
  <input type="text" id="documentNumber" name="documentNumber" autocomplete="off" spellcheck="false" maxlength="40" required aria-describedby="doc-hint"></div>
<div class="field"><label class="checkbox" for="checked"><input type="checkbox" id="checked" name="checked" value="yes" required> ${t('counter.checked')}</label></div>`;
}

function upgradeCheck(p: PageContext, csrf: string, code: string, r: RecordView, expiresAt: number, s: { error?: string; doc?: Body }): Html {
  const { t } = p;
  return html`<h1>${t('counter.checkTitle')}</h1>
${errorSummary(t('counter.errorTitle'), s.error)}
<p class="lead">${t('counter.checkIntro')}</p>
${record(p, r)}
<form method="post" action="/console/counter/upgrade/confirm?lang=${p.lang}">
  <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="code" value="${code}">
  ${documentFields(p, s.doc)}
  <p class="muted">${t('counter.expiresAt', { time: timeOf(p, expiresAt) })}</p>
  <button type="submit" class="button">${t('counter.confirmUpgrade')}</button>
</form>`;
}

function recoveryCheck(p: PageContext, csrf: string, residentId: string, r: RecordView, devices: number, s: { error?: string; doc?: Body }): Html {
  const { t } = p;
  return html`<h1>${t('counter.checkTitle')}</h1>
${errorSummary(t('counter.errorTitle'), s.error)}
<p class="lead">${t('counter.checkIntro')}</p>
${record(p, r, html`<dt>${t('counter.devices')}</dt><dd>${devices}</dd>`)}
<form method="post" action="/console/counter/recovery/issue?lang=${p.lang}">
  <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="residentId" value="${residentId}">
  ${documentFields(p, s.doc)}
  <button type="submit" class="button">${t('counter.issueRecovery')}</button>
</form>`;
}
