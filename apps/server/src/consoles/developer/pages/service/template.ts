import { fieldByName } from '../../../../consent/fields.ts';
import { errorSummary } from '../../../layout.ts';
import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import { formatDateTime } from '../../../../i18n/time.ts';
import type { ConfigChange, ServiceConfig } from '../../config.ts';
import type { ServiceView } from '../../services.ts';
import { backHome } from '../frame.ts';
import { usageChart, type Day } from './usage.ts';

export type ServicePage = {
  s: ServiceView & { role: string; organisationName: string };
  issuer: string;
  usage: Day[];
  deliveries: Array<{ id: number; environment: string; attempts: number; deliveredAt: number | null; lastError: string | null; createdAt: number }>;
  secret?: { environment: string; value: string };
  notice?: string;
  error?: string;
};

/** A service: where it stands, its clients, what it asks residents for, keys, usage, webhooks, the snippet. */
export function serviceBody(p: PageContext, csrf: string, v: ServicePage): Html {
  const { t, lang } = p;
  const s = v.s;
  const base = `/console/developer/services/${s.id}`;
  return html`${backHome(p)}<p><a href="/console/developer/organisations/${s.organisationId}?lang=${lang}">${s.organisationName}</a></p>
<h1>${s.draft.names[lang]}</h1>
<p><span class="stage stage-${s.stage}" data-stage="${s.stage}">${t(`developer.stage.${s.stage}`)}</span></p>
${v.notice ? html`<div class="done" role="status"><p>${v.notice}</p></div>` : ''}
${errorSummary(t('developer.problem'), v.error)}
${v.secret ? html`<div class="secret" role="status"><p>${t('developer.service.secretOnce', { env: t(`developer.env.${v.secret.environment}`) })}</p><p><code class="value" data-client-secret>${v.secret.value}</code></p></div>` : ''}
${decision(p, s)}
<h2>${t('developer.service.clients')}</h2>
<dl>
<dt>${t('developer.service.sandboxClientId')}</dt><dd><code class="value" data-sandbox-client-id>${s.sandboxClientId}</code></dd>
<dt>${t('developer.service.productionClientId')}</dt><dd>${s.productionClientId ? html`<code class="value" data-production-client-id>${s.productionClientId}</code>` : t('developer.service.noProduction')}</dd>
</dl>
${s.stage === 'changed' ? html`<h2>${t('developer.service.unapproved')}</h2><p>${t('developer.service.unapprovedIntro')}</p>${diffTable(p, changesBetween(s))}` : ''}
${s.role === 'owner' && s.stage !== 'production' ? html`<form method="post" action="${base}/production?lang=${lang}"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">${t('developer.service.requestProduction')}</button></form>` : ''}
<h2>${t('developer.service.configuration')}</h2>
<p><a class="button secondary" href="${base}/edit?lang=${lang}">${t('developer.service.edit')}</a></p>
${configSummary(p, s.draft)}
<h2>${t('developer.service.credentials')}</h2>
${credentialForms(p, csrf, base, s)}
<h2>${t('developer.service.integration')}</h2>
<pre class="snippet" data-snippet>${snippet(v.issuer, s)}</pre>
<h2>${t('developer.usage.title')}</h2>
${usageChart(p, v.usage)}
<h2>${t('developer.webhooks.title')}</h2>
${v.deliveries.length
  ? html`<table><thead><tr><th scope="col">${t('developer.webhooks.when')}</th><th scope="col">${t('developer.webhooks.env')}</th><th scope="col">${t('developer.webhooks.attempts')}</th><th scope="col">${t('developer.webhooks.result')}</th></tr></thead>
<tbody>${v.deliveries.map((d) => html`<tr><td>${formatDateTime(lang, d.createdAt)}</td><td>${t(`developer.env.${d.environment}`)}</td><td>${d.attempts}</td><td>${d.deliveredAt ? t('developer.webhooks.delivered') : d.lastError ? t('developer.webhooks.failed', { error: d.lastError }) : t('developer.webhooks.waiting')}</td></tr>`)}</tbody></table>`
  : html`<p>${t('developer.webhooks.none')}</p>`}`;
}

function decision(p: PageContext, s: ServiceView): Html | '' {
  const { t, lang } = p;
  if (s.pending) return html`<div class="done" role="status" data-pending><p>${t('developer.service.pending', { time: formatDateTime(lang, s.pending.requestedAt) })}</p></div>`;
  if (s.lastDecision?.status === 'rejected') return html`<div class="error-summary" data-rejected><h2>${t('developer.service.rejected')}</h2><p>${s.lastDecision.reason ?? ''}</p></div>`;
  return '';
}

const changesBetween = (s: ServiceView): ConfigChange[] => s.pending?.changes ?? [];

export function diffTable(p: PageContext, changes: ConfigChange[]): Html {
  const { t } = p;
  if (!changes.length) return html`<p>${t('developer.diff.none')}</p>`;
  return html`<table class="diff"><thead><tr><th scope="col">${t('developer.diff.what')}</th><th scope="col">${t('developer.diff.before')}</th><th scope="col">${t('developer.diff.after')}</th></tr></thead>
<tbody>${changes.map((c) => html`<tr><th scope="row"><code>${c.path}</code></th><td>${c.before === null ? '' : html`<del>${shownValue(p, c.path, c.before)}</del>`}</td><td>${c.after === null ? '' : html`<ins>${shownValue(p, c.path, c.after)}</ins>`}</td></tr>`)}</tbody></table>`;
}

/** A field's ask is stored as `required` / `optional` (the API's words); the page says it in the reader's language. */
function shownValue(p: PageContext, path: string, value: string): string {
  if (/^fields\.[^.]+$/.test(path) && (value === 'required' || value === 'optional')) return p.t(value === 'required' ? 'developer.form.required' : 'developer.form.optional');
  return value;
}

export function configSummary(p: PageContext, c: ServiceConfig): Html {
  const { t, lang } = p;
  return html`<dl>
<dt>${t('developer.form.redirectUris')}</dt><dd>${c.redirectUris.map((u) => html`<code class="value">${u}</code> `)}</dd>
${c.postLogoutRedirectUris.length ? html`<dt>${t('developer.form.postLogout')}</dt><dd>${c.postLogoutRedirectUris.map((u) => html`<code class="value">${u}</code> `)}</dd>` : ''}
${c.backchannelLogoutUri ? html`<dt>${t('developer.form.backchannel')}</dt><dd><code class="value">${c.backchannelLogoutUri}</code></dd>` : ''}
</dl>
<table><thead><tr><th scope="col">${t('developer.form.fields')}</th><th scope="col">${t('developer.form.ask')}</th><th scope="col">${t('developer.form.purpose')}</th></tr></thead>
<tbody>${c.fields.map((f) => html`<tr><td>${fieldByName(f.name)?.label[lang] ?? f.name}</td><td data-field="${f.name}">${t(f.required ? 'developer.form.required' : 'developer.form.optional')}</td><td>${f.purpose[lang]}</td></tr>`)}</tbody></table>`;
}

function credentialForms(p: PageContext, csrf: string, base: string, s: ServiceView & { role: string }): Html {
  const { t, lang } = p;
  if (s.credentials.method === 'client_secret_basic') {
    const envs = ['sandbox', ...(s.productionClientId && s.role === 'owner' ? ['production'] : [])];
    return html`<p>${t('developer.service.secretAuth')}</p>${envs.map((env) => html`<form class="inline-form" method="post" action="${base}/rotate?lang=${lang}"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="environment" value="${env}"><button type="submit" class="secondary">${t('developer.service.newSecret', { env: t(`developer.env.${env}`) })}</button></form>`)}`;
  }
  return html`<p>${s.credentials.jwksUri ? t('developer.service.jwksUriAuth', { uri: s.credentials.jwksUri }) : t('developer.service.jwksAuth', { count: String(s.credentials.jwks?.keys.length ?? 0) })}</p>
<form method="post" action="${base}/rotate?lang=${lang}"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="environment" value="sandbox">
<div class="field"><label for="new-jwks">${t('developer.service.newJwks')}</label><span class="hint" id="new-jwks-hint">${t('developer.service.newJwksHint')}</span><textarea id="new-jwks" name="jwks" aria-describedby="new-jwks-hint"></textarea></div>
<button type="submit" class="secondary">${t('developer.service.replaceKeys')}</button></form>`;
}

/** What a developer pastes: discovery, the client ids, the SDK call with the fields registered. */
export function snippet(issuer: string, s: ServiceView): string {
  const fields = s.draft.fields.map((f) => `'${f.name}'`).join(', ');
  const auth = s.credentials.method === 'client_secret_basic' ? 'clientSecret: process.env.YAT_CLIENT_SECRET' : 'privateKey /* your JWK, with its kid */';
  return `// Discovery: ${issuer}/.well-known/openid-configuration
import { createYatClient } from '@yat/sdk';

const yat = await createYatClient({
  issuer: '${issuer}',
  clientId: '${s.productionClientId ?? s.sandboxClientId}', // sandbox: ${s.sandboxClientId}
  redirectUri: '${s.draft.redirectUris[0]}',
  ${auth},
});
const { url, cookieState } = await yat.startLogin({ fields: [${fields}] });`;
}
