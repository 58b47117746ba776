import { html, type Html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import type { Snapshot } from '../catalogue.ts';
import { triOf, type Service } from '../model.ts';
import { pageSize, type SearchQuery } from '../query.ts';
import { byName, cataloguePage, href, searchForm, serviceList } from './components.ts';

function filters(p: PageContext, snap: Snapshot, q: SearchQuery): Html {
  const { t } = p;
  const depts = [...snap.departments].sort((a, b) => triOf(a.name, p.lang).localeCompare(triOf(b.name, p.lang), p.lang));
  const active = !!(q.department || q.category || q.onlineOnly);
  // A disclosure, so that on a phone the results are not pushed below three form fields.
  return html`<details class="filter-box" ${active ? html`open` : ''}><summary>${t('catalogue.search.filters')}</summary>
<fieldset class="filters"><legend class="visually-hidden">${t('catalogue.search.filters')}</legend>
<div class="field"><label for="department">${t('catalogue.search.department')}</label>
<select id="department" name="department"><option value="">${t('catalogue.search.anyDepartment')}</option>
${depts.map((d) => html`<option value="${d.slug}" ${d.slug === q.department ? html`selected` : ''}>${triOf(d.name, p.lang)}</option>`)}
</select></div>
<div class="field"><label for="category">${t('catalogue.search.category')}</label>
<select id="category" name="category"><option value="">${t('catalogue.search.anyCategory')}</option>
${snap.categories.map((c) => html`<option value="${c.slug}" ${c.slug === q.category ? html`selected` : ''}>${triOf(c.name, p.lang)}</option>`)}
</select></div>
<div class="check"><input id="online" name="online" type="checkbox" value="1" ${q.onlineOnly ? html`checked` : ''}><label for="online">${t('catalogue.search.onlineOnly')}</label></div>
<p class="filter-actions"><button class="button secondary" type="submit">${t('catalogue.search.apply')}</button>
${active ? html`<a href="${href(p, '/search', { q: q.q })}">${t('catalogue.search.clear')}</a>` : ''}</p>
</fieldset></details>`;
}

function pagination(p: PageContext, q: SearchQuery, total: number): Html {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return html``;
  const link = (n: number) => href(p, '/search', { q: q.q, department: q.department, category: q.category, online: q.onlineOnly ? '1' : undefined, page: String(n) });
  return html`<nav class="pager" aria-label="${p.t('catalogue.search.pages')}">
${q.page > 1 ? html`<a rel="prev" href="${link(q.page - 1)}">${p.t('catalogue.search.previous')}</a>` : ''}
<span>${p.t('catalogue.search.page', { n: q.page, total: pages })}</span>
${q.page < pages ? html`<a rel="next" href="${link(q.page + 1)}">${p.t('catalogue.search.next')}</a>` : ''}
</nav>`;
}

/** The result page: plain HTML, one GET form, so it works (and is fast) without JavaScript. */
export function searchPage(p: PageContext, snap: Snapshot, q: SearchQuery, results: readonly Service[]): string {
  const { t } = p;
  const shown = (q.q ? results : byName(p, results)).slice((q.page - 1) * pageSize, q.page * pageSize);
  const summary = q.q
    ? results.length ? t('catalogue.search.results', { count: results.length, q: q.q }) : t('catalogue.search.none', { q: q.q })
    : results.length ? t('catalogue.search.all', { count: results.length }) : '';
  const body = html`<h1>${q.q || results.length ? t('catalogue.search.resultsTitle') : t('catalogue.search.title')}</h1>
${searchForm(p, q.q, filters(p, snap, q))}
${summary ? html`<p class="result-count" role="status">${summary}</p>` : ''}
${q.q && !results.length ? html`<p>${t('catalogue.search.noneHelp')} <a href="${href(p, '/')}">${t('catalogue.home.topics')}</a></p>` : ''}
${shown.length ? serviceList(p, snap, shown, 'h2') : ''}
${pagination(p, q, results.length)}`;
  const title = q.q ? `${q.q} – ${t('catalogue.search.resultsTitle')}` : t('catalogue.search.title');
  return cataloguePage(p, { title, body });
}
