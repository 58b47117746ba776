import fc from 'fast-check';

/**
 * Bad input for every route of the server, generated (fast-check) from the route table the
 * server itself registered: wrong types, huge and deeply nested bodies, invalid UTF-8, odd
 * content types, header and path tricks, and live identifiers (a real sign-in, a real
 * registration) put into the wrong step, so protocol steps are replayed and reordered.
 */
export type Route = { method: string; url: string };
export type FuzzRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer };

/** Identifiers of real, live objects; a route's parameters are sometimes filled with them. */
export type LiveValues = string[];

const badEscapes = ['%FF', '%C0%AF', '%E0%80%80', '%', '%ZZ', '%ED%A0%80', '%F4%90%80%80', '%00', '%0A', '..%2F..%2Fetc%2Fpasswd'];
const weirdStrings = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor', '../..', '%', "'; drop table residents; --", '<script>alert(1)</script>', '${7*7}', 'A123456(3)', 'x'.repeat(5000)),
  fc.constantFrom(...badEscapes),
);

const segment = (live: LiveValues) => (live.length ? fc.oneof({ weight: 3, arbitrary: weirdStrings.map((s) => encodeSegment(s)) }, { weight: 2, arbitrary: fc.constantFrom(...live) }) : weirdStrings.map((s) => encodeSegment(s)));

/** Encodes a generated string for a path, except the deliberately bad escapes, which go raw. */
function encodeSegment(s: string): string {
  if (badEscapes.includes(s)) return s;
  return encodeURIComponent(s).slice(0, 6000) || '%20';
}

function pathFor(pattern: string, values: string[], extra: string): string {
  let i = 0;
  const filled = pattern.replace(/:[A-Za-z_]+|\*/g, () => values[i++ % values.length] ?? 'x');
  return (filled.startsWith('/') ? filled : `/${filled}`) + extra;
}

const jsonValue = fc.jsonValue({ maxDepth: 4 });
const deepNesting = fc.integer({ min: 1_000, max: 20_000 }).map((d) => '['.repeat(d) + ']'.repeat(d));
const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(b), Buffer.from('"}')]));

const body = fc.oneof(
  jsonValue.map((v) => Buffer.from(JSON.stringify(v))),
  fc.dictionary(weirdStrings, jsonValue, { maxKeys: 6 }).map((v) => Buffer.from(JSON.stringify(v))),
  deepNesting.map((s) => Buffer.from(s)),
  fc.constant(Buffer.from('{"a":'.repeat(3) + 'x'.repeat(300_000))),
  invalidUtf8,
  fc.dictionary(fc.string({ maxLength: 10 }), weirdStrings, { maxKeys: 5 }).map((v) => Buffer.from(new URLSearchParams(v).toString())),
  fc.constant(Buffer.alloc(0)),
  fc.constant(Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF\r\n--x--\r\n')),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/jwt',
  'application/timestamp-query',
  'application/pdf',
  '*/*',
  'garbage',
  ';;;',
);

const headers = fc.record(
  {
    accept: fc.constantFrom('text/html', 'application/json', '*/*', 'text/html;q=0, */*', 'image/webp', ''),
    'accept-language': fc.constantFrom('zh-Hant', 'zh-HK,zh;q=0.9', 'xx', '*', ';q=bad', 'en-US'),
    cookie: fc.oneof(
      fc.constantFrom('yat_lb=AAAA.BBBB.CCCC', 'yat_wallet=' + 'A'.repeat(43), 'lang=zh-Hant', 'lang=../../', '_interaction=x; _session=y', '=;;=;', 'yat_portal=%FF'),
      fc.string({ maxLength: 60 }).map((s) => `a=${encodeURIComponent(s)}`),
    ),
    authorization: fc.constantFrom('Bearer ', 'Bearer x.y.z', 'Basic !!!', 'Basic ' + Buffer.from('a:b').toString('base64'), 'DPoP abc', 'Negotiate x'),
    dpop: fc.constantFrom('x.y.z', 'eyJhbGciOiJub25lIn0.e30.'),
    'x-request-id': fc.constantFrom('short', 'x'.repeat(500), 'ok-request-id-123', '\u00e9\u00e9\u00e9'),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'not-an-ip', '::1, 10.0.0.1'),
    'if-none-match': fc.constantFrom('*', '"x"', 'W/"y"'),
    range: fc.constantFrom('bytes=0-1', 'bytes=-1', 'bytes=5-1', 'lines=1'),
  },
  { requiredKeys: ['accept'] },
);

const otherMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');

export function fuzzRequest(routes: Route[], live: LiveValues): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      method: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: otherMethod }),
      values: fc.array(segment(live), { minLength: 1, maxLength: 3 }),
      extra: fc.oneof(fc.constant(''), fc.constant('/'), segment(live).map((s) => `/${s}`)),
      query: fc.oneof(
        fc.constant(''),
        fc.dictionary(fc.constantFrom('lang', 'q', 'wait', 'limit', 'to', 'confirmLast', 'client_id', 'redirect_uri', 'scope', 'response_type', 'page', 'status', 'before', 'request_uri', 'code', 'state'), weirdStrings.map(encodeSegment), { maxKeys: 5 }).map((q) => '?' + Object.entries(q).map(([k, v]) => `${k}=${v}`).join('&')),
        fc.constantFrom('?lang=%FF', '?a=1&a=2&a[]=3&a[b]=4', '?' + 'x=1&'.repeat(2000)),
      ),
      headers,
      contentType,
      body: fc.option(body, { nil: undefined }),
    })
    .map((r) => {
      const method = r.method ?? r.route.method;
      const hasBody = r.body !== undefined && method !== 'GET' && method !== 'HEAD';
      return {
        method,
        path: pathFor(r.route.url, r.values, r.extra) + r.query,
        headers: { ...r.headers, ...(hasBody ? { 'content-type': r.contentType } : {}) },
        ...(hasBody ? { body: r.body } : {}),
      };
    });
}

/** `count` requests, the same for the same seed (a failure is reproduced by its seed). */
export function sampleRequests(routes: Route[], live: LiveValues, count: number, seed: number): FuzzRequest[] {
  return fc.sample(fuzzRequest(routes, live), { numRuns: count, seed });
}

/** What a response must never contain: a stack trace, a library's or the database's own words. */
const internal = /\n\s+at [^\n]+:\d+:\d+|node_modules|SqliteError|SQLITE_|syntax error at or near|relation "[^"]+" does not exist|TypeError|ReferenceError|Cannot read propert|is not a function|undefined is not|kysely/i;

export type Verdict = { ok: boolean; why?: string };

/** Error answers are where internals leak; a served script legitimately says "TypeError". */
export function judge(status: number, body: string): Verdict {
  if (status >= 500) return { ok: false, why: `status ${status}` };
  if (status < 400) return { ok: true };
  const leak = internal.exec(body);
  if (leak) return { ok: false, why: `internal detail in the body: ${JSON.stringify(leak[0])}` };
  return { ok: true };
}
