import crypto from 'node:crypto';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * The discovery document and the key set are the same bytes for every caller, and every
 * service fetches them. They are answered in front of the router, the way a reverse proxy
 * answers from its cache: no cookies, no session, no hooks, no rate limit (a stored buffer
 * costs less to send than a limit costs to count), with an ETag so a caller that has them
 * gets a 304.
 *
 * The bytes are the provider's own: the first request goes through the whole stack, which
 * also fetches the document once more in the background (Fastify's inject) to fill the store.
 * The provider writes its endpoints' addresses from the request's host and (behind a proxy)
 * forwarded protocol and host, so those headers are part of the key and of the inject; only
 * requests that name the issuer's own host are answered from the store (any other host name
 * takes the whole stack), so no caller can fill it with names of their choosing.
 * Anything unusual (a query string, an Origin header that asks for CORS, another method)
 * still goes through the whole stack. Entries older than a minute are fetched again (the old
 * one answers meanwhile), so a rotated key reaches callers without a restart.
 */
type Stored = { headers: Record<string, string>; body: Buffer; etag: string; at: number };

const refreshMs = 60_000;
// Behind a trusted proxy the forwarded headers vary only as the proxy sends them; a bound all the same.
const maxKeys = 16;
const keyedHeaders = ['host', 'x-forwarded-proto', 'x-forwarded-host'] as const;
// Headers of one response that must not be replayed on another.
const perResponse = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id', 'set-cookie', 'etag']);

export type StaticDocuments = {
  /** The HTTP server, with the stored documents answered before Fastify's handler. */
  serverFactory(handler: http.RequestListener, options: { http?: http.ServerOptions | null; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number }): http.Server;
  /** Fastify, for filling the store; set once the instance exists. */
  attach(app: FastifyInstance): void;
  /** Told of every answer given from the store (metrics). */
  onServed?: (path: string, status: number, seconds: number) => void;
};

export function createStaticDocuments(documents: Record<string, string>, opts: { issuerHost: string; trustProxy: boolean; closing(): boolean }): StaticDocuments {
  const store = new Map<string, Stored>();
  const filling = new Set<string>();
  let app: FastifyInstance | undefined;

  const fill = (key: string, path: string, req: http.IncomingMessage) => {
    if (!app || filling.has(key) || (store.size >= maxKeys && !store.has(key))) return;
    filling.add(key);
    const headers: Record<string, string> = {};
    for (const name of keyedHeaders) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
    app
      .inject({ method: 'GET', url: path, headers })
      .then((res) => {
        if (res.statusCode !== 200) return;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !perResponse.has(name)) headers[name] = String(value);
        headers['cache-control'] = documents[path]!;
        const body = res.rawPayload;
        store.set(key, { headers, body, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, at: Date.now() });
      })
      // Not stored: the next request goes through the whole stack, and tries again.
      .catch((err: unknown) => app?.log.warn({ err, path }, 'keeping a copy of a static document failed; the provider answers meanwhile'))
      .finally(() => filling.delete(key));
  };

  const answer = (req: http.IncomingMessage, res: http.ServerResponse, doc: Stored): void => {
    const started = process.hrtime.bigint();
    const fresh = req.headers['if-none-match'] === doc.etag;
    res.writeHead(fresh ? 304 : 200, {
      ...doc.headers,
      etag: doc.etag,
      // As a cache says it (RFC 9111 §5.1): how old the stored answer is.
      age: String(Math.floor((Date.now() - doc.at) / 1000)),
      'x-request-id': crypto.randomUUID(),
      ...(fresh ? {} : { 'content-length': String(doc.body.length) }),
      ...(opts.closing() ? { connection: 'close' } : {}),
    });
    res.end(fresh || req.method === 'HEAD' ? undefined : doc.body);
    self.onServed?.(req.url!, fresh ? 304 : 200, Number(process.hrtime.bigint() - started) / 1e9);
  };

  const self: StaticDocuments = {
    serverFactory(handler, options) {
      const server = http.createServer(options.http ?? {}, (req, res) => {
        const url = req.url!;
        // The host the provider will write into the document: the forwarded one only from a trusted proxy.
        const host = (opts.trustProxy ? req.headers['x-forwarded-host'] : undefined) ?? req.headers.host;
        if ((req.method === 'GET' || req.method === 'HEAD') && url in documents && req.headers.origin === undefined && host === opts.issuerHost) {
          const key = [url, ...keyedHeaders.map((h) => req.headers[h] ?? '')].join('\n');
          const doc = store.get(key);
          // A stale entry is still answered while the fresh one is fetched.
          if (!doc || Date.now() - doc.at >= refreshMs) fill(key, url, req);
          if (doc) return answer(req, res, doc);
        }
        handler(req, res);
      });
      if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
      if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
      if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
      return server;
    },
    attach(instance) {
      app = instance;
    },
  };
  return self;
}
