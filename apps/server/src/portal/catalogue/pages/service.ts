import { html, type Html } from '../../../http/html.ts';
import type { PageContext } from '../../../http/layout.ts';
import type { Snapshot } from '../catalogue.ts';
import { documents, eligibility } from '../content/vocabulary.ts';
import { triOf, type Department, type Service } from '../model.ts';
import { breadcrumbs, cataloguePage, href } from './components.ts';

const amount = (n: number): string => n.toLocaleString('en-HK');

/** The call to action: a hosted e-form here, the department's own site, or the counter. */
function start(p: PageContext, s: Service, d: Department): Html {
  const { t } = p;
  const deptName = triOf(d.name, p.lang);
  if (s.online === 'here') {
    return html`<p>${t('catalogue.service.startHere')}</p>
<p><a class="button start" href="${href(p, `/apply/${s.slug}`)}" data-start>${t('catalogue.service.startNow')}</a></p>`;
  }
  if (s.online === 'elsewhere' && s.url) {
    return html`<p>${t('catalogue.service.startElsewhere', { department: deptName })}</p>
<p><a class="button start" href="${s.url}" rel="noopener external" data-start>${t('catalogue.service.startNow')}</a></p>`;
  }
  return html`<div class="counter-only"><p>${t('catalogue.service.counterOnly')}</p>${contact(p, d)}</div>`;
}

function contact(p: PageContext, d: Department): Html {
  const { t } = p;
  return html`<dl class="contact">
<dt>${t('catalogue.service.where')}</dt><dd>${triOf(d.counter, p.lang)}</dd>
<dt>${t('catalogue.service.hours')}</dt><dd>${triOf(d.hours, p.lang)}</dd>
<dt>${t('catalogue.service.phone')}</dt><dd><a href="tel:+852${d.phone.replace(/\s/g, '')}">${d.phone}</a></dd>
</dl>`;
}

function facts(p: PageContext, s: Service): Html {
  const { t } = p;
  const fee = s.fee === 0 ? t('catalogue.service.free') : t('catalogue.service.amount', { amount: amount(s.fee) });
  const time = s.days === 0 ? t('catalogue.service.onTheSpot') : t('catalogue.service.days', { count: s.days });
  const ways = [
    s.online === 'here' ? t('catalogue.service.wayHere') : null,
    s.online === 'elsewhere' ? t('catalogue.service.wayElsewhere') : null,
    s.counter || s.online === 'none' ? t('catalogue.service.wayCounter') : null,
  ].filter((w): w is string => w !== null);
  return html`<h2>${t('catalogue.service.facts')}</h2>
<dl class="facts">
<dt>${t('catalogue.service.fee')}</dt><dd>${fee}${s.feeNote ? html`<br><span class="muted">${triOf(s.feeNote, p.lang)}</span>` : ''}</dd>
<dt>${t('catalogue.service.time')}</dt><dd>${time}</dd>
<dt>${t('catalogue.service.ways')}</dt><dd><ul>${ways.map((w) => html`<li>${w}</li>`)}</ul></dd>
<dt>${t('catalogue.service.identity')}</dt><dd>${s.identity ? t('catalogue.service.identityYes') : t('catalogue.service.identityNo')}</dd>
</dl>`;
}

const listOf = (p: PageContext, keys: readonly string[], vocab: Record<string, readonly [string, string, string]>): Html =>
  html`<ul>${keys.filter((k) => vocab[k]).map((k) => html`<li>${triOf(vocab[k]!, p.lang)}</li>`)}</ul>`;

export function servicePage(p: PageContext, snap: Snapshot, s: Service): string {
  const { t } = p;
  const d = snap.department(s.department)!;
  const deptName = triOf(d.name, p.lang);
  const topics = [
    ...s.categories.map((c) => snap.category(c) && ([`/categories/${c}`, triOf(snap.category(c)!.name, p.lang)] as const)),
    ...s.lifeEvents.map((e) => snap.lifeEvent(e) && ([`/life-events/${e}`, triOf(snap.lifeEvent(e)!.name, p.lang)] as const)),
  ].filter((x) => !!x);
  const body = html`${breadcrumbs(p, [[t('catalogue.nav.departments'), '/departments'], [deptName, `/departments/${d.slug}`]])}
<p class="caption">${t('catalogue.service.providedBy')} <a href="${href(p, `/departments/${d.slug}`)}">${deptName}</a></p>
<h1>${triOf(s.name, p.lang)}</h1>
<p class="lead">${triOf(s.summary, p.lang)}</p>
${start(p, s, d)}
<h2>${t('catalogue.service.who')}</h2>
${listOf(p, s.eligibility, eligibility)}
<h2>${t('catalogue.service.need')}</h2>
${listOf(p, s.documents, documents)}
${facts(p, s)}
${s.online !== 'none' && s.counter ? html`<h2>${t('catalogue.service.wayCounter')}</h2>${contact(p, d)}` : ''}
${topics.length ? html`<h2>${t('catalogue.service.related')}</h2><ul class="related">${topics.map(([path, name]) => html`<li><a href="${href(p, path)}">${name}</a></li>`)}</ul>` : ''}`;
  return cataloguePage(p, { title: triOf(s.name, p.lang), body });
}
