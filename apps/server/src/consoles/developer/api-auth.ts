import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Audit } from '../../audit/audit.ts';
import { AppError, forbidden } from '../../errors.ts';
import { bearerChallenge } from '../../oidc/service-tokens.ts';
import type { Db } from '../../storage/db.ts';
import { consoleCsrfValid } from '../sessions.ts';
import { AUTOMATION_SCOPE } from './automation.ts';
import { actedBy, asResident, type Actor } from './organisations.ts';

/**
 * The consoles' JSON APIs take the console session (its cookie) like the pages do. A write
 * must also carry the session's CSRF token in `x-csrf-token` (the token every console page
 * holds), on top of the platform's JSON-only rule for /api/ writes.
 */
export function consoleApiGuard(csrfKey: string): preHandlerAsyncHookHandler {
  return async (req) => {
    const s = req.consoleSession;
    if (!s) throw new AppError('no_session', 401, 'Sign in to the console first (/console/login).');
    if (req.method !== 'GET' && req.method !== 'HEAD' && !consoleCsrfValid(csrfKey, s.token, req.headers['x-csrf-token'])) {
      throw new AppError('csrf_failed', 403, 'Send the console CSRF token in the x-csrf-token header.');
    }
  };
}

export const sessionResident = (req: FastifyRequest): string => req.consoleSession!.residentId;

/**
 * The developer console's API takes either the console session (as above) or, for a
 * department's automation, `Authorization: Bearer` with a client-credentials token of one of
 * its organisation's automation clients (scope `console:org`). No cookie travels with a bearer
 * token, so no CSRF token is needed; the session cookie is not looked at then. Checked before
 * the body is read.
 */
export function developerApiAuth(deps: { db: Db; csrfKey: string; audit: Audit; caller: (req: FastifyRequest) => Promise<string>; actorFor: (clientId: string) => Promise<Actor | undefined> }) {
  const actors = new WeakMap<FastifyRequest, Actor>();
  const session = consoleApiGuard(deps.csrfKey);

  const guard: preHandlerAsyncHookHandler = async function (req, reply) {
    if (req.headers.authorization === undefined) {
      await session.call(this, req, reply);
      actors.set(req, asResident(req.consoleSession!.residentId));
      return;
    }
    try {
      const clientId = await deps.caller(req);
      const actor = await deps.actorFor(clientId);
      if (!actor) throw forbidden('not_automation_client', "This client is not an organisation's automation client: an owner makes one in the developer console.");
      actors.set(req, actor);
    } catch (err) {
      if (err instanceof AppError && err.status === 401) reply.header('www-authenticate', bearerChallenge(AUTOMATION_SCOPE));
      throw err;
    }
  };

  return {
    guard,
    actorOf: (req: FastifyRequest): Actor => actors.get(req)!,
    /** A person's work (creating an organisation, joining one): refused to an automation client, audited. */
    async personOf(req: FastifyRequest): Promise<string> {
      const actor = actors.get(req)!;
      if (actor.kind === 'resident') return actor.residentId;
      await deps.audit.record(deps.db, { type: 'developer.denied', outcome: 'failure', ...actedBy(actor, { need: 'person' }) });
      throw forbidden('person_only', 'Only a person signed in to the console can do this, not an automation client.');
    },
  };
}

export type DeveloperApiAuth = ReturnType<typeof developerApiAuth>;
