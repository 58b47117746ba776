import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { z } from 'zod';
import { cscError, CscFailure, type CscAuthorizations } from './authorizations.ts';
import { credentialDetail, cscCredentialInfo, cscInfo, errorSchema, infoBody, listBody, schemas, signHashBody, type CredentialDetail } from './payloads.ts';

/**
 * The CSC API v2 routes (payloads.ts has the spec's shapes). `info` is open; the others take
 * the provider's access tokens: an ordinary token with scope `service` (the resident signed in
 * through the wallet) lists and describes the resident's credentials; a token for this API
 * with a `credential` authorization (the details the resident approved) signs those hashes.
 * Errors keep the CSC shape `{error, error_description}` (§10.1), including bad bodies.
 */
export type CscRouteDeps = { provider: Provider; csc: CscAuthorizations; issuer: string; cscResource: string };

type Token = { accountId: string; clientId: string; grantId: string; scopes: string[]; audience?: string; details: CredentialDetail[] };

const limit = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 429: errorSchema };
const route = (summary: string, s: { body: z.ZodType; response: z.ZodType }, secured = true) => ({
  tags: ['signing', 'csc'],
  summary,
  body: s.body,
  ...(secured ? { security: [{ cscToken: [] }] } : {}),
  response: { 200: s.response, ...errors },
});

export function registerCscRoutes(app: FastifyInstance, deps: CscRouteDeps): void {
  const { provider, csc } = deps;

  async function tokenOf(req: FastifyRequest): Promise<Token> {
    const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization ?? '');
    if (!m) throw cscError(401, 'invalid_token', 'Send the access token from the authorization server: Authorization: Bearer <token>.');
    const t = await provider.AccessToken.find(m[1]!);
    if (!t || t.isExpired || !t.accountId || !t.clientId || !t.grantId) throw cscError(401, 'invalid_token', 'The access token is invalid or has expired.');
    const details = ((t.rar as unknown[] | undefined) ?? []).flatMap((d) => {
      const r = credentialDetail.safeParse(d);
      return r.success ? [r.data] : [];
    });
    return { accountId: t.accountId, clientId: t.clientId, grantId: t.grantId, scopes: String(t.scope ?? '').split(' '), audience: typeof t.aud === 'string' ? t.aud : undefined, details };
  }

  /** A token naming the resident: `service` (signed in), or a credential authorization for this API. */
  async function residentToken(req: FastifyRequest): Promise<Token> {
    const t = await tokenOf(req);
    if (t.scopes.includes('service') || (t.audience === deps.cscResource && t.scopes.includes('credential'))) return t;
    throw cscError(403, 'insufficient_scope', 'The access token needs scope "service" (or a credential authorization) to read credentials.');
  }

  app.setErrorHandler((err: FastifyError | CscFailure, req, reply) => {
    if (err instanceof CscFailure) return reply.code(err.status).header('cache-control', 'no-store').send(err.body);
    const status = (err as FastifyError).statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'CSC API failure');
    const error = status === 429 ? 'too_many_requests' : status >= 500 ? 'server_error' : 'invalid_request';
    const invalid = (err as FastifyError).validation?.[0];
    const description = invalid ? `Invalid parameter ${invalid.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'body'}: ${invalid.message}` : err.message;
    return reply.code(status).send({ error, error_description: status >= 500 ? 'The signing service failed; try again.' : description });
  });
  app.addHook('onSend', async (req, reply) => {
    if (reply.statusCode === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
  });

  app.post('/csc/v2/info', { schema: route('CSC: what this remote signing service offers', schemas.info, false), config: limit(600) }, async (req) => {
    return cscInfo(deps.issuer, (req.body as { lang?: string } | undefined)?.lang === 'zh-Hant' ? 'zh-Hant' : 'en');
  });

  app.post<{ Body: z.infer<typeof listBody> }>('/csc/v2/credentials/list', { schema: route("CSC: the resident's signing credentials", schemas.list), config: limit(300) }, async (req, reply) => {
    const body = req.body;
    const t = await residentToken(req);
    if (body.userID) throw cscError(400, 'invalid_request', 'Invalid parameter userID: the access token already names the resident.');
    const creds = (await csc.list(t.accountId)).filter((c) => !body.onlyValid || c.status === 'valid');
    const opts = { certificates: body.certificates ?? 'single', certInfo: body.certInfo ?? false, authInfo: body.authInfo ?? false, lang: body.lang ?? 'en' };
    return reply.header('cache-control', 'no-store').send({
      credentialIDs: creds.map((c) => c.credentialID),
      ...(body.credentialInfo ? { credentialInfos: creds.map((c) => ({ credentialID: c.credentialID, ...cscCredentialInfo(c, opts) })) } : {}),
      ...(body.onlyValid !== undefined ? { onlyValid: body.onlyValid } : {}),
    });
  });

  app.post<{ Body: z.infer<typeof infoBody> }>('/csc/v2/credentials/info', { schema: route('CSC: one credential: key, certificate chain, how it is authorised', schemas.credentialInfo), config: limit(300) }, async (req, reply) => {
    const body = req.body;
    const t = await residentToken(req);
    const c = await csc.info(t.accountId, body.credentialID);
    return reply.header('cache-control', 'no-store').send(cscCredentialInfo(c, { certificates: body.certificates ?? 'single', certInfo: body.certInfo ?? false, authInfo: body.authInfo ?? false, lang: body.lang ?? 'en' }));
  });

  app.post<{ Body: z.infer<typeof signHashBody> }>('/csc/v2/signatures/signHash', { schema: route('CSC: sign the hashes the resident approved for this access token', schemas.signHash), config: limit(300) }, async (req, reply) => {
    const body = req.body;
    const t = await tokenOf(req);
    if (t.audience !== deps.cscResource || !t.scopes.includes('credential') || !t.details.length) {
      throw cscError(403, 'insufficient_scope', 'signHash needs an access token from a credential authorization (scope "credential" with authorization_details naming the hashes).');
    }
    if (body.operationMode === 'A') throw cscError(400, 'invalid_request', 'Invalid parameter operationMode: only synchronous signing ("S") is offered.');
    const signatures = await csc.signHash(t, body);
    return reply.header('cache-control', 'no-store').send({ signatures });
  });
}
