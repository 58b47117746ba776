import { html, type Html } from './html.ts';
import { strings, type Lang } from './i18n.ts';

/** The service's pages. Every form field has a visible label; errors are summarised at the top and by the field. */
export type Application = { nameEn: string; nameZh: string; birthdate: string; email: string; phone: string; address: string; branch: string };
export const branches = ['central', 'kowloon', 'shatin'] as const;

export function homePage(lang: Lang, opts: { signedIn: boolean; message?: string }): { title: string; body: Html } {
  const t = strings[lang];
  return {
    title: t.title,
    body: html`<h1>${t.title}</h1>
${opts.message ? html`<p class="notice" role="status">${opts.message}</p>` : ''}
<p>${t.intro}</p>
${opts.signedIn
  ? html`<p><a class="button" href="/apply">${t.continueApplication}</a></p>`
  : html`<p><a class="button" href="/login" data-login-with-yat>${t.loginWithYat}</a></p><p class="muted">${t.loginHelp}</p>`}`,
  };
}

export function applicationPage(lang: Lang, a: Application, opts: { csrf: string; errors?: Partial<Record<keyof Application, string>> }): { title: string; body: Html } {
  const t = strings[lang];
  const errors = opts.errors ?? {};
  const field = (name: keyof Application, label: string, type: string, autocomplete: string, required: boolean) => {
    const err = errors[name];
    return html`<div><label for="${name}">${label}</label>${err ? html`<p class="field-error" id="${name}-error">${err}</p>` : ''}
<input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" value="${a[name]}" ${required ? html`required aria-required="true"` : ''} ${err ? html`aria-invalid="true" aria-describedby="${name}-error"` : ''}></div>`;
  };
  const errorList = Object.entries(errors);
  return {
    title: t.formTitle,
    body: html`<h1>${t.formTitle}</h1>
${errorList.length ? html`<div class="error-summary" role="alert"><h2>${t.errorSummary}</h2><ul>${errorList.map(([k, m]) => html`<li><a href="#${k}">${m}</a></li>`)}</ul></div>` : ''}
<p class="notice">${t.prefilled}</p>
<form class="application" method="post" action="/apply" novalidate>
<input type="hidden" name="csrf" value="${opts.csrf}">
${field('nameEn', t.nameEn, 'text', 'name', true)}
${field('nameZh', t.nameZh, 'text', 'off', false)}
${field('birthdate', t.birthdate, 'date', 'bday', true)}
${field('email', t.email, 'email', 'email', true)}
${field('phone', t.phone, 'tel', 'tel', false)}
${field('address', t.address, 'text', 'street-address', true)}
<div><label for="branch">${t.branch}</label><select id="branch" name="branch">${branches.map((b) => html`<option value="${b}" ${a.branch === b ? 'selected' : ''}>${t.branches[b]}</option>`)}</select></div>
<div class="actions"><button type="submit">${t.submit}</button></div>
</form>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${opts.csrf}"><p class="actions"><span class="muted">${t.signedInAs}</span> <button class="secondary" type="submit">${t.logout}</button></p></form>`,
  };
}

export function receivedPage(lang: Lang, ref: string, branch: string, csrf: string): { title: string; body: Html } {
  const t = strings[lang];
  const branchName = t.branches[branch as (typeof branches)[number]] ?? branch;
  return {
    title: t.receivedTitle,
    body: html`<h1>${t.receivedTitle}</h1><p class="notice" role="status" data-reference="${ref}">${t.received.replace('{ref}', ref).replace('{branch}', branchName)}</p>
<form method="post" action="/sign"><input type="hidden" name="csrf" value="${csrf}"><p><button type="submit" data-sign-application>${t.signApplication}</button></p></form>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${csrf}"><button class="secondary" type="submit">${t.logout}</button></form>`,
  };
}

export function messagePage(lang: Lang, title: string, message: string): { title: string; body: Html } {
  const t = strings[lang];
  return { title, body: html`<h1>${title}</h1><p>${message}</p><p><a href="/">${t.back}</a></p>` };
}

/** Checks what the resident submitted; returns the errors by field (empty when all is well). */
export function validate(lang: Lang, a: Application): Partial<Record<keyof Application, string>> {
  const t = strings[lang];
  const errors: Partial<Record<keyof Application, string>> = {};
  for (const k of ['nameEn', 'birthdate', 'email', 'address'] as const) if (!a[k].trim()) errors[k] = `${t[k]}: ${t.required}`;
  if (a.birthdate && !/^\d{4}-\d{2}-\d{2}$/.test(a.birthdate)) errors.birthdate = `${t.birthdate}: YYYY-MM-DD`;
  if (a.email && !/^[^@\s]+@[^@\s]+$/.test(a.email)) errors.email = `${t.email}: name@example.org`;
  if (!(branches as readonly string[]).includes(a.branch)) errors.branch = `${t.branch}: ${t.required}`;
  return errors;
}
