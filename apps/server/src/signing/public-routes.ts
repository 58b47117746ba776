import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { errorReplies, replyOf } from '../http/validate.ts';
import type { Ca } from './ca.ts';
import type { SigningEngine } from './engine.ts';

/**
 * What anyone may fetch without signing in: the CA certificates (trust anchors for
 * verifiers), the issuing CA's CRL at the stable URL every resident certificate names, and
 * the RFC 3161 timestamp authority at /tsa.
 */
const tags = ['signing'];

export function registerSigningPublicRoutes(app: FastifyInstance, deps: { ca: Ca; engine: SigningEngine }): void {
  const { ca, engine } = deps;

  app.get<{ Params: { file: string } }>('/signing/ca/:file', { schema: { tags, summary: "The CA's certificates: root, issuing and tsa, as .pem or .crt (DER)", params: z.object({ file: z.string().max(40) }), response: { 200: replyOf('application/x-pem-file', 'the certificate (PEM, or DER for .crt)'), ...errorReplies(404) } } }, async (req, reply) => {
    const m = /^(root|issuing|tsa)\.(pem|crt)$/.exec(req.params.file);
    if (!m) throw new AppError('not_found', 404, 'Certificates: root.pem, issuing.pem, tsa.pem (or .crt for DER).');
    const { cert } = (await ca.chain())[m[1] as 'root' | 'issuing' | 'tsa'];
    reply.header('cache-control', 'public, max-age=3600');
    if (m[2] === 'pem') return reply.type('application/x-pem-file').send(cert.toString('pem'));
    return reply.type('application/pkix-cert').send(Buffer.from(cert.rawData));
  });

  app.get('/signing/crl/issuing.crl', { schema: { tags, summary: "The issuing CA's certificate revocation list (DER)", response: { 200: replyOf('application/pkix-crl', 'the CRL') } } }, async (_req, reply) => reply.type('application/pkix-crl').header('cache-control', 'public, max-age=60').send(Buffer.from(await ca.crl())));

  app.register(async (scope) => {
    scope.addContentTypeParser('application/timestamp-query', { parseAs: 'buffer', bodyLimit: 16 * 1024 }, (_req, body, done) => done(null, body));
    scope.post('/tsa', { schema: { tags, summary: 'RFC 3161 timestamp authority', consumes: ['application/timestamp-query'], body: z.unknown().describe('a DER TimeStampReq'), response: { 200: replyOf('application/timestamp-reply', 'a DER TimeStampResp'), ...errorReplies(400, 415, 429) } }, config: { rateLimit: { max: 600, timeWindow: '1 minute' } } }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 415, 'Send an RFC 3161 TimeStampReq as application/timestamp-query.');
      return reply.type('application/timestamp-reply').header('cache-control', 'no-store').send(Buffer.from(await engine.tsa.respond(req.body)));
    });
  });
}
