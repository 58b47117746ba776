import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { demoFields } from './app.ts';

/**
 * What the service registers with the platform, and the credentials it keeps: its own
 * signing key (private_key_jwt; only the public half is ever sent) and its client id, in its
 * data directory.
 */
export type Registration = { clientId: string; privateKey: JWK };
export type ClientRequest = {
  name: string;
  /** The name and department in Chinese (RFC 7591 language-tagged metadata on the platform). */
  names: { 'zh-Hant': string; 'zh-Hans': string };
  department: string;
  departmentNames: { 'zh-Hant': string; 'zh-Hans': string };
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string;
  jwks: { keys: JWK[] };
  fields: { required: string[]; optional: string[] };
  /** "signing" and "notify" with the client credentials grant: the service asks residents to sign its application PDF, and tells them when the card is ready. */
  scope: string;
  clientCredentials: boolean;
};

const files = (dir: string) => ({ key: path.join(dir, 'private-key.json'), pub: path.join(dir, 'public-jwks.json'), client: path.join(dir, 'client.json') });

/** The service's key pair, created on first use. */
export async function loadOrCreateKey(dir: string): Promise<{ privateKey: JWK; publicJwks: { keys: JWK[] } }> {
  const f = files(dir);
  if (!fs.existsSync(f.key)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `library-${new Date().toISOString().slice(0, 10)}`;
    fs.writeFileSync(f.key, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' }), { mode: 0o600 });
    fs.writeFileSync(f.pub, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }, null, 2));
  }
  return { privateKey: JSON.parse(fs.readFileSync(f.key, 'utf8')) as JWK, publicJwks: JSON.parse(fs.readFileSync(f.pub, 'utf8')) as { keys: JWK[] } };
}

export function clientRequest(baseUrl: string, publicJwks: { keys: JWK[] }): ClientRequest {
  return {
    name: 'Library card application',
    names: { 'zh-Hant': '申請圖書證', 'zh-Hans': '申请图书证' },
    department: 'Public Libraries',
    departmentNames: { 'zh-Hant': '公共圖書館', 'zh-Hans': '公共图书馆' },
    redirectUris: [`${baseUrl}/callback`],
    postLogoutRedirectUris: [`${baseUrl}/logged-out`],
    backchannelLogoutUri: `${baseUrl}/backchannel-logout`,
    jwks: publicJwks,
    fields: { required: [...demoFields.required], optional: [...demoFields.optional] },
    scope: 'openid signing notify',
    clientCredentials: true,
  };
}

export const savedClientId = (dir: string): string | undefined => {
  const f = files(dir).client;
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as { client_id: string }).client_id : undefined;
};

export const saveClientId = (dir: string, clientId: string): void => fs.writeFileSync(files(dir).client, JSON.stringify({ client_id: clientId }, null, 2));

/**
 * Registers the service once (the platform operator's tool does it: `register`), and
 * again if the platform no longer knows it (a fresh platform database).
 */
export async function ensureRegistered(dir: string, baseUrl: string, platform: { register(req: ClientRequest): Promise<string>; exists(clientId: string): Promise<boolean> }): Promise<Registration> {
  const { privateKey, publicJwks } = await loadOrCreateKey(dir);
  let clientId = savedClientId(dir);
  if (!clientId || !(await platform.exists(clientId))) {
    clientId = await platform.register(clientRequest(baseUrl, publicJwks));
    saveClientId(dir, clientId);
  }
  return { clientId, privateKey };
}
