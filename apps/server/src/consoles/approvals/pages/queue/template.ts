import { errorSummary } from '../../../layout.ts';
import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import { formatDateTime } from '../../../../i18n/time.ts';
import { configSummary, diffTable } from '../../../developer/pages/service/template.ts';
import type { ApprovalRequest } from '../../queue.ts';

/** The queue: each request's changes against the approved configuration, the whole of it, and the two decisions. */
export function queueBody(p: PageContext, csrf: string, requests: ApprovalRequest[], opts: { notice?: string; error?: string; errorFor?: string } = {}): Html {
  const { t, lang } = p;
  return html`<h1>${t('developer.approvals.title')}</h1>
<p class="lead">${t('developer.approvals.intro')}</p>
${opts.notice ? html`<div class="done" role="status"><p>${opts.notice}</p></div>` : ''}
${requests.length ? '' : html`<p>${t('developer.approvals.none')}</p>`}
${requests.map((r) => html`<section aria-labelledby="req-${r.id}" data-request="${r.id}">
<h2 id="req-${r.id}">${r.serviceName} <span class="muted">(${r.organisation})</span></h2>
<p>${t(r.firstApproval ? 'developer.approvals.first' : 'developer.approvals.change', { time: formatDateTime(lang, r.requestedAt) })}</p>
${diffTable(p, r.changes)}
<details><summary>${t('developer.approvals.whole')}</summary>${configSummary(p, r.config)}</details>
${opts.errorFor === r.id ? errorSummary(t('developer.problem'), opts.error) : ''}
<form method="post" action="/console/operator/approvals/${r.id}?lang=${lang}">
<input type="hidden" name="csrf" value="${csrf}">
<div class="field"><label for="reason-${r.id}">${t('developer.approvals.reason')}</label><span class="hint" id="reason-${r.id}-hint">${t('developer.approvals.reasonHint')}</span>
<textarea id="reason-${r.id}" name="reason" maxlength="500" aria-describedby="reason-${r.id}-hint"></textarea></div>
<button type="submit" name="decision" value="approve">${t('developer.approvals.approve')}</button>
<button type="submit" name="decision" value="reject" class="secondary">${t('developer.approvals.reject')}</button>
</form></section>`)}`;
}
