import type Provider from 'oidc-provider';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import { ensureOwnClient, ownRelyingParty, type OwnClient } from '../../oidc/own-clients.ts';
import type { Db } from '../../storage/db.ts';

/**
 * The portal signs residents in exactly as any other service does: it is one of the
 * platform's own relying parties (oidc/own-clients.ts), registered with the provider and
 * talking to it over HTTP with openid-client, authenticated with private_key_jwt.
 */
export const portalScopes = 'openid profile email phone address yat:id_number';

export function ensurePortalClient(deps: { db: Db; crypto: FieldCrypto; provider: Provider; clients: ClientStore; issuer: string }): Promise<OwnClient> {
  return ensureOwnClient(deps, { setting: 'portal_client', name: 'Yat portal', names: { 'zh-Hant': '壹 政府服務網站', 'zh-Hans': '壹 政府服务网站' }, redirectPath: '/account/callback', postLogoutPath: '/', scope: portalScopes });
}

export const portalRelyingParty = (issuer: string, client: () => Promise<OwnClient>) => ownRelyingParty(issuer, '/account/callback', client);

export type PortalRelyingParty = ReturnType<typeof portalRelyingParty>;
