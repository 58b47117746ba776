import { errorSummary } from '../../../layout.ts';
import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';
import { formatIdNumber } from '../../../../identity/id-number.ts';
import type { RegistryRecord } from '../../../../identity/registry.ts';
import type { Membership, OrgRole } from '../../organisations.ts';
import type { ServiceView } from '../../services.ts';
import { backHome } from '../frame.ts';

export type OrganisationPage = {
  org: Membership;
  members: Array<{ name: string; role: OrgRole }>;
  services: ServiceView[];
  identities: RegistryRecord[];
  issuer: string;
  invitation?: { url: string };
  created?: RegistryRecord;
  errors?: { invite?: string; sandbox?: string };
};

/** One organisation: its services, its members (owners invite), its sandbox identities. */
export function organisationBody(p: PageContext, csrf: string, v: OrganisationPage): Html {
  const { t, lang } = p;
  const base = `/console/developer/organisations/${v.org.organisationId}`;
  return html`${backHome(p)}<h1>${v.org.name}</h1>
<p class="lead">${t('developer.org.yourRole', { role: t(`developer.roles.${v.org.role}`) })}</p>
<h2>${t('developer.org.services')}</h2>
${v.services.length
  ? html`<ul class="tasks">${v.services.map((s) => html`<li><a href="/console/developer/services/${s.id}?lang=${lang}">${s.draft.names[lang]}</a><br><span class="stage stage-${s.stage}">${t(`developer.stage.${s.stage}`)}</span></li>`)}</ul>`
  : html`<p>${t('developer.org.noServices')}</p>`}
<p><a class="button" href="${base}/services/new?lang=${lang}">${t('developer.org.register')}</a></p>
<p><a href="${base}/automation?lang=${lang}">${t('developer.org.automation')}</a></p>
<h2>${t('developer.org.members')}</h2>
<table><thead><tr><th scope="col">${t('developer.org.memberName')}</th><th scope="col">${t('developer.org.memberRole')}</th></tr></thead>
<tbody>${v.members.map((m) => html`<tr><td>${m.name}</td><td>${t(`developer.roles.${m.role}`)}</td></tr>`)}</tbody></table>
${v.org.role === 'owner' ? inviteForm(p, csrf, base, v) : html`<p class="muted">${t('developer.org.ownersInvite')}</p>`}
<h2 id="sandbox">${t('developer.sandbox.title')}</h2>
<p>${t('developer.sandbox.intro')}</p>
${v.created ? html`<div class="done" role="status"><p>${t('developer.sandbox.created', { id: formatIdNumber(v.created.idNumber) })}</p></div>` : ''}
${v.identities.length ? identitiesTable(p, v) : html`<p>${t('developer.sandbox.none')}</p>`}
${errorSummary(t('developer.problem'), v.errors?.sandbox)}
<form method="post" action="${base}/sandbox-identities?lang=${lang}">
<input type="hidden" name="csrf" value="${csrf}">
<fieldset><legend>${t('developer.sandbox.create')}</legend>
<div class="field"><label for="sb-family">${t('developer.sandbox.family')}</label><input type="text" id="sb-family" name="family" maxlength="60" required value="TESTER"></div>
<div class="field"><label for="sb-given">${t('developer.sandbox.given')}</label><input type="text" id="sb-given" name="given" maxlength="100" required value="Sandbox"></div>
<div class="field"><label for="sb-dob">${t('developer.sandbox.dob')}</label><input type="date" id="sb-dob" name="dob" required value="1990-01-01"></div>
<div class="field"><label for="sb-phone">${t('developer.sandbox.phone')}</label><span class="hint" id="sb-phone-hint">${t('developer.sandbox.phoneHint')}</span><input type="tel" id="sb-phone" name="phone" required aria-describedby="sb-phone-hint" autocomplete="tel"></div>
<button type="submit">${t('developer.sandbox.createButton')}</button></fieldset>
</form>`;
}

function inviteForm(p: PageContext, csrf: string, base: string, v: OrganisationPage): Html {
  const { t, lang } = p;
  return html`${v.invitation ? html`<div class="secret" role="status"><p>${t('developer.org.invitationMade')}</p><p><code class="value" data-invitation-link>${v.invitation.url}</code></p></div>` : ''}
${errorSummary(t('developer.problem'), v.errors?.invite)}
<form method="post" action="${base}/invitations?lang=${lang}">
<input type="hidden" name="csrf" value="${csrf}">
<fieldset><legend>${t('developer.org.invite')}</legend>
<div class="field"><label for="inv-id">${t('developer.org.inviteeId')}</label><span class="hint" id="inv-id-hint">${t('developer.org.inviteeHint')}</span><input type="text" id="inv-id" name="idNumber" maxlength="20" required aria-describedby="inv-id-hint"></div>
<div class="field"><label for="inv-role">${t('developer.org.memberRole')}</label><select id="inv-role" name="role"><option value="developer">${t('developer.roles.developer')}</option><option value="owner">${t('developer.roles.owner')}</option></select></div>
<button type="submit">${t('developer.org.inviteButton')}</button></fieldset>
</form>`;
}

function identitiesTable(p: PageContext, v: OrganisationPage): Html {
  const { t } = p;
  return html`<table><thead><tr><th scope="col">${t('developer.sandbox.idNumber')}</th><th scope="col">${t('developer.sandbox.dob')}</th><th scope="col">${t('developer.sandbox.name')}</th><th scope="col">${t('developer.sandbox.register')}</th></tr></thead>
<tbody>${v.identities.map((r) => html`<tr><td><code class="value">${formatIdNumber(r.idNumber)}</code></td><td>${r.dob}</td><td>${r.nameEn.family} ${r.nameEn.given}</td>
<td><code class="value">npx yat wallet register --server ${v.issuer} --store ./wallet-${r.idNumber} --id-number ${r.idNumber} --dob ${r.dob}</code><br><a href="/wallet/?lang=${p.lang}">${t('developer.sandbox.walletApp')}</a></td></tr>`)}</tbody></table>`;
}
