import { errors } from 'oidc-provider';
import type { ResourceServer } from '../../oidc/resource-servers.ts';
import { credentialDetail } from './payloads.ts';

/**
 * The CSC API as the provider sees it (oidc/resource-servers.ts): tokens whose audience is
 * `${issuer}/csc/v2`, the resource scope `credential`, the plain scope `service`, and the
 * RFC 9396 type `credential` (CSC §8.4.3), checked before any sign-in page is shown.
 */
export const CSC_TOKEN_TTL_SECONDS = 300;

export function cscResourceServer(issuer: string): ResourceServer {
  return {
    resource: `${issuer}/csc/v2`,
    scopes: ['credential'],
    plainScopes: ['service'],
    accessTokenTTL: CSC_TOKEN_TTL_SECONDS,
    authorizationDetailsTypes: {
      credential(detail, client) {
        if (!String(client.scope ?? '').split(' ').includes('credential')) throw new errors.InvalidAuthorizationDetails('the client is not registered for scope "credential" (remote signing)');
        const r = credentialDetail.safeParse(detail);
        if (!r.success) {
          const i = r.error.issues[0]!;
          throw new errors.InvalidAuthorizationDetails(`credential details: ${i.path.join('.') || 'detail'} ${i.message}`);
        }
      },
    },
  };
}
