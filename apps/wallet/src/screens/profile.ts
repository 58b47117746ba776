import { html, nothing } from 'lit-html';
import { api, type Me } from '../api.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { ScreenCtx } from '../screen.ts';
import { withSession } from '../session.ts';
import { errorBox, fieldLabel, heading, messageOf } from '../ui.ts';

/**
 * My profile: the e-ME record. Registry fields are shown read-only; the resident-maintained
 * ones form one form. Coded values (education, marital status, title) are chosen from lists.
 */
const registryFields = ['name_en', 'name_zh', 'birthdate', 'gender', 'id_number', 'email', 'phone', 'address'];
const textFields: Array<{ name: string; type: string; autocomplete: string; inputmode?: string }> = [
  { name: 'preferred_email', type: 'email', autocomplete: 'email' },
  { name: 'preferred_phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel' },
  { name: 'postal_address', type: 'text', autocomplete: 'street-address' },
];
const codedFields: Record<string, readonly string[]> = {
  title: ['mr', 'mrs', 'ms', 'miss', 'dr', 'prof'],
  education_level: ['primary', 'secondary', 'post_secondary', 'bachelor', 'postgraduate'],
  marital_status: ['single', 'married', 'divorced', 'widowed', 'separated'],
};

export function profileScreen(ctx: ScreenCtx): void {
  withSession(ctx, 'profile', 'profile', () => api<Me>('GET', '/api/wallet/me'), (me) => showProfile(ctx, me));
}

function showProfile(ctx: ScreenCtx, me: Me): void {
  let error = '';
  let busy = false;
  const edits: Record<string, string> = {};
  const valueOf = (name: string) => edits[name] ?? me.resident[name] ?? '';
  const set = (name: string) => (e: Event) => {
    edits[name] = (e.target as HTMLInputElement | HTMLSelectElement).value;
  };
  const registryValue = (name: string, value: string | null | undefined) => {
    if (!value) return ctx.t('profile.empty');
    return name === 'gender' ? ctx.t(`option.gender.${value}` as MessageKey) : value;
  };

  const view = () => {
    const t = ctx.t;
    return {
      key: 'profile',
      title: t('profile.title'),
      nav: 'profile' as const,
      body: html`${heading(t('profile.title'))}
<p class="muted">${t('profile.assurance', { level: t(me.assurance === 'plus' ? 'profile.assurance.plus' : 'profile.assurance.standard') })}</p>
${me.assurance === 'plus' ? nothing : html`<p><a href="/wallet/upgrade" data-nav>${t('upgrade.link')}</a></p>`}
${errorBox(t, error)}
<p><a class="button secondary" href="/wallet/requests" data-nav>${t('ciba.link')}</a></p>
<p><a href="/wallet/devices" data-nav>${t('devices.title')}</a></p>
<section aria-labelledby="registry-h"><h2 id="registry-h">${t('profile.registry')}</h2>
<p class="muted">${t('profile.registryHelp')}</p>
<dl class="record">${registryFields.map((n) => html`<div><dt>${fieldLabel(t, n)}</dt><dd>${registryValue(n, me.registry[n])}</dd></div>`)}</dl>
</section>
<section aria-labelledby="resident-h"><h2 id="resident-h">${t('profile.resident')}</h2>
<p class="muted">${t('profile.residentHelp')}</p>
<form @submit=${save} novalidate>
${textFields.map((f) => html`<div class="field"><label for="f-${f.name}">${fieldLabel(t, f.name)}</label>
  <input id="f-${f.name}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}" inputmode=${f.inputmode ?? nothing} .value=${valueOf(f.name)} @input=${set(f.name)}></div>`)}
${Object.entries(codedFields).map(([name, codes]) => html`<div class="field"><label for="f-${name}">${fieldLabel(t, name)}</label>
  <select id="f-${name}" name="${name}" @change=${set(name)}>
    <option value="" ?selected=${!valueOf(name)}>${t('option.none')}</option>
    ${codes.map((c) => html`<option value="${c}" ?selected=${valueOf(name) === c}>${t(`option.${name}.${c}` as MessageKey)}</option>`)}
  </select></div>`)}
<p><button class="button block" type="submit" ?disabled=${busy}>${t('app.save')}</button></p>
</form></section>`,
    };
  };

  async function save(e: Event) {
    e.preventDefault();
    busy = true;
    error = '';
    ctx.show(view);
    try {
      const patch = Object.fromEntries(Object.entries(edits).map(([k, v]) => [k, v.trim() === '' ? null : v.trim()]));
      me = await api<Me>('PATCH', '/api/wallet/me', { resident: patch });
      for (const k of Object.keys(edits)) delete edits[k];
      busy = false;
      ctx.flash(ctx.t('profile.saved'));
    } catch (err) {
      busy = false;
      error = messageOf(ctx.t, err);
      ctx.show(view);
      document.getElementById('main')?.focus();
    }
  }

  ctx.show(view);
}
