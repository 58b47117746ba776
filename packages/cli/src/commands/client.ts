import fs from 'node:fs';
import { createApp } from '@yat/server/app.ts';
import { AppError } from '@yat/server/errors.ts';
import { registerClient } from '@yat/server/oidc/client-registration.ts';
import { CliError, parse, printJson, required, withContext, type Command } from '../cli.ts';

const help = `Usage:
  yat client add --name NAME --redirect-uri URI [--redirect-uri URI …] (--jwks-file FILE | --jwks-uri URI | --secret)
                 [--name-zh-hant NAME --name-zh-hans NAME] [--department-zh-hant NAME --department-zh-hans NAME]
                 [--fields F,F…] [--required-fields F,F…]
                 [--scope "openid profile …"] [--sector NAME] [--department NAME] [--logo-uri URI]
                 [--post-logout-redirect-uri URI …] [--backchannel-logout-uri URI] [--require-par]
                 [--client-credentials] [--fapi] [--id-token-alg ES256|PS256|RS256]
                 [--encrypt ECDH-ES|ECDH-ES+A256KW|RSA-OAEP-256 [--encrypt-userinfo]]
                 [--ciba poll|ping [--ciba-notification-endpoint URI]]
  yat client list

add   registers a service and prints {"client_id": …} (and "client_secret" with --secret: shown once).
      --jwks-file: the service's public keys for private_key_jwt (recommended).
      --fields / --required-fields: the e-ME fields the service may ask for (optional ones /
                required ones), e.g. --required-fields name_en --fields email,postal_address;
                the allowed scopes follow from them. Without them: every field --scope covers.
      --name-zh-hant / --name-zh-hans (and --department-…): the names residents see in Chinese;
                without them the wallet shows the English name in every language.
      --sector: services in the same sector see the same pairwise "sub" for a resident;
                default: the host of the first redirect URI.
      --fapi: the FAPI 2.0 Security Profile (needs --jwks-file): PAR only, private_key_jwt
                with PS256/ES256/EdDSA, DPoP-bound tokens with server nonces (docs/fapi.md).
      --encrypt: ID tokens (and with --encrypt-userinfo, signed userinfo) encrypted to the
                service's key; the JWKS must hold an encryption key (A256GCM content).
      --ciba: a backchannel authentication (CIBA) client: the service asks the resident's
                wallet directly; no --redirect-uri, keys at --jwks-uri, and the --sector of
                the service's sign-in client (same "sub"); "ping" also needs an https
                --ciba-notification-endpoint.
list  prints the registered services as JSON.`;

const options = {
  name: { type: 'string' },
  'name-zh-hant': { type: 'string' },
  'name-zh-hans': { type: 'string' },
  'department-zh-hant': { type: 'string' },
  'department-zh-hans': { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
  'jwks-file': { type: 'string' },
  'jwks-uri': { type: 'string' },
  secret: { type: 'boolean' },
  scope: { type: 'string' },
  fields: { type: 'string' },
  'required-fields': { type: 'string' },
  sector: { type: 'string' },
  department: { type: 'string' },
  'logo-uri': { type: 'string' },
  'post-logout-redirect-uri': { type: 'string', multiple: true },
  'backchannel-logout-uri': { type: 'string' },
  'require-par': { type: 'boolean' },
  'client-credentials': { type: 'boolean' },
  fapi: { type: 'boolean' },
  'id-token-alg': { type: 'string' },
  encrypt: { type: 'string' },
  'encrypt-userinfo': { type: 'boolean' },
  ciba: { type: 'string' },
  'ciba-notification-endpoint': { type: 'string' },
} as const;

function cibaOf(mode: string | undefined, endpoint: string | undefined) {
  if (mode === undefined) return undefined;
  if (mode === 'poll') return { mode: 'poll' as const };
  if (mode === 'ping') return { mode: 'ping' as const, notificationEndpoint: required(endpoint, 'ciba-notification-endpoint') };
  throw new CliError('--ciba must be "poll" or "ping"');
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function readJwks(file: string): { keys: unknown[] } {
  let jwks: { keys?: unknown };
  try {
    jwks = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys?: unknown };
  } catch (err) {
    throw new CliError(`Cannot read a JWKS from ${file}: ${(err as Error).message}`);
  }
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new CliError(`${file} must be a JWKS: {"keys": [ …public keys… ]}`);
  if (jwks.keys.some((k) => typeof k === 'object' && k !== null && 'd' in k)) throw new CliError(`${file} contains a private key; register only the public keys.`);
  return { keys: jwks.keys };
}

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export const command: Command = async (args) => {
  const { values, positionals } = parse(args, options, help);
  const sub = positionals[0];
  if (sub !== 'add' && sub !== 'list') throw new CliError(help);
  await withContext(async (ctx) => {
    const app = await createApp(ctx);
    try {
      if (sub === 'list') return printJson(await app.clients.list());
      const redirectUris = values['redirect-uri'] ?? [];
      if (!redirectUris.length && !values.ciba) throw new CliError('--redirect-uri is required');
      printJson(
        await registerClient(app, {
          name: required(values.name, 'name'),
          names: { 'zh-Hant': values['name-zh-hant'], 'zh-Hans': values['name-zh-hans'] },
          departmentNames: { 'zh-Hant': values['department-zh-hant'], 'zh-Hans': values['department-zh-hans'] },
          redirectUris,
          ...(values['jwks-file'] ? { jwks: readJwks(values['jwks-file']) } : {}),
          jwksUri: values['jwks-uri'],
          secret: values.secret ?? false,
          scope: values.scope,
          ...(values.fields !== undefined || values['required-fields'] !== undefined ? { fields: { required: list(values['required-fields']), optional: list(values.fields) } } : {}),
          sector: values.sector,
          department: values.department,
          logoUri: values['logo-uri'],
          postLogoutRedirectUris: values['post-logout-redirect-uri'],
          backchannelLogoutUri: values['backchannel-logout-uri'],
          requirePar: values['require-par'],
          clientCredentials: values['client-credentials'],
          fapi: values.fapi,
          idTokenAlg: oneOf(values['id-token-alg'], ['ES256', 'PS256', 'RS256'] as const, 'id-token-alg'),
          ...(values.encrypt
            ? { encryption: { alg: oneOf(values.encrypt, ['ECDH-ES', 'ECDH-ES+A256KW', 'RSA-OAEP-256'] as const, 'encrypt')!, enc: 'A256GCM' as const, userinfo: values['encrypt-userinfo'] ?? false } }
            : {}),
          ciba: cibaOf(values.ciba, values['ciba-notification-endpoint']),
        }),
      );
    } catch (err) {
      if (err instanceof AppError) throw new CliError(err.message);
      throw err;
    } finally {
      await app.close();
    }
  });
};
