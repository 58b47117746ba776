import { html, type Html } from '../http/html.ts';
import type { PageContext } from '../http/layout.ts';
import type { Db } from '../storage/db.ts';
import { publish, type Published } from './suppress.ts';

/**
 * The portal home's two public figures: residents registered and services that accept the
 * digital identity. Counted live (both are small queries), suppressed below 10 like every
 * published figure.
 */
export async function publicFigures(db: Db): Promise<{ residents: Published; services: Published }> {
  const [r, s] = await Promise.all([
    db.selectFrom('residents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('portal_services').select((eb) => eb.fn.countAll().as('n')).where('accepts_identity', '=', 1).executeTakeFirstOrThrow(),
  ]);
  return { residents: publish(Number(r.n)), services: publish(Number(s.n)) };
}

export function figuresSection(p: PageContext, f: { residents: Published; services: Published }): Html {
  const { t } = p;
  const shown = (v: Published) => (v === null ? t('analytics.figureSuppressed') : v.toLocaleString(p.lang));
  return html`<section aria-labelledby="h-figures" class="figures"><h2 id="h-figures">${t('analytics.figuresHeading')}</h2>
<dl class="facts"><dt>${t('analytics.residentsRegistered')}</dt><dd data-figure="residents">${shown(f.residents)}</dd><dt>${t('analytics.servicesConnected')}</dt><dd data-figure="services">${shown(f.services)}</dd></dl>
</section>`;
}
