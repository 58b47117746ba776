import { fields as allFields } from '../../../../consent/fields.ts';
import { errorSummary } from '../../../layout.ts';
import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import { langNames, langs } from '../../../../i18n/index.ts';
import type { FormBody } from './form.ts';

/** Registering (with credentials) or changing (without: keys are rotated on the service's page) a service. */
export function serviceFormBody(p: PageContext, csrf: string, opts: { action: string; title: string; values: FormBody; withCredentials: boolean; error?: string; note?: string }): Html {
  const { t } = p;
  const v = opts.values;
  const text = (id: string, name: string, label: string, type = 'text', hint?: string) =>
    html`<div class="field"><label for="${id}">${label}</label>${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}<input type="${type}" id="${id}" name="${name}" value="${v[name] ?? ''}" ${hint ? html`aria-describedby="${id}-hint"` : ''}></div>`;
  const area = (id: string, name: string, label: string, hint: string) =>
    html`<div class="field"><label for="${id}">${label}</label><span class="hint" id="${id}-hint">${hint}</span><textarea id="${id}" name="${name}" aria-describedby="${id}-hint">${v[name] ?? ''}</textarea></div>`;
  return html`<h1>${opts.title}</h1>
${opts.note ? html`<p class="lead">${opts.note}</p>` : ''}
${errorSummary(t('developer.problem'), opts.error)}
<form method="post" action="${opts.action}">
<input type="hidden" name="csrf" value="${csrf}">
<fieldset><legend>${t('developer.form.names')}</legend>
${langs.map((l) => text(`name-${l}`, `name.${l}`, t('developer.form.nameIn', { lang: langNames[l] })))}
</fieldset>
${text('logo', 'logoUri', t('developer.form.logo'), 'url', t('developer.form.logoHint'))}
${area('redirects', 'redirectUris', t('developer.form.redirectUris'), t('developer.form.onePerLine'))}
${area('post-logout', 'postLogoutRedirectUris', t('developer.form.postLogout'), t('developer.form.onePerLine'))}
${text('backchannel', 'backchannelLogoutUri', t('developer.form.backchannel'), 'url', t('developer.form.backchannelHint'))}
${opts.withCredentials ? credentialFields(p, v) : ''}
<h2>${t('developer.form.fields')}</h2>
<p>${t('developer.form.fieldsIntro')}</p>
${allFields.map((f) => html`<fieldset><legend>${f.label[p.lang]}</legend>
<div class="field"><label for="field-${f.name}">${t('developer.form.ask')}</label><select id="field-${f.name}" name="field.${f.name}">
${(['no', 'required', 'optional'] as const).map((o) => html`<option value="${o}" ${(v[`field.${f.name}`] ?? 'no') === o ? html`selected` : ''}>${t(`developer.form.${o}`)}</option>`)}</select></div>
${langs.map((l) => text(`purpose-${f.name}-${l}`, `purpose.${f.name}.${l}`, t('developer.form.purposeIn', { lang: langNames[l] })))}
</fieldset>`)}
<button type="submit">${t('developer.form.save')}</button>
</form>`;
}

function credentialFields(p: PageContext, v: FormBody): Html {
  const { t } = p;
  const auth = v.auth ?? 'jwks';
  return html`<fieldset><legend>${t('developer.form.credentials')}</legend>
${(['jwks', 'jwks_uri', 'secret'] as const).map((a) => html`<label class="checkbox"><input type="radio" name="auth" value="${a}" ${auth === a ? html`checked` : ''}> ${t(`developer.form.auth.${a}`)}</label>`)}
<div class="field"><label for="jwks">${t('developer.form.jwks')}</label><textarea id="jwks" name="jwks">${v.jwks ?? ''}</textarea></div>
<div class="field"><label for="jwks-uri">${t('developer.form.jwksUri')}</label><input type="url" id="jwks-uri" name="jwksUri" value="${v.jwksUri ?? ''}"></div>
</fieldset>`;
}
