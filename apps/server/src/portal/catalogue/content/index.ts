import type { Service } from '../model.ts';
import agriculture from './agriculture.ts';
import { buildings, environment } from './buildings-environment.ts';
import { companies, intellectualProperty } from './business.ts';
import { customsExcise, tradeIndustry } from './customs-trade.ts';
import { educationBureau, studentFinance } from './education.ts';
import elections from './elections.ts';
import extras from './extras.ts';
import extrasSmall from './extras-small-departments.ts';
import foodHygiene from './food-hygiene.ts';
import health from './health.ts';
import housing from './housing.ts';
import immigration from './immigration.ts';
import inlandRevenue from './inland-revenue.ts';
import { labour, retraining } from './labour.ts';
import { landRegistry, lands, rating } from './land.ts';
import { homeAffairs, legalAid } from './legal-home-affairs.ts';
import leisure from './leisure.ts';
import { aviation, marine } from './marine-aviation.ts';
import { post, water } from './post-water.ts';
import { fireServices, policeForce } from './safety.ts';
import transport from './transport.ts';
import welfare from './welfare.ts';

export { departments } from './departments.ts';
export { categories, lifeEvents } from './taxonomy.ts';

/** Every service in the seed, one module per department (or small group of departments). */
export const services: readonly Service[] = [
  ...transport, ...immigration, ...inlandRevenue, ...housing, ...elections, ...health, ...welfare,
  ...companies, ...intellectualProperty, ...labour, ...retraining, ...educationBureau, ...studentFinance,
  ...leisure, ...foodHygiene, ...lands, ...landRegistry, ...rating, ...policeForce, ...fireServices,
  ...customsExcise, ...tradeIndustry, ...buildings, ...environment, ...marine, ...aviation, ...post, ...water,
  ...legalAid, ...homeAffairs, ...agriculture, ...extras, ...extrasSmall,
];
