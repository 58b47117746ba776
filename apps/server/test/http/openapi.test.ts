import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPlatform, type Platform } from '../support/platform.ts';

/**
 * The API document is the contract services build against: it must be valid OpenAPI 3.1
 * (checked by an independent validator) and describe every route that is not OpenID
 * Connect, with what it takes and what it answers.
 */
type Operation = { parameters?: Array<{ in: string; name: string }>; requestBody?: { content?: Record<string, { schema?: unknown }> }; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

let p: Platform;
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
beforeAll(async () => {
  p = await startPlatform();
  const res = await fetch(`${p.issuer}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
});
afterAll(() => p.close());

// The OpenID provider is described by its discovery document; static files (styles, scripts, icons) are files.
const outOfScope = (url: string) => url.startsWith('/oidc') || url.startsWith('/.well-known/') || url.startsWith('/assets/') || /\.(css|js|png|svg|ico|webmanifest|html)$/.test(url);
const openApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}').replace(/\*$/, '{*}');

describe('the OpenAPI document', () => {
  test('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('describes every route: its path parameters, its body, and each reply with a schema', () => {
    const problems: string[] = [];
    for (const { method, url } of p.app.server.routeTable) {
      if (method === 'HEAD' || method === 'OPTIONS' || outOfScope(url)) continue;
      const op = doc.paths[openApiPath(url)]?.[method.toLowerCase()];
      if (!op) {
        problems.push(`${method} ${url}: not in the document`);
        continue;
      }
      const params = [...url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
      for (const name of params) if (!op.parameters?.some((x) => x.in === 'path' && x.name === name)) problems.push(`${method} ${url}: path parameter ${name} has no schema`);
      if (['POST', 'PUT', 'PATCH'].includes(method) && !Object.values(op.requestBody?.content ?? {}).some((c) => c.schema)) problems.push(`${method} ${url}: no request body schema`);
      // Every reply it declares has a schema (a 204 or a redirect has no body); a route that can succeed declares that too.
      const replies = Object.entries(op.responses ?? {});
      const described = ([status, r]: [string, { content?: Record<string, { schema?: unknown }> }]) => (r.content ? Object.values(r.content).some((c) => c.schema) : /^(3..|204)$/.test(status));
      if (!replies.length || !replies.every(described)) problems.push(`${method} ${url}: a reply without a schema`);
      if (!replies.some(([status]) => /^[23]/.test(status)) && !url.startsWith('/api/3/action/:')) problems.push(`${method} ${url}: no successful reply described`);
    }
    expect(problems).toEqual([]);
  });

  test('leaves the OpenID provider to its discovery document', () => {
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/oidc'))).toEqual([]);
  });
});
