import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import { outcomes, type AuditRow } from '../../audit-search.ts';
import { when } from '../kit.ts';

const text = (f: Record<string, unknown>, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '');

function hidden(csrf: string, f: Record<string, unknown>, extra: Record<string, string> = {}): Html {
  const all: Record<string, string> = { ...Object.fromEntries(Object.keys(f).filter((k) => k !== 'before').map((k) => [k, text(f, k)])), ...extra };
  return html`<input type="hidden" name="csrf" value="${csrf}">${Object.entries(all).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}`;
}

export function auditBody(p: PageContext, csrf: string, f: Record<string, unknown>, result: { events: AuditRow[]; next: number | null } | null): Html {
  const { t, lang } = p;
  const input = (name: string, label: string, type = 'text', hint?: string) =>
    html`<p><label for="f-${name}">${label}</label>${hint ? html`<span class="hint" id="f-${name}-hint">${hint}</span>` : ''}<input type="${type}" id="f-${name}" name="${name}" value="${text(f, name)}" autocomplete="off" ${hint ? html`aria-describedby="f-${name}-hint"` : ''}></p>`;
  return html`<h1>${t('operator.audit.title')}</h1>
<p class="lead">${t('operator.audit.intro')}</p>
<form method="post" action="/console/operator/audit?lang=${lang}" class="analytics-filters">
  <input type="hidden" name="csrf" value="${csrf}">
  ${input('idNumber', t('operator.audit.idNumber'))}
  ${input('service', t('operator.audit.service'))}
  ${input('type', t('operator.audit.type'), 'text', t('operator.audit.typeHint'))}
  <p><label for="f-outcome">${t('operator.audit.outcome')}</label><select id="f-outcome" name="outcome"><option value="">${t('operator.audit.any')}</option>
  ${outcomes.map((o) => html`<option value="${o}" ${text(f, 'outcome') === o ? html`selected` : ''}>${t(`operator.audit.outcomes.${o}`)}</option>`)}</select></p>
  ${input('from', t('operator.audit.from'), 'date')}
  ${input('to', t('operator.audit.to'), 'date')}
  <p><button type="submit" class="button">${t('operator.audit.search')}</button></p>
</form>
${result ? results(p, csrf, f, result) : ''}`;
}

function results(p: PageContext, csrf: string, f: Record<string, unknown>, r: { events: AuditRow[]; next: number | null }): Html {
  const { t, lang } = p;
  return html`<section><h2 id="results-h">${t('operator.audit.results')}</h2>
<form method="post" action="/console/operator/audit.csv?lang=${lang}">${hidden(csrf, f)}<button type="submit" class="button secondary">${t('operator.audit.csv')}</button></form>
${r.events.length
  ? html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="results-h"><table data-audit-results>
<thead><tr><th scope="col">${t('operator.when')}</th><th scope="col">${t('operator.residents.event')}</th><th scope="col">${t('operator.audit.outcome')}</th><th scope="col">${t('operator.audit.resident')}</th><th scope="col">${t('operator.residents.service')}</th><th scope="col">${t('operator.audit.detail')}</th></tr></thead>
<tbody>${r.events.map(
      (e) => html`<tr data-event="${e.id}"><td>${when(p, e.at)}</td><td><code>${e.type}</code></td><td>${e.outcome}</td><td>${e.residentId ? html`<a href="/console/operator/residents/${e.residentId}?lang=${lang}">${e.residentId.slice(0, 8)}</a>` : ''}</td><td>${e.clientId ?? ''}</td><td><code>${JSON.stringify(e.detail)}</code></td></tr>`,
    )}</tbody></table></div>`
  : html`<p>${t('operator.audit.empty')}</p>`}
${r.next ? html`<form method="post" action="/console/operator/audit?lang=${lang}">${hidden(csrf, f, { before: String(r.next) })}<button type="submit" class="button secondary">${t('operator.audit.next')}</button></form>` : ''}
</section>`;
}
