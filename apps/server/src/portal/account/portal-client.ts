import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type Provider from 'oidc-provider';
import * as oidc from 'openid-client';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import { registerClient } from '../../oidc/client-registration.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import type { Db } from '../../storage/db.ts';

/**
 * The portal signs residents in exactly as any other service does: it is a registered
 * client of the platform's own OpenID provider and talks to it over HTTP with openid-client.
 *
 * It authenticates with private_key_jwt rather than a client secret: the provider then holds
 * only a public key (a leaked client table gives nothing away), it is what the platform asks
 * of every department, and the private key never travels — it signs a short-lived assertion.
 * The private key is kept in the database encrypted with the platform's data key, so every
 * instance shares one client.
 */
export const portalScopes = 'openid profile email phone address yat:id_number';
const SETTING = 'portal_client';

type Stored = { clientId: string; privateJwk: JWK; kid: string };

export async function ensurePortalClient(deps: { db: Db; crypto: FieldCrypto; provider: Provider; clients: ClientStore; issuer: string }): Promise<Stored> {
  const existing = await readSetting(deps);
  const redirectUri = `${deps.issuer}/account/callback`;
  // A changed ISSUER (another host name) needs a client registered for the new callback.
  const metadata = existing ? await deps.clients.find(existing.clientId) : undefined;
  // So does one registered before services carried their names in Chinese.
  if (existing && metadata?.redirect_uris?.includes(redirectUri) && metadata['client_name#zh-Hant']) return existing;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `portal-${Date.now().toString(36)}`;
  const { client_id } = await registerClient(deps, {
    name: 'Yat portal',
    names: { 'zh-Hant': '壹 政府服務網站', 'zh-Hans': '壹 政府服务网站' },
    department: 'Yat digital government platform',
    departmentNames: { 'zh-Hant': '壹 數碼政府平台', 'zh-Hans': '壹 数码政府平台' },
    redirectUris: [redirectUri],
    postLogoutRedirectUris: [`${deps.issuer}/`],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    scope: portalScopes,
    requirePar: true,
  });
  const stored: Stored = { clientId: client_id, privateJwk: await exportJWK(privateKey), kid };
  const row = { value_enc: deps.crypto.encryptJson(stored, SETTING), created_at: Date.now() };
  if (existing) await deps.db.updateTable('portal_settings').set(row).where('key', '=', SETTING).execute();
  // Two instances starting at once: the first row wins and the other's client stays unused.
  else await deps.db.insertInto('portal_settings').values({ key: SETTING, ...row }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await readSetting(deps))!;
}

async function readSetting(deps: { db: Db; crypto: FieldCrypto }): Promise<Stored | undefined> {
  const row = await deps.db.selectFrom('portal_settings').select('value_enc').where('key', '=', SETTING).executeTakeFirst();
  return row ? deps.crypto.decryptJson<Stored>(row.value_enc, SETTING) : undefined;
}

/**
 * The openid-client configuration, discovered lazily: at start-up the HTTP server is not yet
 * listening, so the first sign-in does the discovery (and a failed one is retried next time).
 */
export function portalRelyingParty(issuer: string, client: () => Promise<Stored>) {
  let config: Promise<oidc.Configuration> | undefined;
  return {
    redirectUri: `${issuer}/account/callback`,
    async config(): Promise<oidc.Configuration> {
      config ??= (async () => {
        const c = await client();
        const key = (await importJWK(c.privateJwk, 'ES256')) as CryptoKey;
        const insecure = issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [];
        return oidc.discovery(new URL(issuer), c.clientId, undefined, oidc.PrivateKeyJwt({ key, kid: c.kid }), { execute: insecure });
      })();
      return config.catch((err: unknown) => {
        config = undefined;
        throw err;
      });
    },
  };
}

export type PortalRelyingParty = ReturnType<typeof portalRelyingParty>;
