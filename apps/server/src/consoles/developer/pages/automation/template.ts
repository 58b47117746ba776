import { errorSummary } from '../../../layout.ts';
import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import type { AutomationClient } from '../../automation.ts';
import type { Membership } from '../../organisations.ts';

export type AutomationPage = {
  org: Membership;
  clients: AutomationClient[];
  issuer: string;
  made?: { clientId: string; name: string; secret?: string };
  deleted?: string;
  error?: string;
  form?: Record<string, string | undefined>;
};

/** The organisation's automation clients, how to use one, and (owners) the form to make one. */
export function automationBody(p: PageContext, csrf: string, v: AutomationPage): Html {
  const { t, lang } = p;
  const base = `/console/developer/organisations/${v.org.organisationId}`;
  return html`<p><a href="${base}?lang=${lang}">${v.org.name}</a></p><h1>${t('developer.automation.title')}</h1>
<p class="lead">${t('developer.automation.intro')}</p>
${v.made ? made(p, v, v.made) : ''}
${v.deleted ? html`<div class="done" role="status"><p>${t('developer.automation.deleted', { clientId: v.deleted })}</p></div>` : ''}
${errorSummary(t('developer.problem'), v.error)}
${v.clients.length ? clientsTable(p, csrf, base, v) : html`<p>${t('developer.automation.none')}</p>`}
${v.org.role === 'owner' ? createForm(p, csrf, base, v) : html`<p class="muted">${t('developer.automation.ownersCreate')}</p>`}
<h2>${t('developer.automation.usage')}</h2>
<p>${t('developer.automation.usageIntro')}</p>
<pre><code>${curl(v, v.made?.clientId ?? 'CLIENT_ID')}</code></pre>`;
}

function made(p: PageContext, v: AutomationPage, m: NonNullable<AutomationPage['made']>): Html {
  const { t } = p;
  return html`<div class="secret" role="status"><p>${t('developer.automation.made', { name: m.name })}</p>
<p>${t('developer.automation.clientId')}: <code class="value" data-automation-client-id>${m.clientId}</code></p>
${m.secret ? html`<p>${t('developer.automation.secretOnce')}</p><p><code class="value" data-automation-secret>${m.secret}</code></p>` : ''}</div>`;
}

function clientsTable(p: PageContext, csrf: string, base: string, v: AutomationPage): Html {
  const { t, lang } = p;
  const owner = v.org.role === 'owner';
  return html`<table><thead><tr><th scope="col">${t('developer.automation.name')}</th><th scope="col">${t('developer.automation.clientId')}</th><th scope="col">${t('developer.automation.method')}</th>${owner ? html`<th scope="col">${t('developer.automation.delete')}</th>` : ''}</tr></thead>
<tbody>${v.clients.map((c) => html`<tr><td>${c.name}</td><td><code class="value">${c.clientId}</code></td><td>${t(`developer.automation.methods.${c.method}`)}</td>${owner
  ? html`<td><form method="post" action="${base}/automation/${c.clientId}/delete?lang=${lang}"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="button secondary" aria-label="${t('developer.automation.deleteLabel', { name: c.name })}">${t('developer.automation.delete')}</button></form></td>`
  : ''}</tr>`)}</tbody></table>`;
}

function createForm(p: PageContext, csrf: string, base: string, v: AutomationPage): Html {
  const { t, lang } = p;
  const f = v.form ?? {};
  const auth = f.auth === 'secret' ? 'secret' : 'jwks';
  return html`<form method="post" action="${base}/automation?lang=${lang}">
<input type="hidden" name="csrf" value="${csrf}">
<fieldset><legend>${t('developer.automation.create')}</legend>
<div class="field"><label for="auto-name">${t('developer.automation.name')}</label><span class="hint" id="auto-name-hint">${t('developer.automation.nameHint')}</span><input type="text" id="auto-name" name="name" maxlength="100" required aria-describedby="auto-name-hint" value="${f.name ?? ''}"></div>
<fieldset><legend>${t('developer.form.credentials')}</legend>
${(['jwks', 'secret'] as const).map((a) => html`<label class="checkbox"><input type="radio" name="auth" value="${a}" ${auth === a ? html`checked` : ''}> ${t(`developer.form.auth.${a}`)}</label>`)}
<div class="field"><label for="auto-jwks">${t('developer.form.jwks')}</label><textarea id="auto-jwks" name="jwks">${f.jwks ?? ''}</textarea></div>
</fieldset>
<button type="submit">${t('developer.automation.createButton')}</button></fieldset>
</form>`;
}

/** The two calls an automation makes: a token (client credentials), then the API with it. */
const curl = (v: AutomationPage, clientId: string): string =>
  `curl -s -u ${clientId}:CLIENT_SECRET -d grant_type=client_credentials -d scope=console:org ${v.issuer}/oidc/token\ncurl -s -H "Authorization: Bearer ACCESS_TOKEN" ${v.issuer}/api/developer/organisations/${v.org.organisationId}`;
