import { forbidden } from '../errors.ts';

/**
 * Two worlds share one platform: production (real residents, services an operator approved)
 * and the sandbox (synthetic identities developers create in the developer console, and every
 * service before approval). A service's environment is its client metadata `yat_env`
 * (absent: production, as for `yat client add`); a resident is a sandbox identity when their
 * registry record was made in the console (table `sandbox_identities`, keyed like the
 * registry by the identity number's keyed hash; `Resident.environment`). A login across the two is refused.
 */
export type Environment = 'sandbox' | 'production';

export const clientEnvironment = (client: object | undefined): Environment => ((client as { yat_env?: unknown } | undefined)?.yat_env === 'sandbox' ? 'sandbox' : 'production');

/** The wallet's refusal, in words a resident or a developer understands. */
export function environmentMismatch(resident: Environment) {
  return resident === 'sandbox'
    ? forbidden('wrong_environment', 'This is a sandbox test identity: it can sign in only to services in the sandbox, not to this live service.')
    : forbidden('wrong_environment', 'This service is still in its sandbox: only test identities made in the developer console can sign in to it.');
}
