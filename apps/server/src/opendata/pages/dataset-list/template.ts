import { html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import { downloadPath, LICENSE } from '../../ckan/packages.ts';
import { datasets, groups, type Dataset } from '../../datasets.ts';

/** `/data`: every dataset in the page's language, with its downloads; no script. */
export function dataPage(p: PageContext) {
  const { t, lang } = p;
  const code = (s: string) => html`<code>${s}</code>`;
  const item = (d: Dataset) => {
    const formats = d.spatial ? (['CSV', 'JSON', 'GeoJSON'] as const) : (['CSV', 'JSON'] as const);
    return html`<section class="dataset" id="${d.name}" aria-labelledby="${d.name}-title">
<h2 id="${d.name}-title">${d.title[lang]}</h2>
<p>${d.notes[lang]}</p>
<dl class="facts">
  <dt>${t('opendata.theme')}</dt><dd>${groups[d.group][lang]}</dd>
  <dt>${t('opendata.frequency')}</dt><dd>${t(`opendata.freq.${d.frequency}`)}</dd>
  <dt>${t('opendata.licence')}</dt><dd><a href="${LICENSE.url}">${LICENSE.title}</a></dd>
  <dt>${t('opendata.languages')}</dt><dd>${t('opendata.languageList')}</dd>
</dl>
<ul class="downloads">${formats.map((f) => html`<li><a href="${downloadPath(d, f)}" download aria-label="${t('opendata.downloadAs', { title: d.title[lang], format: f })}">${t('opendata.download')} ${f}</a></li>`)}</ul>
</section>`;
  };
  return html`<h1>${t('opendata.dataTitle')}</h1>
<p class="lead">${t('opendata.dataIntro')}</p>
<p>${t('opendata.dataApis', { ckan: '/api/3/action/package_list', dcat: '/catalog.jsonld', ogc: '/ogc' }).split(/(\/api\/3\/action\/package_list|\/catalog\.jsonld|\/ogc)/).map((part, i) => (i % 2 ? html`<a href="${part}">${code(part)}</a>` : part))}</p>
${datasets.map(item)}`;
}
