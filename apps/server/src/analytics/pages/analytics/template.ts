import { errorSummary } from '../../../consoles/layout.ts';
import { html, type Html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import type { ChartTable } from './charts.ts';

export type Filters = { from: string; to: string; service: string };

/** The analytics page: filters (a plain GET form), then each chart beside its table and its CSV. */
export function analyticsBody(p: PageContext, o: { filters: Filters; services: Array<{ id: string; name: string }>; charts: ChartTable[]; status: Html; error?: string }): Html {
  const { t, lang } = p;
  const f = o.filters;
  const query = (chart: string) => `/console/operator/analytics.csv?${new URLSearchParams({ chart, from: f.from, to: f.to, ...(f.service ? { service: f.service } : {}) })}`;
  return html`<h1>${t('analytics.title')}</h1>
${errorSummary(t('analytics.errorTitle'), o.error)}
<p class="lead">${t('analytics.intro')}</p>
${o.status}
<form method="get" action="/console/operator/analytics" class="analytics-filters" aria-label="${t('analytics.filters')}">
  <input type="hidden" name="lang" value="${lang}">
  <p><label for="from">${t('analytics.from')}</label><input type="date" id="from" name="from" value="${f.from}" required></p>
  <p><label for="to">${t('analytics.to')}</label><input type="date" id="to" name="to" value="${f.to}" required></p>
  <p><label for="service">${t('analytics.service')}</label><select id="service" name="service"><option value="">${t('analytics.allServices')}</option>
    ${o.services.map((s) => html`<option value="${s.id}" ${s.id === f.service ? html`selected` : ''}>${s.name}</option>`)}</select></p>
  <p><button type="submit" class="button">${t('analytics.apply')}</button></p>
</form>
${o.charts.map((c) => chart(p, c, query(c.id)))}`;
}

function chart(p: PageContext, c: ChartTable, csv: string): Html {
  const { t } = p;
  const cell = (v: number | null) => (v === null ? html`<td data-v="">${t('analytics.suppressed')}</td>` : html`<td data-v="${v}">${v.toLocaleString(p.lang)}</td>`);
  return html`<section class="chart-section" aria-labelledby="h-${c.id}">
<h2 id="h-${c.id}">${c.title}</h2>
<div class="chart-pair">
  <div class="chart" data-chart="${c.id}" aria-hidden="true"></div>
  <div class="table-scroll" tabindex="0" role="region" aria-label="${t('analytics.tableOf', { title: c.title })}">
    <table data-chart-table="${c.id}" data-kind="${c.kind}">
      <caption>${t('analytics.tableOf', { title: c.title })}</caption>
      <thead><tr><th scope="col">${c.kind === 'time' ? t('analytics.date') : t('analytics.series.field')}</th>${c.series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
      <tbody>${c.rows.map((r) => html`<tr><th scope="row" data-x="${r.key}">${r.label}</th>${r.values.map(cell)}</tr>`)}</tbody>
    </table>
  </div>
</div>
<p><a href="${csv}" download aria-label="${t('analytics.csvOf', { title: c.title })}">${t('analytics.csv')}</a></p>
</section>`;
}
