import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isUnavailable } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { datasets } from '../datasets.ts';
import { CKAN_API_VERSION, CKAN_COMPATIBLE_VERSION, CkanError, envelopeSchema, errorSchema, failure, invalid, notFound, ok } from './envelope.ts';
import { allPackages, groupList, ORGANIZATION, type Package } from './packages.ts';
import { packageSearch } from './search.ts';

/**
 * CKAN's Action API, read-only, at /api/3/action/<name> (GET with query parameters, or POST
 * with a JSON object, as CKAN accepts both). Errors keep CKAN's envelope and statuses: the
 * scope's error handler turns Fastify's validation errors into 409 Validation Errors naming
 * the field, as CKAN's validators do.
 */
type Params = Record<string, unknown>;
type Action = { summary: string; doc: string; params: Record<string, object>; required?: string[]; result: object; run(p: Params): unknown };

const str = { type: 'string', maxLength: 500 };
const int = (max: number) => ({ type: 'integer', minimum: 0, maximum: max });
const bool = { type: 'boolean' };
const loose = { type: 'object', additionalProperties: true };
const resourceSchema = { type: 'object', additionalProperties: true, properties: { id: str, package_id: str, name: str, format: str, url: str, mimetype: str } };
const packageSchema = { type: 'object', additionalProperties: true, properties: { id: str, name: str, title: str, notes: str, license_id: str, frequency: str, resources: { type: 'array', items: resourceSchema } } };
const orgSchema = { type: 'object', additionalProperties: true, properties: { id: str, name: str, title: str, package_count: { type: 'integer' } } };
const names = { type: 'array', items: str };

