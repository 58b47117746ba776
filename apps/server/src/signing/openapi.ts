/**
 * OpenAPI 3.1 description of the signing API for services (served at /api/signing/openapi.json).
 * Kept beside the routes it describes (service-api.ts); the schemas mirror its zod schemas.
 */
export function signingOpenApi(server: string) {
  const error = { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' } } };
  const document = { type: 'object', required: ['name', 'sha256'], properties: { name: { type: 'string', maxLength: 200 }, sha256: { type: 'string', description: 'SHA-256 of the document, base64 (32 bytes)' } } };
  const errors = Object.fromEntries(['400', '401', '403', '404', '410', '415', '429'].map((c) => [c, { description: 'error', content: { 'application/json': { schema: error } } }]));
  return {
    openapi: '3.1.0',
    info: { title: 'Yat signing API', version: '1', description: 'Remote signing by residents at the plus level, approved on their wallet. Signatures are detached CAdES-B-T (CMS, DER) or, for a PDF, PAdES-B-T.' },
    servers: [{ url: server }],
    components: {
      securitySchemes: { clientCredentials: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `${server}/oidc/token`, scopes: { signing: 'Request signatures from residents' } } } } },
    },
    security: [{ clientCredentials: ['signing'] }],
    paths: {
      '/api/signing/requests': {
        post: {
          summary: 'Ask a resident to sign documents (by digest) or one PDF',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    documents: { type: 'array', minItems: 1, maxItems: 20, items: document },
                    pdf: { type: 'object', required: ['name', 'data'], properties: { name: { type: 'string' }, data: { type: 'string', description: 'the PDF, base64, at most 10 MB' } } },
                    sub: { type: 'string', description: "the resident's pairwise subject identifier at this service; without it, whoever scans signs" },
                    expires_in: { type: 'integer', minimum: 60, maximum: 1080 },
                    webhook_url: {
                      type: 'string',
                      maxLength: 500,
                      description: 'where to POST a signed event (a JWS, flattened JSON, ES256 with the platform key in /oidc/jwks) when the request is signed or declined: {event: "signing.signed" | "signing.declined", signing_request: {id, status}}',
                    },
                  },
                  oneOf: [{ required: ['documents'] }, { required: ['pdf'] }],
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'created: show `url` as a QR code (and a same-device link) with `verification_code` beside it',
              content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' }, url: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' }, verification_code: { type: 'string' } } } } },
            },
            ...errors,
          },
        },
      },
      '/api/signing/requests/{id}': {
        get: {
          summary: "A request's status; once signed, each document's signature and the certificate chain",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'status',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      id: { type: 'string' },
                      status: { enum: ['pending', 'signed', 'declined', 'expired', 'failed'] },
                      expires_at: { type: 'string', format: 'date-time' },
                      documents: {
                        type: 'array',
                        items: { type: 'object', properties: { name: { type: 'string' }, sha256: { type: 'string' }, signature: { type: 'string', description: 'CAdES-B-T, DER, base64' }, signed_pdf: { type: 'string', description: 'PAdES-B-T PDF, base64' } } },
                      },
                      certificate_chain: { type: 'string', description: "PEM: the resident's certificate, the issuing CA, the root" },
                      certificate_serial: { type: 'string' },
                    },
                  },
                },
              },
            },
            ...errors,
          },
        },
      },
    },
  };
}
