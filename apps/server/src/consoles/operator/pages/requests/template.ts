import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import type { UnlockRequest } from '../../support.ts';
import { reasonField, when } from '../kit.ts';

type Row = UnlockRequest & { residentName: string; requesterName: string };

export function requestsBody(p: PageContext, csrf: string, rows: Row[], self: string): Html {
  const { t, lang } = p;
  const decide = (r: Row, i: number) =>
    r.requestedBy === self
      ? html`<p class="muted">${t('operator.requests.yours')}</p>`
      : html`<form method="post" action="/console/operator/requests/${r.id}/approve?lang=${lang}" class="operator-action">
  <input type="hidden" name="csrf" value="${csrf}">${reasonField(p, `approve-${i}`)}
  <button type="submit" class="button">${t('operator.requests.approve')}</button></form>
<form method="post" action="/console/operator/requests/${r.id}/reject?lang=${lang}" class="operator-action">
  <input type="hidden" name="csrf" value="${csrf}">${reasonField(p, `reject-${i}`)}
  <button type="submit" class="button secondary">${t('operator.requests.reject')}</button></form>`;
  return html`<h1>${t('operator.requests.title')}</h1>
<p class="lead">${t('operator.requests.intro')}</p>
${rows.length
  ? html`<ul class="operator-items">${rows.map(
      (r, i) => html`<li data-request="${r.id}"><p><strong><a href="/console/operator/residents/${r.residentId}?lang=${lang}">${r.residentName}</a></strong><br>
${t('operator.requests.requestedBy')}: ${r.requesterName} · ${when(p, r.requestedAt)}<br>${t('operator.reason')}: ${r.reason}</p>${decide(r, i)}</li>`,
    )}</ul>`
  : html`<p>${t('operator.requests.empty')}</p>`}`;
}