export function registerCkanRoutes(app: FastifyInstance, deps: { base: string; modified(): string; log: Logger }): void {
  const { log } = deps;
  const packages = (): Package[] => allPackages(deps.base, deps.modified());
  const byName = (id: unknown) => packages().find((p) => p.id === id || p.name === id);
  const idOf = (p: Params, field = 'id') => {
    if (typeof p[field] !== 'string' || !p[field]) throw invalid(field, 'Missing value');
    return p[field];
  };
  const page = (list: unknown[], p: Params) => list.slice(Number(p.offset ?? 0), p.limit === undefined ? undefined : Number(p.offset ?? 0) + Number(p.limit));
  const org = (withDatasets: boolean) => ({ ...ORGANIZATION, display_name: ORGANIZATION.title, package_count: datasets.length, ...(withDatasets ? { packages: packages() } : {}) });

  const actions: Record<string, Action> = {
    package_list: { summary: 'Names of all datasets', doc: 'Return a list of the names of the site\'s datasets (packages). :param limit: :param offset:', params: { limit: int(1000), offset: int(100_000) }, result: names, run: (p) => page(packages().map((x) => x.name), p) },
    package_show: { summary: 'One dataset', doc: 'Return the metadata of a dataset (package) and its resources. :param id: the id or name of the dataset', params: { id: str }, required: ['id'], result: packageSchema, run: (p) => byName(idOf(p)) ?? fail(notFound()) },
    package_search: {
      summary: 'Search datasets',
      doc: 'Search for datasets. :param q: words (all must match) or field:value :param fq: field:value filters :param rows: at most 1000 :param start: :param sort: e.g. "name asc" :param facet.field: a JSON list of fields to count (organization, groups, tags, res_format, license_id, frequency)',
      params: { q: str, fq: str, rows: int(1000), start: int(100_000), sort: str, // A JSON list in a string (query) or a list (JSON body); checked by search.ts, as schema coercion would turn one into the other.
        'facet.field': { description: 'A JSON list of field names, e.g. ["organization","tags"]' }, 'facet.limit': int(1000), 'facet.mincount': int(1_000_000), include_private: bool, include_drafts: bool },
      result: { type: 'object', additionalProperties: true, properties: { count: { type: 'integer' }, sort: str, results: { type: 'array', items: packageSchema }, facets: loose, search_facets: loose } },
      run: (p) => packageSearch(packages(), p),
    },
    organization_list: { summary: 'Organizations', doc: 'Return a list of the names of the organizations. :param all_fields: return dictionaries instead of names', params: { all_fields: bool, limit: int(1000), offset: int(100_000), sort: str }, result: { type: 'array', items: {} }, run: (p) => page(p.all_fields ? [org(false)] : [ORGANIZATION.name], p) },
    organization_show: { summary: 'One organization', doc: 'Return the details of an organization. :param id: its id or name :param include_datasets:', params: { id: str, include_datasets: bool }, required: ['id'], result: orgSchema, run: (p) => (idOf(p) === ORGANIZATION.id ? org(p.include_datasets === true) : fail(notFound())) },
    group_list: { summary: 'Groups (themes)', doc: 'Return a list of the names of the groups. :param all_fields: return dictionaries instead of names', params: { all_fields: bool, limit: int(1000), offset: int(100_000), sort: str }, result: { type: 'array', items: {} }, run: (p) => page(p.all_fields ? groupList().map((g) => ({ ...g, package_count: datasets.filter((d) => d.group === g.name).length })) : groupList().map((g) => g.name), p) },
    resource_show: { summary: 'One resource (download)', doc: 'Return the metadata of a resource. :param id: the resource id', params: { id: str }, required: ['id'], result: resourceSchema, run: (p) => packages().flatMap((x) => x.resources).find((r) => r.id === idOf(p)) ?? fail(notFound()) },
    status_show: { summary: 'Site status', doc: 'Return the site\'s version and the extensions it has.', params: {}, result: loose, run: () => ({ site_title: 'Yat open data', site_description: 'Open data about the Yat digital identity platform and the government services portal', site_url: deps.base, ckan_version: CKAN_COMPATIBLE_VERSION, error_emails_to: null, locale_default: 'en', extensions: ['yat-ckan-compat', 'fluent', 'dcat', 'spatial'] }) },
    help_show: { summary: 'An action\'s help', doc: 'Return the help string of an action. :param name: the action', params: { name: str }, required: ['name'], result: str, run: (p) => actions[idOf(p, 'name')]?.doc ?? fail(notFound()) },
  };

  app.register(async (scope) => {
    scope.setErrorHandler((err: FastifyError | CkanError, req, reply) => sendFailure(req, reply, err));
    scope.get('/api/3', { schema: { tags: ['open data (CKAN)'], summary: 'The API version', response: { 200: { type: 'object', properties: { version: { type: 'integer' } } } } } }, async () => ({ version: CKAN_API_VERSION }));
    for (const [name, a] of Object.entries(actions)) {
      const input = { type: 'object', additionalProperties: true, properties: a.params, ...(a.required ? { required: a.required } : {}) };
      const response = { 200: envelopeSchema(a.result), 400: errorSchema, 404: errorSchema, 409: errorSchema, '4xx': errorSchema, '5xx': errorSchema };
      const config = { rateLimit: { max: 600, timeWindow: '1 minute' } };
      const tags = ['open data (CKAN)'];
      const handler = async (req: FastifyRequest) => ok(deps.base, name, a.run(((req.method === 'POST' ? req.body : req.query) ?? {}) as Params));
      scope.get(`/api/3/action/${name}`, { schema: { tags, summary: a.summary, querystring: input, response }, config }, handler);
      scope.post(`/api/3/action/${name}`, { schema: { tags, summary: a.summary, body: input, response }, config }, handler);
    }
    // CKAN clients call actions with GET or POST; any other name is CKAN's own 400, in its envelope.
    const unknownAction = { tags: ['open data (CKAN)'], summary: 'An action that does not exist', params: { type: 'object', properties: { name: str } }, response: { 400: errorSchema, '4xx': errorSchema, '5xx': errorSchema } };
    const notKnown = async (req: FastifyRequest) => {
      throw new CkanError('badRequest', `Action name not known: ${(req.params as { name: string }).name}`);
    };
    scope.get('/api/3/action/:name', { schema: unknownAction }, notKnown);
    scope.post('/api/3/action/:name', { schema: { ...unknownAction, body: {} } }, notKnown);
  });

  function sendFailure(req: FastifyRequest, reply: FastifyReply, err: FastifyError | CkanError) {
    const action = req.url.split('?')[0]!.split('/').pop() ?? '';
    let e: CkanError;
    if (err instanceof CkanError) e = err;
    else if (err.validation) {
      const fields: Record<string, string[]> = {};
      for (const v of err.validation) {
        const field = String((v.params as { missingProperty?: string }).missingProperty ?? v.instancePath.replace(/^\//, '')) || 'body';
        (fields[field] ??= []).push((v.params as { missingProperty?: string }).missingProperty ? 'Missing value' : (v.message ?? 'Invalid value'));
      }
      e = new CkanError('validation', Object.entries(fields).map(([f, m]) => `${f}: ${m.join(', ')}`).join('; '), fields);
    } else {
      // Anything else keeps its own status (415, 429, a refused URL), in CKAN's envelope.
      const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
      if (status >= 500) log.error({ err, url: req.url }, 'CKAN action failed');
      const { body } = failure(deps.base, action, new CkanError('badRequest', status >= 500 ? 'Something went wrong on our side. Please try again later.' : err.message));
      return reply.code(isUnavailable(err) ? 503 : status).header('cache-control', 'no-store').send({ ...body, error: { ...body.error, __type: status >= 500 ? 'Internal Server Error' : body.error.__type } });
    }
    const { status, body } = failure(deps.base, action, e);
    return reply.code(status).header('cache-control', 'no-store').send(body);
  }
}

function fail(e: CkanError): never {
  throw e;
}
