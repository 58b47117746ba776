import { decodeJwt } from 'jose';
import { acrFor } from '../identity/residents.ts';
import type { ConsoleSession } from './sessions.ts';

/**
 * Risky staff actions (locking, unlocking, revoking, suspending, changing roles) need a fresh
 * approval on the staff member's wallet at the plus level: the console session's ID token
 * (kept encrypted with the session) says when the staff member last approved (`auth_time`) and
 * at which level (`acr`). Older than `STEP_UP_MS`, the console sends them to approve again
 * (`/console/login?step_up=1`, which asks the provider for max_age=0 and acr_values plus).
 */
export const STEP_UP_MS = 5 * 60_000;

export function freshApproval(idToken: string, now = Date.now()): boolean {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(idToken);
  } catch {
    return false;
  }
  return claims.acr === acrFor('plus') && typeof claims.auth_time === 'number' && now - claims.auth_time * 1000 <= STEP_UP_MS;
}

export const sessionIsFresh = (s: ConsoleSession | null, now = Date.now()): boolean => !!s && freshApproval(s.idToken, now);

/** Where a page sends the staff member to approve again, coming back to `returnTo`. */
export const stepUpUrl = (returnTo: string, lang: string): string => `/console/login?step_up=1&lang=${encodeURIComponent(lang)}&return=${encodeURIComponent(returnTo)}`;
