import type { FastifyInstance } from 'fastify';
import type { ConsoleAuth } from '../../../consoles/auth.ts';
import type { ClientStore } from '../../../oidc/clients.ts';
import type { AnalyticsStore } from '../../store.ts';

export function registerAnalyticsPage(_app: FastifyInstance, _deps: { store: AnalyticsStore; consoles: ConsoleAuth; clients: ClientStore }): void {}
