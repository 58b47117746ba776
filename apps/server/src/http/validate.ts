import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from '../errors.ts';

type Issue = { field: string; message: string };

/** One message for invalid input wherever it is caught: the first problems named, all in `details`. */
function invalidInput(issues: Issue[], what: string): AppError {
  const summary = issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`).join('; ');
  return badRequest('invalid_request', `The ${what} is not valid (${summary}).`, { issues });
}

/** Parses untrusted input; the first problems are named in the message, all in `details`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw invalidInput(r.error.issues.map((i) => ({ field: i.path.join('.') || what, message: i.message })), what);
}

const partNames: Record<string, string> = { body: 'request body', querystring: 'query string', params: 'address', headers: 'request headers' };

/** A route schema's refusal (Fastify's `validation` error) in the same words as parseInput's. */
export function validationError(err: FastifyError): AppError {
  const what = partNames[err.validationContext ?? 'body'] ?? 'request';
  const issues = (err.validation ?? []).map((v) => ({ field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || what, message: v.message ?? 'is not valid' }));
  return invalidInput(issues, what);
}

/** Shared pieces of route schemas (see http/openapi.ts). */
export const inLanguages = z.object({ en: z.string(), 'zh-Hant': z.string(), 'zh-Hans': z.string() }).describe('the same text in each language');

export const errorReply = z.object({ error: z.string().describe('a stable code'), message: z.string().describe('safe to show to a person'), details: z.unknown().optional() });

/** The error replies a route can give, all in the one error shape. */
export const errorReplies = <S extends number>(...statuses: S[]) => Object.fromEntries(statuses.map((s) => [s, errorReply])) as Record<S, typeof errorReply>;

/** An HTML page's reply, for routes that serve people rather than programs. */
export const htmlReply = { description: 'an HTML page', content: { 'text/html': { schema: z.string() } } };

/** A reply in another format than JSON (text, binary), described by its media type. */
export const replyOf = (mediaType: string, description: string) => ({ description, content: { [mediaType]: { schema: z.string().describe(description) } } });

/** A page's schema: listed in the API document under "pages", so every route is described. */
export function pageSchema(summary: string, extra: { params?: z.ZodType; body?: z.ZodType; querystring?: z.ZodType; redirects?: boolean } = {}) {
  return {
    tags: ['pages'],
    summary,
    ...(extra.params ? { params: extra.params } : {}),
    ...(extra.body ? { body: extra.body, consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'] } : {}),
    ...(extra.querystring ? { querystring: extra.querystring } : {}),
    response: { 200: htmlReply, ...(extra.redirects ? { 303: redirectReply } : {}), ...errorReplies(400, 403, 404, 429) },
  };
}

/** A reply with no body (204). */
export const noContent = z.null().describe('done; nothing to send back');

/** A redirect's (empty) body: where to go is in the Location header. */
export const redirectReply = z.string().describe('empty: the Location header says where to go');

/** A route that only sends the browser elsewhere. */
export const redirectSchema = (summary: string, status: 301 | 302 | 303 | 308 = 301) => ({ tags: ['pages'], summary, response: { [status]: redirectReply } });

/** A page form's fields as the browser posts them (application/x-www-form-urlencoded); the handler checks each. */
export const formFields = z.record(z.string(), z.unknown()).nullish().describe('the form fields (an upload form sends them as multipart/form-data)');
