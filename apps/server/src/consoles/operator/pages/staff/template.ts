import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import { staffRoles } from '../../../../identity/staff.ts';
import type { StaffRow } from '../../staff-admin.ts';
import { reasonField, when } from '../kit.ts';

export function staffBody(p: PageContext, csrf: string, rows: StaffRow[], counters: Array<{ id: string; name: string }>, self: string): Html {
  const { t, lang } = p;
  const counterName = (id: string | null) => (id ? (counters.find((c) => c.id === id)?.name ?? id) : '');
  return html`<h1>${t('operator.staff.title')}</h1>
<p class="lead">${t('operator.staff.intro')}</p>
<ul class="operator-items">${rows.map(
    (r, i) => html`<li data-staff="${r.residentId}" data-role="${r.role}"><p><strong>${r.name}</strong> <span class="tag">${t(`operator.staff.roles.${r.role}`)}</span><br>
${r.counterId ? html`${t('operator.staff.counter')}: ${counterName(r.counterId)} · ` : ''}${t('operator.staff.inForce')}: ${r.inForce ? t('operator.staff.yes') : t('operator.staff.no')} · ${when(p, r.grantedAt)}</p>
${r.residentId === self && r.role === 'operator'
  ? ''
  : html`<form method="post" action="/console/operator/staff/remove?lang=${lang}" class="operator-action">
  <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="residentId" value="${r.residentId}"><input type="hidden" name="role" value="${r.role}">
  ${reasonField(p, `remove-${i}`)}<button type="submit" class="button warning">${t('operator.staff.remove')}</button></form>`}</li>`,
  )}</ul>
<section aria-labelledby="grant-h"><h2 id="grant-h">${t('operator.staff.grantTitle')}</h2>
<form method="post" action="/console/operator/staff/grant?lang=${lang}">
  <input type="hidden" name="csrf" value="${csrf}">
  <div class="field"><label for="g-id">${t('operator.staff.idNumber')}</label><input type="text" id="g-id" name="idNumber" autocomplete="off" spellcheck="false" maxlength="20" required></div>
  <div class="field"><label for="g-role">${t('operator.staff.role')}</label><select id="g-role" name="role">${staffRoles.map((r) => html`<option value="${r}">${t(`operator.staff.roles.${r}`)}</option>`)}</select></div>
  <div class="field"><label for="g-counter">${t('operator.staff.counter')}</label><span class="hint" id="g-counter-hint">${t('operator.staff.counterHint')}</span>
  <select id="g-counter" name="counterId" aria-describedby="g-counter-hint"><option value="">${t('operator.staff.noCounter')}</option>${counters.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select></div>
  ${reasonField(p, 'grant-reason')}
  <button type="submit" class="button">${t('operator.staff.grant')}</button>
</form></section>`;
}
