import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../../errors.ts';
import { consoleCsrfValid } from '../sessions.ts';

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
