import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import type { ServiceRow } from '../../services.ts';
import { reasonField } from '../kit.ts';

export function servicesBody(p: PageContext, csrf: string, rows: ServiceRow[]): Html {
  const { t, lang } = p;
  return html`<h1>${t('operator.services.title')}</h1>
<p class="lead">${t('operator.services.intro')}</p>
${rows.length
  ? html`<ul class="operator-items">${rows.map((s, i) => {
      const change = s.suspended ? 'reinstate' : 'suspend';
      return html`<li data-service="${s.clientId}"><p><strong>${s.name}</strong> <span class="tag">${s.suspended ? t('operator.services.suspended') : t('operator.services.active')}</span><br>
${t('operator.services.clientId')}: <code>${s.clientId}</code>${s.reason && s.suspended ? html`<br>${t('operator.reason')}: ${s.reason}` : ''}</p>
<form method="post" action="/console/operator/services/${encodeURIComponent(s.clientId)}/${change}?lang=${lang}" class="operator-action">
  <input type="hidden" name="csrf" value="${csrf}">${reasonField(p, `service-${i}`)}
  <button type="submit" class="button${s.suspended ? '' : ' warning'}">${t(`operator.services.${change}`)}</button></form></li>`;
    })}</ul>`
  : html`<p>${t('operator.services.empty')}</p>`}`;
}
