import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { errorReplies } from '../http/validate.ts';
import { createdReply, statusReply } from './schemas.ts';
import { MAX_PDF_BYTES } from './pades.ts';
import type { SigningRequests } from './requests.ts';
import { requireServiceToken } from '../oidc/service-tokens.ts';

/**
 * The signing API for services: an access token from the client credentials grant with
 * scope `signing` (checked with the provider that issued it), JSON in and out.
 * Documented by the OpenAPI description at /api/signing/openapi.json.
 */
const tags = ['signing'];
const security = [{ clientCredentials: ['signing'] }];
const refusals = errorReplies(400, 401, 403, 404, 410, 413, 415, 429);
const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

export const createRequestBody = z
  .object({
    documents: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(200),
          sha256: b64.refine((v) => Buffer.from(v, 'base64').length === 32, 'must be a SHA-256 digest (32 bytes, base64)'),
        }),
      )
      .min(1)
      .max(20)
      .optional(),
    pdf: z.object({ name: z.string().trim().min(1).max(200), data: b64.max(Math.ceil((MAX_PDF_BYTES * 4) / 3) + 4, 'the PDF must be at most 10 MB') }).optional(),
    sub: z.string().min(1).max(100).optional(),
    expires_in: z.number().int().min(60).max(18 * 60).optional(),
    webhook_url: z.string().max(500).optional(),
  })
  .strict()
  .refine((b) => Boolean(b.documents) !== Boolean(b.pdf), 'give either documents or pdf, not both');

export function registerSigningServiceApi(app: FastifyInstance, deps: { provider: Provider; requests: SigningRequests }): void {
  const callerOf = requireServiceToken(app, { provider: deps.provider, scope: 'signing', prefix: '/api/signing/' });

  app.post<{ Body: z.infer<typeof createRequestBody> }>('/api/signing/requests', { bodyLimit: MAX_PDF_BYTES * 2, schema: { tags, security, summary: 'Ask a resident to sign documents (by digest) or one PDF', body: createRequestBody, response: { 201: createdReply, ...refusals } }, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (req, reply) => {
    const body = req.body;
    const created = await deps.requests.create(callerOf(req), {
      ...(body.documents ? { documents: body.documents } : {}),
      ...(body.pdf ? { pdf: { name: body.pdf.name, data: Buffer.from(body.pdf.data, 'base64') } } : {}),
      ...(body.sub ? { sub: body.sub } : {}),
      ...(body.expires_in ? { expiresIn: body.expires_in } : {}),
      ...(body.webhook_url ? { webhookUrl: body.webhook_url } : {}),
    });
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  app.get<{ Params: { id: string } }>('/api/signing/requests/:id', { schema: { tags, security, summary: "A request's status; once signed, each document's signature and the certificate chain", params: z.object({ id: z.string().max(100) }), response: { 200: statusReply, ...refusals } }, config: { rateLimit: { max: 1200, timeWindow: '1 minute' } } }, async (req, reply) => {
    return reply.header('cache-control', 'no-store').send(await deps.requests.status(callerOf(req), req.params.id));
  });
}
