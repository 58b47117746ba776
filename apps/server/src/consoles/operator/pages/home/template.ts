import { html, type Html } from '../../../../http/html.ts';
import type { PageContext } from '../../../../http/layout.ts';

const tasks = ['residents', 'requests', 'services', 'audit', 'staff', 'analytics'] as const;

export function homeBody(p: PageContext, pending: number): Html {
  const { t, lang } = p;
  return html`<h1>${t('operator.title')}</h1>
<p class="lead">${t('operator.intro')}</p>
${pending ? html`<p class="notice" role="status"><a href="/console/operator/requests?lang=${lang}">${t('operator.pendingCount', { count: pending })}</a></p>` : ''}
<ul class="tasks">${tasks.map((s) => html`<li><a href="/console/operator/${s}?lang=${lang}">${t(`operator.nav.${s}`)}</a></li>`)}</ul>
<p class="muted">${t('operator.stepUpNote')}</p>`;
}
