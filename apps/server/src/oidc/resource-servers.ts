import { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * APIs other than userinfo that take the provider's access tokens (RFC 8707 resource
 * indicators), and the RFC 9396 `authorization_details` types they accept. A capability
 * describes its API here (signing's CSC API is one); the provider issues tokens for it whose
 * audience is the API and which carry the approved details. oidc-provider allows rich
 * authorization requests only together with resource indicators, so both come from one list.
 *
 * Requests that name none of these APIs (no `resource`, none of its scopes, no details) get
 * the same tokens as before: for userinfo, or the client-credentials token.
 */
export type ResourceServer = {
  /** The resource indicator (an absolute URL), also the tokens' audience. */
  resource: string;
  /** Scopes of this API: a request with one of them, or with one of its details types, is for this API. */
  scopes: string[];
  /**
   * Scopes the API also accepts on ordinary tokens (approved like a sign-in, no details): CSC's
   * `service` scope, for listing the resident's credentials. Not resource scopes of the API.
   */
  plainScopes?: string[];
  accessTokenTTL: number;
  /** RFC 9396 types, each with its check (throw `errors.InvalidAuthorizationDetails` to refuse). */
  authorizationDetailsTypes: Record<string, (detail: Record<string, unknown>, client: { clientId: string; scope?: string }) => void>;
};

type Features = NonNullable<Configuration['features']>;

// Typed as a plain object: oidc-provider's types spell each feature combination out (RAR with or
// without introspection, OpenID4VCI…) and this one is checked by the provider at start instead.
export function resourceServerFeatures(servers: readonly ResourceServer[]): object {
  const byResource = new Map(servers.map((s) => [s.resource, s]));
  const isFor = (s: ResourceServer, params: Record<string, unknown>) => {
    const scopes = String(params.scope ?? '').split(' ');
    if (s.scopes.some((x) => scopes.includes(x))) return true;
    try {
      const details = typeof params.authorization_details === 'string' ? (JSON.parse(params.authorization_details) as Array<{ type?: string }>) : [];
      return Array.isArray(details) && details.some((d) => Object.hasOwn(s.authorizationDetailsTypes, String(d?.type)));
    } catch {
      return false;
    }
  };
  const types = Object.fromEntries(
    servers.flatMap((s) =>
      Object.entries(s.authorizationDetailsTypes).map(([type, check]) => [type, { validate: (_ctx: KoaContextWithOIDC, detail: Record<string, unknown>, client: { clientId: string; scope?: string }) => check(detail, client) }]),
    ),
  );
  const detailsOf = (source: { rar?: unknown } | undefined) => (source?.rar as Array<Record<string, unknown>> | undefined) ?? undefined;

  const resourceIndicators: Features['resourceIndicators'] = {
    enabled: true,
    async defaultResource(ctx, _client, oneOf) {
      if (oneOf) return oneOf;
      return servers.find((s) => isFor(s, (ctx.oidc.params ?? {}) as Record<string, unknown>))?.resource as string;
    },
    // A code or refresh token issued for one of these APIs keeps making tokens for it.
    useGrantedResource: async (_ctx, model) => typeof (model as { resource?: unknown }).resource === 'string' && byResource.has((model as { resource: string }).resource),
    async getResourceServerInfo(_ctx, resource) {
      const s = byResource.get(resource);
      if (!s) throw new errors.InvalidTarget(`unknown resource ${resource}`);
      return { scope: s.scopes.join(' '), audience: s.resource, accessTokenTTL: s.accessTokenTTL, accessTokenFormat: 'opaque' };
    },
  };
  return {
    resourceIndicators,
    richAuthorizationRequests: {
      enabled: servers.length > 0,
      types,
      // What the resident approved is what the grant holds (interaction results add it); codes and tokens carry that.
      authorizationDetailsForGrantSource: (ctx: KoaContextWithOIDC) => detailsOf(ctx.oidc.grant as never),
      authorizationDetailsForAccessToken: (_ctx: unknown, _token: unknown, source: unknown) => detailsOf(source as never),
      authorizationDetailsForIntrospection: (_ctx: unknown, token: unknown) => detailsOf(token as never),
    },
  };
}

/** Scopes to add to the provider's list so clients may register for them. */
export const resourceServerScopes = (servers: readonly ResourceServer[]): string[] => servers.flatMap((s) => [...s.scopes, ...(s.plainScopes ?? [])]);

/**
 * Every client may ask for these types as far as oidc-provider's own per-client list goes; each
 * type's check decides by the client's registration (for `credential`: the scope it registered).
 */
export const resourceServerClientDefaults = (servers: readonly ResourceServer[]): { authorization_details_types?: string[] } =>
  servers.length ? { authorization_details_types: servers.flatMap((s) => Object.keys(s.authorizationDetailsTypes)) } : {};
