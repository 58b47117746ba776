import { html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import { districts, type Place } from '../../../counter/places.ts';

/**
 * "Find a registration counter": a form (district → list sorted by distance) that works
 * without script, and a map drawn by Leaflet over the shipped district outlines when script
 * runs. No tile server is reachable; production would add a vector tile source (the Lands
 * Department's map API or a self-hosted OpenStreetMap extract) to the same map.
 */
export function countersPage(p: PageContext, o: { list: Array<{ place: Place; km: number | null }>; district: string | undefined; near: boolean }) {
  const { t, lang } = p;
  const from = districts.find((d) => d.id === o.district);
  const sorted = from ? t('opendata.listSorted', { district: from.name[lang] }) : o.near ? t('opendata.listHeading') : t('opendata.listHeading');
  return html`<h1>${t('opendata.mapTitle')}</h1>
<p class="lead">${t('opendata.mapIntro')}</p>
<form method="get" action="/counters" class="counter-filter">
  <input type="hidden" name="lang" value="${lang}">
  <label for="district">${t('opendata.mapFrom')}</label>
  <select id="district" name="district">
    <option value="">${t('opendata.mapFromAny')}</option>
    ${districts.map((d) => html`<option value="${d.id}" ${d.id === o.district ? html`selected` : ''}>${d.name[lang]}</option>`)}
  </select>
  <button type="submit" class="button">${t('opendata.mapSort')}</button>
  <button type="button" class="button secondary" data-near hidden>${t('opendata.mapNear')}</button>
</form>
<div class="counter-layout">
  <div id="counter-map" class="counter-map" role="region" aria-label="${t('opendata.mapNoTiles')}" data-counters="/data/registration-counters.geojson" data-districts="/opendata-assets/districts.geojson" data-lang="${lang}"></div>
  <section aria-labelledby="list-heading" class="counter-list">
    <h2 id="list-heading">${sorted}</h2>
    <ol>
      ${o.list.map(({ place: c, km }) => html`<li class="counter" data-counter="${c.id}">
        <h3>${c.name[lang]}</h3>
        <p>${t(`opendata.kind.${c.kind}`)} · ${districts.find((d) => d.id === c.district)?.name[lang] ?? c.district}${km === null ? '' : html` · <span data-distance>${t('opendata.distance', { km: km.toFixed(1) })}</span>`}</p>
        <p>${c.address[lang]}</p>
        <dl class="facts">
          <dt>${t('opendata.hours')}</dt><dd><code>${c.openingHours}</code></dd>
          <dt>${t('opendata.services')}</dt><dd>${c.services.map((s) => t(`opendata.service.${s}`)).join(lang === 'en' ? '; ' : '；')}</dd>
          <dt>${t('opendata.phone')}</dt><dd><a href="tel:${c.phone}">${c.phone}</a></dd>
        </dl>
      </li>`)}
    </ol>
    <p class="muted">${t('opendata.days')}</p>
  </section>
</div>`;
}
