import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { jsonSchemaTransform, ResponseSerializationError, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * One OpenAPI 3.1 document for every HTTP API that is not OpenID Connect, built by
 * @fastify/swagger from the routes' own zod schemas, so it cannot drift from what the routes
 * accept: the same schemas validate each request (fastify-type-provider-zod). OpenID Connect
 * has its own discovery document (/.well-known/openid-configuration) and is left out.
 */
export const apiTags = [
  { name: 'wallet', description: "The resident's wallet: registration, sign-in approvals, connected services, activity" },
  { name: 'catalogue', description: 'The catalogue of government services' },
  { name: 'department', description: 'Departments: applications made through hosted e-forms, and their webhook' },
  { name: 'signing', description: 'Remote signing by plus-level residents, public verification and the timestamp authority' },
  { name: 'ledger', description: 'The public transparency ledger (C2SP tlog-tiles) and its witnesses' },
  { name: 'ciba', description: 'Sign-in started by a service (CIBA) as the wallet sees it' },
  { name: 'counter', description: 'Registration counters: plus-level upgrade and recovery' },
  { name: 'notifications', description: 'Notifications: services message residents who agreed; the inbox, Web Push and alert topics' },
  { name: 'open data', description: 'Open data: dataset downloads, the DCAT-AP catalogue, the dataset pages' },
  { name: 'open data (CKAN)', description: "Open data through CKAN's Action API (version 3)" },
  { name: 'spatial (OGC API – Features)', description: 'Spatial data through OGC API – Features (Part 1): counters, service centres, districts' },
  { name: 'operator console', description: "The operators' console: usage analytics, resident support, service suspension, audit search, staff roles" },
  { name: 'operations', description: 'Health, readiness and metrics' },
  { name: 'assets', description: 'Browser libraries and styles the pages load' },
  { name: 'pages', description: 'Pages for people (HTML); listed so every route is described' },
];

/** Routes that are not APIs of ours: the OpenID provider (described by its discovery document). */
const undocumented = (url: string) => url.startsWith('/oidc') || url.startsWith('/.well-known/');

/**
 * Routes describe themselves in zod (most) or in plain JSON Schema (the notification, open data
 * and OGC routes); each is validated and serialised by its own kind's compiler, as Fastify would.
 */
const isZod = (s: unknown): s is z.ZodType => s instanceof z.ZodType;
const jsonSchemaValidator = AjvCompiler()({}, { customOptions: {}, plugins: [] });
const jsonSchemaSerializer = SerializerSelector()({}, {});
type RouteSchema = { schema: unknown; method: string; url: string; httpPart?: string; httpStatus?: string };

function usesZod(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return false;
  const parts = [schema.body, schema.params, schema.querystring, schema.headers];
  const replies = Object.values((schema.response ?? {}) as Record<string, { content?: Record<string, { schema?: unknown }> } | undefined>);
  return parts.some(isZod) || replies.some((r) => isZod(r) || Object.values(r?.content ?? {}).some((c) => isZod(c.schema)));
}

/** Validates requests and writes replies by each route's own schemas (zod or JSON Schema). */
export function useRouteSchemas(app: FastifyInstance, opts: { checkResponses: boolean }): void {
  app.setValidatorCompiler((route) => (isZod(route.schema) ? validatorCompiler({ ...route, schema: route.schema }) : jsonSchemaValidator(route as Parameters<typeof jsonSchemaValidator>[0])));
  const zodSerializer = opts.checkResponses ? checkedSerializer : plainSerializer;
  app.setSerializerCompiler((route: RouteSchema) => (isZod(route.schema) ? zodSerializer(route) : jsonSchemaSerializer(route as Parameters<typeof jsonSchemaSerializer>[0])));
}

export async function registerOpenApi(app: FastifyInstance, opts: { checkResponses: boolean }): Promise<void> {
  useRouteSchemas(app, opts);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Yat platform APIs',
        version: '1',
        description: 'Every HTTP API of the Yat platform except OpenID Connect, whose endpoints are in /.well-known/openid-configuration. Errors share one shape: {error, message, details?}.',
      },
      tags: apiTags,
      components: {
        securitySchemes: {
          clientCredentials: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oidc/token', scopes: { signing: 'Request signatures from residents', applications: 'Read and update applications made to the department', notify: 'Send notifications to residents who agreed', 'console:org': "Act on the developer console's API as a developer of the automation client's organisation" } } } },
          walletSession: { type: 'apiKey', in: 'cookie', name: 'yat_wallet' },
          consoleSession: { type: 'apiKey', in: 'cookie', name: 'yat_console', description: 'A staff console session (sign in at /console/login)' },
          cscToken: { type: 'http', scheme: 'bearer', description: 'CSC API: an access token with scope "service", or from a credential authorization (authorization_details of type credential)' },
        },
      },
    },
    transform: (doc) => {
      if (undocumented(doc.url)) return { schema: { hide: true } as FastifySchema, url: doc.url };
      return usesZod(doc.schema as Record<string, unknown> | undefined) ? jsonSchemaTransform(doc) : { schema: doc.schema, url: doc.url };
    },
  });
  app.get('/api/openapi.json', { schema: { tags: ['operations'], summary: 'This OpenAPI 3.1 document', response: { 200: z.record(z.string(), z.unknown()) } } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(app.swagger()),
  );
}

/** Production writes the reply as the handler built it: a schema describes it, it does not rewrite it. */
const plainSerializer = (_route: RouteSchema) => (data: unknown) => JSON.stringify(data);

/**
 * Tests and development check every JSON reply against the schema its route declares, so
 * the published document is proven by every test that calls the API. The reply itself is
 * not rewritten (no field is dropped or coerced).
 */
const checkedSerializer = ({ schema, method, url }: RouteSchema) => {
  const zodSchema = schema instanceof z.ZodType ? schema : undefined;
  return (data: unknown) => {
    const result = zodSchema?.safeParse(data);
    if (result && !result.success) {
      const err = new ResponseSerializationError(method, url, { cause: result.error });
      // The log says which field broke the route's promise.
      err.message = `${err.message}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ')}`;
      throw err;
    }
    return JSON.stringify(data);
  };
};
