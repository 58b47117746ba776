import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import type { ResidentSupportView } from '../../support.ts';
import { reasonField, when } from '../kit.ts';

export function findBody(p: PageContext, csrf: string, idNumber: string, invalid: boolean): Html {
  const { t, lang } = p;
  return html`<h1>${t('operator.residents.title')}</h1>
<p class="lead">${t('operator.residents.intro')}</p>
<form method="post" action="/console/operator/residents/find?lang=${lang}">
  <input type="hidden" name="csrf" value="${csrf}">
  <div class="field"><label for="idNumber">${t('operator.residents.idNumber')}</label><span class="hint" id="id-hint">${t('operator.residents.idNumberHint')}</span>
  <input type="text" id="idNumber" name="idNumber" autocomplete="off" spellcheck="false" maxlength="20" required aria-describedby="id-hint" value="${idNumber}" ${invalid ? html`aria-invalid="true"` : ''}></div>
  <button type="submit" class="button">${t('operator.residents.find')}</button>
</form>`;
}

/** One small form per action, each with its own reason. */
function actionForm(p: PageContext, csrf: string, o: { action: string; id: string; button: string; intro?: string; danger?: boolean }): Html {
  return html`<form method="post" action="${o.action}?lang=${p.lang}" class="operator-action">
  <input type="hidden" name="csrf" value="${csrf}">
  ${o.intro ? html`<p>${o.intro}</p>` : ''}
  ${reasonField(p, o.id)}
  <button type="submit" class="button${o.danger ? ' warning' : ''}">${o.button}</button>
</form>`;
}

export function residentBody(p: PageContext, csrf: string, v: ResidentSupportView, self: string): Html {
  const { t } = p;
  const base = `/console/operator/residents/${v.id}`;
  const own = v.id === self;
  const lockOrUnlock =
    v.status === 'active'
      ? actionForm(p, csrf, { action: `${base}/lock`, id: 'lock-reason', button: t('operator.residents.lock'), intro: t('operator.residents.lockIntro'), danger: true })
      : v.pendingUnlock
        ? html`<p class="notice">${t('operator.residents.unlockPending', { reason: v.pendingUnlock.reason })}</p>`
        : actionForm(p, csrf, { action: `${base}/unlock`, id: 'unlock-reason', button: t('operator.residents.unlock'), intro: t('operator.residents.unlockIntro') });
  return html`<h1>${v.nameEn}</h1>
<section aria-labelledby="identity-h"><h2 id="identity-h">${t('operator.residents.record')}</h2>
<dl class="record-list">
  <dt>${t('operator.residents.name')}</dt><dd><span lang="en">${v.nameEn}</span>${v.nameZh ? html` <span lang="zh-Hant">${v.nameZh}</span>` : ''}</dd>
  <dt>${t('operator.residents.idNumberMasked')}</dt><dd data-masked-id>${v.idNumberMasked}</dd>
  <dt>${t('operator.residents.status')}</dt><dd data-status="${v.status}">${t(`operator.residents.statuses.${v.status}`)}</dd>
  <dt>${t('operator.residents.assurance')}</dt><dd>${t(`operator.residents.levels.${v.assurance}`)}</dd>
  <dt>${t('operator.residents.registered')}</dt><dd>${when(p, v.createdAt)}</dd>
</dl></section>
${own ? '' : html`<section aria-labelledby="actions-h"><h2 id="actions-h">${t('operator.residents.actions')}</h2>${lockOrUnlock}</section>`}
<section aria-labelledby="devices-h"><h2 id="devices-h">${t('operator.residents.devices')}</h2>
${v.devices.length
  ? html`<ul class="operator-items">${v.devices.map(
      (d, i) => html`<li><p><strong>${d.name}</strong><br>${t('operator.residents.added')}: ${when(p, d.createdAt)} · ${t('operator.residents.lastUsed')}: ${when(p, d.lastUsedAt)}</p>
${own ? '' : actionForm(p, csrf, { action: `${base}/devices/${encodeURIComponent(d.id)}/revoke`, id: `device-${i}`, button: t('operator.residents.revokeDevice'), danger: true })}</li>`,
    )}</ul>`
  : html`<p>${t('operator.none')}</p>`}
</section>
<section aria-labelledby="services-h"><h2 id="services-h">${t('operator.residents.services')}</h2>
${v.services.length
  ? html`<ul class="operator-items">${v.services.map(
      (s, i) => html`<li><p><strong>${s.name}</strong>${s.suspended ? html` <span class="tag">${t('operator.residents.suspended')}</span>` : ''}<br>${t('operator.residents.fields')}: ${s.fields.join(', ') || t('operator.none')} · ${t('operator.residents.lastUsed')}: ${when(p, s.lastUsedAt)}</p>
${own ? '' : actionForm(p, csrf, { action: `${base}/services/${encodeURIComponent(s.clientId)}/revoke`, id: `service-${i}`, button: t('operator.residents.revokeGrant'), danger: true })}</li>`,
    )}</ul>`
  : html`<p>${t('operator.none')}</p>`}
</section>
<section><h2 id="activity-h">${t('operator.residents.activity')}</h2>
${v.activity.length
  ? html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="activity-h"><table><thead><tr><th scope="col">${t('operator.when')}</th><th scope="col">${t('operator.residents.event')}</th><th scope="col">${t('operator.residents.outcome')}</th><th scope="col">${t('operator.residents.service')}</th></tr></thead>
<tbody>${v.activity.map((e) => html`<tr><td>${when(p, e.at)}</td><td><code>${e.type}</code></td><td>${e.outcome}</td><td>${e.clientId ?? ''}</td></tr>`)}</tbody></table></div>`
  : html`<p>${t('operator.none')}</p>`}
</section>`;
}
