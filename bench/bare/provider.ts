/**
 * The comparison point: oidc-provider configured bare — its in-memory adapter, a trivial
 * login (the interaction signs a random user in at once), no database, no wallet — with the
 * same protocol settings Yat uses on the shared steps: PAR, PKCE (S256), private_key_jwt,
 * ES256 ID tokens, refresh-token rotation, client credentials, userinfo. The ratio
 * Yat / bare on those steps is the price of durability and the wallet's security.
 *
 * Environment: PORT, BENCH_CLIENT (JSON: {client_id, redirect_uri, jwk}).
 */
import crypto from 'node:crypto';
import Provider, { type Configuration } from 'oidc-provider';

const port = Number(process.env.PORT ?? 3999);
const issuer = `http://127.0.0.1:${port}`;
const client = JSON.parse(process.env.BENCH_CLIENT ?? '{}') as { client_id: string; redirect_uri: string; jwk: Record<string, unknown> };
const signing = { ...crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'bare-1', alg: 'ES256', use: 'sig' };

/**
 * oidc-provider's own MemoryAdapter keeps at most 1,000 entries (an LRU cache), which loses
 * tokens under load. This is the same idea without the bound: a Map per model, expiry on read.
 */
type Entry = { payload: Record<string, unknown>; expiresAt: number };
const stores = new Map<string, Map<string, Entry>>();
const grantIndex = new Map<string, Set<string>>();
function memoryAdapter(model: string) {
  const store = stores.get(model) ?? stores.set(model, new Map()).get(model)!;
  const byUid = new Map<string, string>();
  const live = (id: string) => {
    const e = store.get(id);
    if (e && e.expiresAt <= Date.now()) store.delete(id);
    return e && e.expiresAt > Date.now() ? e : undefined;
  };
  return {
    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
      store.set(id, { payload, expiresAt: Date.now() + expiresIn * 1000 });
      if (typeof payload.uid === 'string') byUid.set(payload.uid, id);
      const grantId = payload.grantId as string | undefined;
      if (grantId) (grantIndex.get(grantId) ?? grantIndex.set(grantId, new Set()).get(grantId)!).add(`${model}\n${id}`);
    },
    async find(id: string) {
      return live(id)?.payload;
    },
    async findByUid(uid: string) {
      const id = byUid.get(uid);
      return id ? live(id)?.payload : undefined;
    },
    async findByUserCode() {
      return undefined;
    },
    async consume(id: string) {
      const e = live(id);
      if (e) e.payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id: string) {
      store.delete(id);
    },
    async revokeByGrantId(grantId: string) {
      for (const key of grantIndex.get(grantId) ?? []) {
        const [m, id] = key.split('\n');
        stores.get(m!)?.delete(id!);
      }
      grantIndex.delete(grantId);
    },
  };
}
// Expired entries are swept now and then, as a database's TTL would.
setInterval(() => {
  const now = Date.now();
  for (const store of stores.values()) for (const [id, e] of store) if (e.expiresAt <= now) store.delete(id);
}, 30_000).unref();

const configuration: Configuration = {
  adapter: memoryAdapter as never,
  clients: [
    {
      client_id: client.client_id,
      redirect_uris: [client.redirect_uri],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      id_token_signed_response_alg: 'ES256',
      scope: 'openid offline_access profile email',
      jwks: { keys: [client.jwk as never] },
    },
  ],
  jwks: { keys: [signing as never] },
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  routes: { authorization: '/oidc/auth', token: '/oidc/token', userinfo: '/oidc/me', jwks: '/oidc/jwks', pushed_authorization_request: '/oidc/par' },
  responseTypes: ['code'],
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
  clientAuthMethods: ['private_key_jwt'],
  enabledJWA: { idTokenSigningAlgValues: ['ES256'], clientAuthSigningAlgValues: ['ES256'] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    pushedAuthorizationRequests: { enabled: true },
    clientCredentials: { enabled: true },
    userinfo: { enabled: true },
  },
  issueRefreshToken: async (_ctx, c) => c.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  ttl: { AccessToken: 600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 600, Interaction: 900, Session: 8 * 3600, Grant: 30 * 24 * 3600, RefreshToken: 30 * 24 * 3600 },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    return { accountId: sub, claims: async () => ({ sub, name: `Resident ${sub}`, email: `${sub}@example.org` }) };
  },
};

const provider = new Provider(issuer, configuration);

// The trivial login: whoever arrives is signed in as a random resident and consents to all.
provider.use(async (ctx, next) => {
  const m = ctx.path.match(/^\/interaction\/([A-Za-z0-9_-]+)$/);
  if (!m) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const accountId = `resident-${crypto.randomInt(0, 1_000_000)}`;
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  const to = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(to);
});

provider.listen(port, '127.0.0.1', () => process.stderr.write(`bare oidc-provider at ${issuer}\n`));
process.once('SIGTERM', () => process.exit(0));
