import { errorSummary } from '../../../layout.ts';
import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import type { Membership } from '../../organisations.ts';

/** The developer's start: their organisations, and a form to create one. */
export function homeBody(p: PageContext, csrf: string, orgs: Membership[], opts: { error?: string; name?: string } = {}): Html {
  const { t, lang } = p;
  return html`<h1>${t('developer.home.title')}</h1>
<p class="lead">${t('developer.home.intro')}</p>
${errorSummary(t('developer.problem'), opts.error)}
<h2>${t('developer.home.organisations')}</h2>
${orgs.length
  ? html`<ul class="tasks">${orgs.map((o) => html`<li><a href="/console/developer/organisations/${o.organisationId}?lang=${lang}">${o.name}</a><br><span class="muted">${t(`developer.roles.${o.role}`)}</span></li>`)}</ul>`
  : html`<p>${t('developer.home.none')}</p>`}
<h2>${t('developer.home.create')}</h2>
<form method="post" action="/console/developer/organisations?lang=${lang}">
<input type="hidden" name="csrf" value="${csrf}">
<div class="field"><label for="org-name">${t('developer.home.name')}</label>
<span class="hint" id="org-name-hint">${t('developer.home.nameHint')}</span>
<input type="text" id="org-name" name="name" maxlength="120" required aria-describedby="org-name-hint" value="${opts.name ?? ''}"></div>
<button type="submit">${t('developer.home.createButton')}</button>
</form>`;
}
