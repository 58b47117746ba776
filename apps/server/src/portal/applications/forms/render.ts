import { html, type Html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import type { Lang } from '../../../i18n/index.ts';
import type { FileMeta } from '../file-store.ts';
import { attachmentTypes, type Answers, type Condition, type FormDefinition, type FormField, type FormSection } from './schema.ts';
import type { FieldError } from './validate.ts';

/**
 * A hosted form as plain HTML (GOV.UK patterns): an error summary linking to each field, the
 * message beside the field, hints tied with aria-describedby, conditional parts marked so a
 * reader without JavaScript knows when to answer them. No HTML `required`: the server's
 * messages are the ones that show, in the page's language.
 */
export type FormView = {
  form: FormDefinition;
  values: Answers;
  errors: FieldError[];
  prefilled: ReadonlySet<string>;
  files: readonly FileMeta[];
  csrf: string;
  formToken: string;
  saved: boolean;
  declared: boolean;
};

const fid = (name: string) => `f-${name}`;

export function formBody(p: PageContext, v: FormView): Html {
  const { t, lang } = p;
  const { form } = v;
  const errorOf = new Map(v.errors.map((e) => [e.field, e.message]));
  const labelOf = (name: string) => form.sections.flatMap((s) => s.fields).find((f) => f.name === name);
  const condText = (c: Condition | undefined) => {
    if (!c) return '';
    const f = labelOf(c.field);
    const answer = f?.options?.find((o) => o.value === c.equals)?.label[lang] ?? c.equals;
    return html`<p class="only-if">${t('applications.form.onlyIf', { answer, question: f?.label[lang] ?? c.field })}</p>`;
  };
  const ctx: FieldCtx = { lang, t: p.t, v, errorOf, condText };
  return html`<p class="caption">${form.department.name[lang]}</p>
<h1>${form.title[lang]}</h1>
${v.errors.length ? errorSummary(p, v.errors) : ''}
${v.saved ? html`<div class="notice" role="status"><p>${t('applications.form.saved')}</p></div>` : ''}
<p class="lead">${form.intro[lang]}</p>
${v.prefilled.size ? html`<p class="notice">${t('applications.form.prefilledIntro')}</p>` : ''}
<form method="post" action="/apply/${form.slug}?lang=${lang}" enctype="multipart/form-data" novalidate class="eform">
<input type="hidden" name="csrf" value="${v.csrf}">
<input type="hidden" name="form_token" value="${v.formToken}">
${form.sections.map((s) => section(s, ctx))}
<h2>${t('applications.form.declarationTitle')}</h2>
${field({ name: 'declaration', type: 'checkbox', label: form.declaration, required: true }, ctx)}
<div class="actions">
<button class="button" type="submit" name="action" value="submit">${t('applications.form.submit')}</button>
<button class="button secondary" type="submit" name="action" value="save">${t('applications.form.saveDraft')}</button>
</div>
</form>`;
}

export function errorSummary(p: PageContext, errors: FieldError[]): Html {
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${p.t('applications.form.errorTitle')}</h2>
<ul>${errors.map((e) => html`<li><a href="#${fid(e.field)}">${e.message}</a></li>`)}</ul>
</div>`;
}

type FieldCtx = { lang: Lang; t: PageContext['t']; v: FormView; errorOf: Map<string, string>; condText: (c: Condition | undefined) => Html | string };

function section(s: FormSection, ctx: FieldCtx): Html {
  const data = s.showIf ? html` data-show-if="${s.showIf.field}" data-show-value="${s.showIf.equals}"` : '';
  return html`<section class="form-section" aria-labelledby="s-${s.id}"${data}>
<h2 id="s-${s.id}">${s.title[ctx.lang]}</h2>
${ctx.condText(s.showIf)}
${s.intro ? html`<p>${s.intro[ctx.lang]}</p>` : ''}
${s.fields.map((f) => field(f, ctx))}
</section>`;
}

function field(f: FormField, ctx: FieldCtx): Html {
  const { lang, t, v, errorOf } = ctx;
  const id = fid(f.name);
  const error = errorOf.get(f.name);
  const prefilled = v.prefilled.has(f.name);
  const described = [f.hint && `${id}-hint`, prefilled && `${id}-prefilled`, error && `${id}-error`].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  const label = html`${f.label[lang]}${f.required || f.type === 'file' ? '' : html` <span class="optional">${t('applications.form.optional')}</span>`}`;
  const extras = html`${f.hint ? html`<p class="hint" id="${id}-hint">${f.hint[lang]}</p>` : ''}
${prefilled ? html`<p class="prefilled" id="${id}-prefilled">${t('applications.form.prefilled')}</p>` : ''}
${error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${t('applications.form.errorPrefix')}</span> ${error}</p>` : ''}`;
  const data = f.showIf ? html` data-show-if="${f.showIf.field}" data-show-value="${f.showIf.equals}"` : '';
  const cls = `field${error ? ' field-error' : ''}`;
  const value = v.values[f.name];
  const str = typeof value === 'string' ? value : '';

  if (f.type === 'radio' || (f.type === 'checkbox' && f.options)) {
    const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
    return html`<div class="${cls}"${data}>${ctx.condText(f.showIf)}<fieldset${aria}><legend>${label}</legend>${extras}
<div class="choices">${(f.options ?? []).map((o, i) => {
      const oid = i === 0 ? id : `${id}-${i + 1}`;
      return html`<div class="choice"><input type="${f.type}" id="${oid}" name="${f.name}" value="${o.value}"${chosen.has(o.value) ? html` checked` : ''}><label for="${oid}">${o.label[lang]}</label></div>`;
    })}</div></fieldset></div>`;
  }
  if (f.type === 'checkbox') {
    const checked = f.name === 'declaration' ? v.declared : value === 'yes';
    return html`<div class="${cls}"${data}>${extras}<div class="choice"><input type="checkbox" id="${id}" name="${f.name}" value="yes"${checked ? html` checked` : ''}${aria}><label for="${id}">${label}</label></div></div>`;
  }
  const control = (() => {
    if (f.type === 'textarea') return html`<textarea id="${id}" name="${f.name}" rows="4"${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''}${aria}>${str}</textarea>`;
    if (f.type === 'select') {
      return html`<select id="${id}" name="${f.name}"${aria}><option value="">${t('applications.form.choose')}</option>${(f.options ?? []).map((o) => html`<option value="${o.value}"${o.value === str ? html` selected` : ''}>${o.label[lang]}</option>`)}</select>`;
    }
    if (f.type === 'file') {
      const current = v.files.find((x) => x.field === f.name);
      const accept = ['.pdf', '.jpg', '.jpeg', '.png', ...Object.keys(attachmentTypes)].join(',');
      return html`${current ? html`<p class="uploaded">${t('applications.form.uploaded', { name: current.filename, size: kb(current.size) })}</p>` : ''}<input type="file" id="${id}" name="${f.name}" accept="${accept}"${aria}>`;
    }
    const type = { email: 'email', phone: 'tel', date: 'date', number: 'text', text: 'text' }[f.type as string] ?? 'text';
    const mode = f.type === 'number' ? html` inputmode="numeric"` : '';
    return html`<input type="${type}" id="${id}" name="${f.name}" value="${str}"${mode}${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''}${f.type === 'email' || f.type === 'phone' ? html` spellcheck="false"` : ''}${aria}>`;
  })();
  return html`<div class="${cls}"${data}>${ctx.condText(f.showIf)}<label for="${id}">${label}</label>${extras}${control}</div>`;
}

export const kb = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;
