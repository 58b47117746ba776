import { errors, type ClientMetadata, type Configuration } from 'oidc-provider';
import { badRequest } from '../errors.ts';
import { fieldByClaim, fieldByName, fields, fieldsByScope, isFieldName, type Field, type Lang } from './fields.ts';

/**
 * What a service may ask for. Its registration lists e-ME fields as required or optional
 * (`yat_fields`); the client's allowed scopes are derived from them, so oidc-provider itself
 * refuses a scope outside the registration (`invalid_scope`) and `assertClaimsParameter`
 * below refuses a claims-parameter request for an unregistered field. A scope that covers
 * several fields (`profile`) asks for the registered ones among them only.
 */
export type FieldRegistration = { required: string[]; optional: string[] };
export type Purpose = Record<Lang, string>;
/** `purpose`: why the service asks, in each language, when it said (the wallet shows it under the field). */
export type AskedField = Field & { required: boolean; purpose?: Purpose };

export function parseFieldRegistration(value: unknown): FieldRegistration {
  const v = value as Partial<FieldRegistration> | undefined;
  if (!v || typeof v !== 'object' || !Array.isArray(v.required) || !Array.isArray(v.optional)) {
    throw new Error('yat_fields must be {"required": [field…], "optional": [field…]}');
  }
  const all = [...v.required, ...v.optional];
  const unknown = all.filter((n) => typeof n !== 'string' || !isFieldName(n));
  if (unknown.length) throw new Error(`yat_fields names unknown e-ME fields: ${unknown.join(', ')} (known: ${fields.map((f) => f.name).join(', ')})`);
  if (new Set(all).size !== all.length) throw new Error('yat_fields lists a field twice (a field is either required or optional)');
  return { required: v.required, optional: v.optional };
}

/** The registration; services registered before fields existed may ask for every field their scopes cover. */
export function registeredFields(client: Pick<ClientMetadata, 'scope'> & { yat_fields?: unknown }): FieldRegistration {
  if (client.yat_fields !== undefined) return parseFieldRegistration(client.yat_fields);
  const scopes = String(client.scope ?? '').split(' ');
  return { required: [], optional: fields.filter((f) => scopes.includes(f.scope)).map((f) => f.name) };
}

/** The scopes a client needs for its registered fields (plus openid, and offline_access when it refreshes). */
export function scopeForFields(reg: FieldRegistration, offlineAccess: boolean): string {
  const scopes = new Set(['openid', ...(offlineAccess ? ['offline_access'] : [])]);
  for (const name of [...reg.required, ...reg.optional]) scopes.add(fieldByName(name)!.scope);
  return [...scopes].join(' ');
}

/** Field names behind claims the registration does not cover (claims that are not e-ME fields are ignored). */
export function unregisteredClaimFields(reg: FieldRegistration, claimNames: Iterable<string>): string[] {
  const allowed = new Set([...reg.required, ...reg.optional]);
  const out = new Set<string>();
  for (const c of claimNames) {
    const f = fieldByClaim(c);
    if (f && !allowed.has(f.name)) out.add(f.name);
  }
  return [...out];
}

/**
 * The purposes a service gave for its fields (`yat_field_purposes`, written by the developer
 * console): only complete ones, in all three languages, so the wallet never mixes languages.
 */
export function fieldPurposes(client: ClientMetadata): Record<string, Purpose> {
  const given: unknown = client.yat_field_purposes;
  if (!given || typeof given !== 'object') return {};
  const complete = (p: unknown): p is Purpose => !!p && typeof p === 'object' && (['en', 'zh-Hant', 'zh-Hans'] as const).every((l) => typeof (p as Record<string, unknown>)[l] === 'string' && (p as Record<string, string>)[l] !== '');
  return Object.fromEntries(Object.entries(given).filter(([, p]) => complete(p))) as Record<string, Purpose>;
}

/** The fields one authorization request asks for, each marked required or optional. */
export function askedFields(reg: FieldRegistration, scope: string, claimNames: Iterable<string>): AskedField[] {
  const unregistered = unregisteredClaimFields(reg, claimNames);
  if (unregistered.length) throw badRequest('unregistered_field', `The service is not registered for: ${unregistered.join(', ')}`);
  const allowed = new Set([...reg.required, ...reg.optional]);
  const scopes = new Set(scope.split(' ').filter(Boolean));
  const wanted = new Set<string>();
  for (const s of scopes) for (const f of fieldsByScope(s)) if (allowed.has(f.name)) wanted.add(f.name);
  for (const c of claimNames) {
    const f = fieldByClaim(c);
    if (f) wanted.add(f.name);
  }
  return fields.filter((f) => wanted.has(f.name)).map((f) => ({ ...f, required: reg.required.includes(f.name) }));
}

/** Claim names in an OIDC `claims` parameter (userinfo and id_token members). */
export function claimNamesOf(claims: unknown): string[] {
  const c = claims as { userinfo?: Record<string, unknown>; id_token?: Record<string, unknown> } | undefined;
  if (!c || typeof c !== 'object') return [];
  return [...new Set([...Object.keys(c.userinfo ?? {}), ...Object.keys(c.id_token ?? {})])];
}

type ExtraMetadata = NonNullable<Configuration['extraClientMetadata']>;

/** Adds `yat_fields` to the client metadata oidc-provider accepts, validated like the rest. */
export function withFieldRegistration(extra: ExtraMetadata): ExtraMetadata {
  return {
    properties: [...(extra.properties ?? []), 'yat_fields'],
    validator(ctx, key, value, metadata) {
      if (key === 'yat_fields') {
        if (value !== undefined) parseFieldRegistration(value);
        return;
      }
      return extra.validator?.(ctx, key, value, metadata);
    },
  };
}

/**
 * oidc-provider's `features.claimsParameter.assertClaimsParameter`: a claims parameter that
 * names a field outside the service's registration is refused at the authorization (or PAR)
 * endpoint, before any sign-in page is shown.
 */
export function assertClaimsRegistered(client: { scope?: string; yat_fields?: unknown } | undefined, claims: unknown): void {
  if (!client) return;
  const unregistered = unregisteredClaimFields(registeredFields(client), claimNamesOf(claims));
  if (unregistered.length) {
    throw new errors.InvalidRequest(`the claims parameter asks for e-ME fields this service is not registered for: ${unregistered.join(', ')}`);
  }
}
