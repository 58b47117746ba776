import { html, raw, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';

/**
 * The service's logins per day, from the analytics rollups (analytics/), drawn as a plain SVG
 * bar chart on the server (no script, CSP-safe) with the table it pictures beside it.
 */
export type Day = { date: string; logins: number };

export function usageChart(p: PageContext, days: Day[]): Html {
  const { t } = p;
  const max = Math.max(1, ...days.map((d) => d.logins));
  const w = 600;
  const h = 160;
  const bar = w / Math.max(1, days.length);
  const bars = days.map((d, i) => {
    const bh = Math.round((d.logins / max) * (h - 10));
    return `<rect x="${(i * bar + 1).toFixed(1)}" y="${h - bh}" width="${Math.max(1, bar - 2).toFixed(1)}" height="${bh}"></rect>`;
  });
  const total = days.reduce((n, d) => n + d.logins, 0);
  return html`<figure>
<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="usage-caption">${raw(bars.join(''))}</svg>
<figcaption id="usage-caption">${t('developer.usage.caption', { days: String(days.length), total: String(total) })}</figcaption>
</figure>
<details><summary>${t('developer.usage.table')}</summary>
<table><thead><tr><th scope="col">${t('developer.usage.date')}</th><th scope="col">${t('developer.usage.logins')}</th></tr></thead>
<tbody>${days.map((d) => html`<tr><td>${d.date}</td><td>${d.logins}</td></tr>`)}</tbody></table></details>`;
}
