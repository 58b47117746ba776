import crypto from 'node:crypto';
import type { Adapter, AdapterPayload, ClientMetadata, Configuration } from 'oidc-provider';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Lang } from '../i18n/index.ts';
import type { Db } from '../storage/db.ts';
import { fapiMetadataProblem } from './fapi.ts';

/**
 * Relying parties (services) live in the database so the CLI, the consoles and every
 * instance see the same set. Client secrets are encrypted at rest. Reads are cached for a
 * few seconds: the token endpoint looks its client up on every call.
 */
export type ServiceInfo = {
  clientId: string;
  /** The English name; `names` has it in each language the platform speaks. */
  name: string;
  names: Record<Lang, string>;
  department: string | undefined;
  departmentNames: Record<Lang, string> | undefined;
  logoUri: string | undefined;
  verified: boolean;
  /** Where a resident finds the service: its registered client_uri, else the site its redirect URI is on. */
  url: string | undefined;
  /** The registered domain the wallet shows: the host of the first redirect URI. */
  domain: string | undefined;
};

/**
 * Names in the other languages are language-tagged metadata as RFC 7591 §2.2 writes them
 * (`client_name#zh-Hant`); a name missing in a language falls back to the English one.
 */
export const nameTags = ['zh-Hant', 'zh-Hans'] as const;
const taggedProperties = ['client_name', 'yat_department'].flatMap((p) => nameTags.map((tag) => `${p}#${tag}`));

function localized(m: ClientMetadata, key: string, fallback: string): Record<Lang, string> {
  const pick = (tag: string) => (typeof m[`${key}#${tag}`] === 'string' && m[`${key}#${tag}`] ? String(m[`${key}#${tag}`]) : fallback);
  return { en: fallback, 'zh-Hant': pick('zh-Hant'), 'zh-Hans': pick('zh-Hans') };
}

/** A service's name in the resident's language. */
export const serviceName = (s: Pick<ServiceInfo, 'name' | 'names'>, lang: Lang): string => s.names[lang] || s.name;

export const clientMetadataProperties: NonNullable<Configuration['extraClientMetadata']> = {
  properties: ['yat_sector', 'yat_department', 'yat_verified', 'yat_fapi', 'yat_env', 'yat_field_purposes', ...taggedProperties],
  validator(_ctx, key, value, metadata) {
    if (key === 'yat_env' && value !== undefined && value !== 'sandbox' && value !== 'production') throw new Error('yat_env must be "sandbox" or "production"');
    if (key === 'yat_field_purposes' && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) throw new Error('yat_field_purposes must map field names to {en, zh-Hant, zh-Hans}');
    if (taggedProperties.includes(key) && value !== undefined && !(typeof value === 'string' && value.length <= 200)) {
      throw new Error(`${key} must be a string of at most 200 characters`);
    }
    if (key === 'yat_sector' && value !== undefined && !(typeof value === 'string' && /^[a-z0-9.-]{1,100}$/.test(value))) {
      throw new Error('yat_sector must be 1-100 characters of a-z, 0-9, "." and "-"');
    }
    if (key === 'yat_department' && value !== undefined && !(typeof value === 'string' && value.length <= 200)) {
      throw new Error('yat_department must be a string of at most 200 characters');
    }
    if (key === 'yat_verified' && value !== undefined && typeof value !== 'boolean') throw new Error('yat_verified must be a boolean');
    if (key === 'yat_fapi' && value !== undefined) {
      if (typeof value !== 'boolean') throw new Error('yat_fapi must be a boolean');
      const problem = value ? fapiMetadataProblem(metadata as unknown as Record<string, unknown>) : undefined;
      if (problem) throw new Error(problem);
    }
  },
};

const CACHE_MS = 5_000;

