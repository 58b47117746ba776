import { LIMIT } from './spec.ts';

/** The OpenAPI 3.0 definition of /ogc (conformance class oas30), served at /ogc/api. */
export function ogcOpenApi(base: string, collections: string[]) {
  const json = (schema: object) => ({ 'application/json': { schema } });
  const geo = (schema: object) => ({ 'application/geo+json': { schema }, 'text/html': { schema: { type: 'string' } } });
  const exception = { description: 'An error', content: json({ $ref: '#/components/schemas/exception' }) };
  const f = { name: 'f', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'html'] } };
  const collectionId = { name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: collections } };
  return {
    openapi: '3.0.3',
    info: { title: 'Yat spatial data (OGC API – Features)', version: '1.0.0', description: 'Registration counters, service centres and districts of Hong Kong, as OGC API – Features – Part 1: Core.', license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } },
    servers: [{ url: `${base}/ogc` }],
    paths: {
      '/': { get: { summary: 'Landing page', operationId: 'getLandingPage', parameters: [f], responses: { 200: { description: 'Links to the API', content: json({ type: 'object' }) } } } },
      '/conformance': { get: { summary: 'Conformance classes', operationId: 'getConformance', parameters: [f], responses: { 200: { description: 'The conformance classes', content: json({ type: 'object', properties: { conformsTo: { type: 'array', items: { type: 'string' } } } }) } } } },
      '/collections': { get: { summary: 'Feature collections', operationId: 'getCollections', parameters: [f], responses: { 200: { description: 'The collections', content: json({ type: 'object' }) } } } },
      '/collections/{collectionId}': { get: { summary: 'One collection', operationId: 'describeCollection', parameters: [collectionId, f], responses: { 200: { description: 'The collection', content: json({ type: 'object' }) }, 404: exception } } },
      '/collections/{collectionId}/items': {
        get: {
          summary: 'Features of a collection',
          operationId: 'getFeatures',
          parameters: [
            collectionId,
            { name: 'limit', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'integer', minimum: 1, maximum: LIMIT.max, default: LIMIT.default } },
            { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
            { name: 'bbox', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } },
            f,
          ],
          responses: { 200: { description: 'A page of features', content: geo({ type: 'object', required: ['type', 'features'] }) }, 400: exception, 404: exception },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: { summary: 'One feature', operationId: 'getFeature', parameters: [collectionId, { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, f], responses: { 200: { description: 'The feature', content: geo({ type: 'object', required: ['type', 'geometry', 'properties'] }) }, 404: exception } },
      },
    },
    components: { schemas: { exception: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, description: { type: 'string' } } } } },
  };
}
