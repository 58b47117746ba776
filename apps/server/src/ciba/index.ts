import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { WalletSessions } from '../wallet-api/session.ts';
import { createCibaRequests, type CibaDeps } from './requests.ts';
import { registerCibaRoutes } from './routes.ts';
import { createSubjectIndex } from './subjects.ts';

/**
 * CIBA — a service asks the platform to authenticate a resident it already knows (by the
 * pairwise `sub` it holds), the resident approves in the wallet. The capability's only door:
 * its stores (built before the provider, which calls into them) and its wallet routes.
 */
export function createCiba(deps: Omit<CibaDeps, 'subjects'>) {
  const subjects = createSubjectIndex(deps.db);
  const requests = createCibaRequests({ ...deps, subjects });
  return {
    subjects,
    requests,
    registerRoutes: (app: FastifyInstance, routeDeps: { provider: Provider; sessions: WalletSessions }) => registerCibaRoutes(app, { ...routeDeps, requests, residents: deps.residents }),
  };
}

export type Ciba = ReturnType<typeof createCiba>;
