/**
 * CKAN's Action API envelope and error types, with CKAN's own names, as its documentation
 * and its API view define them:
 *   https://docs.ckan.org/en/2.10/api/index.html#making-an-api-request
 *   ckan/views/api.py (_finish_ok, _finish_not_found, _finish_bad_request; ValidationError → 409)
 *
 * Success: 200 {"help": <help_show URL>, "success": true, "result": …}
 * Failure:     {"help": …, "success": false, "error": {"__type": <type>, "message": …, <field>: [messages]}}
 */
export const CKAN_API_VERSION = 3;
/** The CKAN release whose Action API this one follows. */
export const CKAN_COMPATIBLE_VERSION = '2.10.0';

export const ckanErrors = {
  notFound: { type: 'Not Found Error', status: 404 },
  validation: { type: 'Validation Error', status: 409 },
  authorization: { type: 'Authorization Error', status: 403 },
  badRequest: { type: 'Bad Request', status: 400 },
  searchQuery: { type: 'Search Query Error', status: 400 },
} as const;

export type CkanErrorKind = keyof typeof ckanErrors;

export class CkanError extends Error {
  override name = 'CkanError';
  readonly kind: CkanErrorKind;
  /** Validation errors: the field names, each with its messages, as CKAN sends them. */
  readonly fields: Record<string, string[]>;
  constructor(kind: CkanErrorKind, message: string, fields: Record<string, string[]> = {}) {
    super(message);
    this.kind = kind;
    this.fields = fields;
  }
}

export const notFound = (what = 'Not found') => new CkanError('notFound', what);
export const invalid = (field: string, message: string) => new CkanError('validation', `${field}: ${message}`, { [field]: [message] });

export const helpUrl = (base: string, action: string) => `${base}/api/3/action/help_show?name=${encodeURIComponent(action)}`;

export const ok = (base: string, action: string, result: unknown) => ({ help: helpUrl(base, action), success: true as const, result });

export function failure(base: string, action: string, err: CkanError) {
  return { status: ckanErrors[err.kind].status, body: { help: helpUrl(base, action), success: false as const, error: { __type: ckanErrors[err.kind].type, message: err.message, ...err.fields } } };
}

/** The envelope as JSON Schema, for the route schemas (and so the OpenAPI document). */
export const envelopeSchema = (result: object) => ({
  type: 'object',
  required: ['help', 'success', 'result'],
  properties: { help: { type: 'string', format: 'uri' }, success: { type: 'boolean', const: true }, result },
});

export const errorSchema = {
  type: 'object',
  required: ['help', 'success', 'error'],
  properties: {
    help: { type: 'string' },
    success: { type: 'boolean', const: false },
    error: { type: 'object', required: ['__type', 'message'], additionalProperties: { type: 'array', items: { type: 'string' } }, properties: { __type: { type: 'string' }, message: { type: 'string' } } },
  },
} as const;
