import { html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import type { Snapshot } from '../catalogue.ts';
import { triOf, type Department, type Topic } from '../model.ts';
import { breadcrumbs, byName, cataloguePage, href, serviceList, topicLinks } from './components.ts';

/** A topic (category or life event) and every service under it. */
export function topicPage(p: PageContext, snap: Snapshot, kind: 'category' | 'lifeEvent', topic: Topic): string {
  const { t } = p;
  const isCategory = kind === 'category';
  const services = byName(p, snap.services.filter((s) => (isCategory ? s.categories : s.lifeEvents).includes(topic.slug)));
  const others = (isCategory ? snap.categories : snap.lifeEvents).filter((x) => x.slug !== topic.slug);
  const body = html`${breadcrumbs(p, [])}
<h1>${triOf(topic.name, p.lang)}</h1>
<p class="lead">${triOf(topic.summary, p.lang)}</p>
<h2>${t('catalogue.topic.services')} <span class="count">(${t('catalogue.search.all', { count: services.length })})</span></h2>
${serviceList(p, snap, services, 'h3')}
<h2>${isCategory ? t('catalogue.topic.otherTopics') : t('catalogue.topic.otherEvents')}</h2>
${topicLinks(p, isCategory ? '/categories' : '/life-events', others, false)}`;
  return cataloguePage(p, { title: triOf(topic.name, p.lang), body });
}

export function departmentsPage(p: PageContext, snap: Snapshot): string {
  const { t } = p;
  const count = (d: Department) => snap.services.filter((s) => s.department === d.slug).length;
  const depts = [...snap.departments].sort((a, b) => triOf(a.name, p.lang).localeCompare(triOf(b.name, p.lang), p.lang));
  const body = html`${breadcrumbs(p, [])}
<h1>${t('catalogue.departments.title')}</h1>
<p class="lead">${t('catalogue.departments.lead')}</p>
<ul class="topics">
${depts.map((d) => html`<li><a href="${href(p, `/departments/${d.slug}`)}">${triOf(d.name, p.lang)}</a><p>${triOf(d.summary, p.lang)} <span class="muted">${t('catalogue.search.all', { count: count(d) })}</span></p></li>`)}
</ul>`;
  return cataloguePage(p, { title: t('catalogue.departments.title'), body });
}

export function departmentPage(p: PageContext, snap: Snapshot, d: Department): string {
  const { t } = p;
  const services = byName(p, snap.services.filter((s) => s.department === d.slug));
  const body = html`${breadcrumbs(p, [[t('catalogue.nav.departments'), '/departments']])}
<h1>${triOf(d.name, p.lang)}</h1>
<p class="lead">${triOf(d.summary, p.lang)}</p>
<h2>${t('catalogue.departments.contact')}</h2>
<dl class="contact">
<dt>${t('catalogue.service.where')}</dt><dd>${triOf(d.counter, p.lang)}</dd>
<dt>${t('catalogue.service.hours')}</dt><dd>${triOf(d.hours, p.lang)}</dd>
<dt>${t('catalogue.service.phone')}</dt><dd><a href="tel:+852${d.phone.replace(/\s/g, '')}">${d.phone}</a></dd>
<dt>${t('catalogue.departments.website')}</dt><dd><a href="${d.website}" rel="noopener external">${d.website.replace(/^https:\/\//, '')}</a></dd>
</dl>
<h2>${t('catalogue.departments.services')} <span class="count">(${t('catalogue.search.all', { count: services.length })})</span></h2>
${serviceList(p, snap, services, 'h3')}`;
  return cataloguePage(p, { title: triOf(d.name, p.lang), body });
}
