import { html, type Html } from '../../../http/html.ts';
import { langHref, page, type PageContext } from '../../../http/layout.ts';
import { langs } from '../../../i18n/index.ts';
import type { Snapshot } from '../catalogue.ts';
import { triOf, type Service, type Topic } from '../model.ts';

export const cssHref = '/portal-assets/catalogue.css';

/** The shared layout plus the catalogue's own stylesheet. */
export const cataloguePage = (p: PageContext, opts: { title: string; body: Html }): string =>
  page(p, {
    ...opts,
    // The same page in the other languages, for search engines and browser translation prompts.
    head: html`<link rel="stylesheet" href="${cssHref}">
${langs.map((l) => html`<link rel="alternate" hreflang="${l}" href="${langHref(p, l)}">`)}`,
  });

/** A link inside the portal that keeps the page's language. */
export function href(p: PageContext, path: string, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  q.set('lang', p.lang);
  return `${path}?${q.toString()}`;
}

export function breadcrumbs(p: PageContext, trail: readonly [label: string, path: string][]): Html {
  return html`<nav class="crumbs" aria-label="${p.t('catalogue.nav.breadcrumb')}"><ol>
<li><a href="${href(p, '/')}">${p.t('catalogue.nav.home')}</a></li>
${trail.map(([label, path]) => html`<li><a href="${href(p, path)}">${label}</a></li>`)}
</ol></nav>`;
}

export function searchForm(p: PageContext, q = '', extra?: Html): Html {
  const { t } = p;
  return html`<form class="search" action="/search" method="get" role="search" aria-label="${t('catalogue.search.title')}">
<label for="q">${t('catalogue.search.label')}</label>
<p id="q-hint" class="muted hint">${t('catalogue.search.hint')}</p>
<div class="search-row">
<input id="q" name="q" type="search" value="${q}" maxlength="200" autocomplete="off" spellcheck="false" aria-describedby="q-hint">
<input type="hidden" name="lang" value="${p.lang}">
<button class="button" type="submit">${t('catalogue.search.button')}</button>
</div>
${extra}
</form>`;
}

export function badge(p: PageContext, s: Service): Html {
  const [cls, key] = s.online === 'here' ? ['here', 'badgeHere'] : s.online === 'elsewhere' ? ['online', 'badgeElsewhere'] : ['counter', 'badgeCounter'];
  return html`<span class="tag tag-${cls}">${p.t(`catalogue.service.${key}`)}</span>`;
}

/** Services as a list of cards; `heading` gives each name a heading for screen-reader navigation. */
export function serviceList(p: PageContext, snap: Snapshot, services: readonly Service[], heading: 'h2' | 'h3' | null): Html {
  const name = (s: Service): Html => {
    const a = html`<a href="${href(p, `/services/${s.slug}`)}">${triOf(s.name, p.lang)}</a>`;
    return heading === 'h2' ? html`<h2>${a}</h2>` : heading === 'h3' ? html`<h3>${a}</h3>` : html`<p class="svc-name">${a}</p>`;
  };
  return html`<ul class="services">
${services.map((s) => {
  const d = snap.department(s.department);
  return html`<li>${name(s)}<p>${triOf(s.summary, p.lang)}</p><p class="meta">${d ? triOf(d.name, p.lang) : ''} ${badge(p, s)}</p></li>`;
})}
</ul>`;
}

export function topicLinks(p: PageContext, base: '/categories' | '/life-events', topics: readonly Topic[], withSummary: boolean): Html {
  return html`<ul class="topics">
${topics.map((c) => html`<li><a href="${href(p, `${base}/${c.slug}`)}">${triOf(c.name, p.lang)}</a>${withSummary ? html`<p>${triOf(c.summary, p.lang)}</p>` : ''}</li>`)}
</ul>`;
}

/** Sorted by name as readers of the language expect: stroke order (Traditional), pinyin (Simplified). */
export function byName(p: PageContext, services: readonly Service[]): Service[] {
  const coll = new Intl.Collator(p.lang === 'en' ? 'en' : p.lang === 'zh-Hant' ? 'zh-Hant-u-co-stroke' : 'zh-Hans-u-co-pinyin');
  return [...services].sort((a, b) => coll.compare(triOf(a.name, p.lang), triOf(b.name, p.lang)));
}
