import { html, type Html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import type { Snapshot } from '../catalogue.ts';
import { cataloguePage, href, searchForm, serviceList, topicLinks } from './components.ts';

/** The portal's front door: search first, then life events, popular services and topics. */
export function homePage(p: PageContext, snap: Snapshot, opts: { development: boolean; figures?: Html | undefined }): string {
  const { t } = p;
  const popular = snap.services.filter((s) => s.popular !== undefined).sort((a, b) => a.popular! - b.popular!).slice(0, 8);
  const body = html`<h1>${t('catalogue.home.title')}</h1>
<p class="lead">${t('catalogue.home.lead')}</p>
${searchForm(p)}
${opts.figures}
<section aria-labelledby="h-events"><h2 id="h-events">${t('catalogue.home.lifeEvents')}</h2>
${topicLinks(p, '/life-events', snap.lifeEvents, false)}
</section>
<section aria-labelledby="h-popular"><h2 id="h-popular">${t('catalogue.home.popular')}</h2>
${serviceList(p, snap, popular, null)}
</section>
<section aria-labelledby="h-topics"><h2 id="h-topics">${t('catalogue.home.topics')}</h2>
${topicLinks(p, '/categories', snap.categories, true)}
<p><a href="${href(p, '/departments')}">${t('catalogue.home.allDepartments')}</a></p>
</section>
<section aria-labelledby="h-more"><h2 id="h-more">${t('catalogue.home.more')}</h2>
<ul>
<li><a href="${href(p, '/wallet')}">${t('home.wallet')}</a></li>
<li><a href="/.well-known/openid-configuration">${t('home.discovery')}</a></li>
${opts.development ? html`<li><a href="${href(p, '/dev/outbox')}">${t('home.outbox')}</a></li>` : ''}
</ul>
</section>`;
  return cataloguePage(p, { title: t('catalogue.home.title'), body });
}