export function createClientStore(deps: { db: Db; crypto: FieldCrypto }) {
  const { db, crypto: fc } = deps;
  const cache = new Map<string, { at: number; metadata: ClientMetadata | undefined }>();

  const seal = (m: ClientMetadata): string => {
    const copy = { ...m };
    if (copy.client_secret) copy.client_secret = `enc:${fc.encrypt(copy.client_secret, m.client_id)}`;
    return JSON.stringify(copy);
  };
  const unseal = (text: string): ClientMetadata => {
    const m = JSON.parse(text) as ClientMetadata;
    if (typeof m.client_secret === 'string' && m.client_secret.startsWith('enc:')) m.client_secret = fc.decrypt(m.client_secret.slice(4), m.client_id);
    return m;
  };

  return {
    newClientId: () => `svc_${crypto.randomBytes(12).toString('base64url')}`,

    /** `exec`: the caller's transaction, when the change is written with its audit event. */
    async save(metadata: ClientMetadata, exec: Db = db): Promise<void> {
      const row = { name: String(metadata.client_name ?? metadata.client_id), metadata: seal(metadata) };
      await exec
        .insertInto('oidc_clients')
        .values({ client_id: metadata.client_id, created_at: Date.now(), ...row })
        .onConflict((oc) => oc.column('client_id').doUpdateSet(row))
        .execute();
      cache.delete(metadata.client_id);
    },

    /** Forgets a client for good (an organisation's automation client it deleted). */
    async remove(clientId: string, exec: Db = db): Promise<void> {
      await exec.deleteFrom('oidc_clients').where('client_id', '=', clientId).execute();
      cache.delete(clientId);
    },

    /**
     * `exec`: the caller's transaction, read through it and not cached (it may roll back). A
     * read on `db` inside a transaction waits forever on SQLite: its one connection is the
     * transaction's.
     */
    async find(clientId: string, exec?: Db): Promise<ClientMetadata | undefined> {
      const hit = exec ? undefined : cache.get(clientId);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.metadata;
      const row = await (exec ?? db).selectFrom('oidc_clients').select('metadata').where('client_id', '=', clientId).executeTakeFirst();
      const metadata = row ? unseal(row.metadata) : undefined;
      if (exec) return metadata;
      if (cache.size > 10_000) cache.clear();
      cache.set(clientId, { at: Date.now(), metadata });
      return metadata;
    },

    async info(clientId: string): Promise<ServiceInfo | undefined> {
      const m = await this.find(clientId);
      if (!m) return undefined;
      const name = String(m.client_name ?? clientId);
      const department = typeof m.yat_department === 'string' ? m.yat_department : undefined;
      return {
        clientId,
        name,
        names: localized(m, 'client_name', name),
        department,
        departmentNames: department ? localized(m, 'yat_department', department) : undefined,
        logoUri: typeof m.logo_uri === 'string' ? m.logo_uri : undefined,
        verified: m.yat_verified === true,
        url: typeof m.client_uri === 'string' ? m.client_uri : URL.parse(m.redirect_uris?.[0] ?? '')?.origin,
        // The registered domain the wallet shows: the host of the first redirect URI.
        domain: URL.parse(String((m.redirect_uris as string[] | undefined)?.[0] ?? ''))?.hostname || undefined,
      };
    },

    async list(): Promise<Array<{ clientId: string; name: string; createdAt: number }>> {
      const rows = await db.selectFrom('oidc_clients').select(['client_id', 'name', 'created_at']).orderBy('created_at').execute();
      return rows.map((r) => ({ clientId: r.client_id, name: r.name, createdAt: Number(r.created_at) }));
    },
  };
}

export type ClientStore = ReturnType<typeof createClientStore>;

/** oidc-provider reads clients through the same store; it never writes them (no dynamic registration). */
export function createClientAdapter(store: ClientStore): Adapter {
  const readOnly = async () => {
    throw new Error('clients are registered with "yat client add" or the developer console');
  };
  return {
    find: async (id: string) => (await store.find(id)) as AdapterPayload | undefined,
    upsert: readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: async () => undefined,
  };
}
