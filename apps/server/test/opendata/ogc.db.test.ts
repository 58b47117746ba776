import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPlatform, type Platform } from '../support/platform.ts';
import { seedUsage } from './seed-usage.ts';

/**
 * OGC API – Features read by GDAL's OAPIF driver, as a GIS would read it: ogrinfo lists the
 * three layers, ogr2ogr copies every feature of each (paging through `next` links), and the
 * counts match the counters table and the 18 districts. Then the parameters and errors by hand.
 */
const run = promisify(execFile);
let p: Platform;
let dir: string;
let expected: Record<string, number>;

beforeAll(async () => {
  p = await startPlatform({ ANALYTICS_ROLLUP_INTERVAL_MS: '0' });
  await seedUsage(p.ctx.storage.db);
  await p.app.analytics.rollup.run();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-ogc-'));
  const places = await p.app.counters.list();
  expected = { counters: places.filter((c) => c.kind !== 'service_centre').length, 'service-centres': places.filter((c) => c.kind === 'service_centre').length, districts: 18 };
});

afterAll(async () => {
  await p?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('OGC API – Features through GDAL', () => {
  test('ogrinfo lists the layers; ogr2ogr copies every feature of each, page by page', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', `OAPIF:${p.issuer}/ogc`]);
    expect(stdout).toMatch(/1: counters .*\(Point\)/);
    expect(stdout).toMatch(/service-centres .*\(Point\)/);
    expect(stdout).toMatch(/districts .*\(Multi Polygon\)/);
    for (const [layer, count] of Object.entries(expected)) {
      const out = path.join(dir, `${layer}.geojson`);
      await run('ogr2ogr', ['-f', 'GeoJSON', out, '-oo', 'PAGE_SIZE=5', `OAPIF:${p.issuer}/ogc`, layer]);
      const copied = JSON.parse(fs.readFileSync(out, 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
      expect(copied.features, layer).toHaveLength(count);
      expect(new Set(copied.features.map((f) => f.properties.id)).size).toBe(count);
    }
    const districts = JSON.parse(fs.readFileSync(path.join(dir, 'districts.geojson'), 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
    const wanChai = districts.features.find((f) => f.properties.id === 'wan-chai')!.properties;
    expect(wanChai).toMatchObject({ counter_registrations: '25', counters: 3 });
    expect(districts.features.find((f) => f.properties.id === 'eastern')!.properties.counter_registrations).toBe('suppressed');
  });
});

describe('the API by hand', () => {
  const get = async (url: string, accept = 'application/json') => {
    const res = await fetch(`${p.issuer}${url}`, { headers: { accept } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  test('landing page, conformance (core, geojson, html, oas30), OpenAPI, collections with extents', async () => {
    const landing = JSON.parse((await get('/ogc')).text) as { links: Array<{ rel: string; href: string }> };
    expect(landing.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    const conf = JSON.parse((await get('/ogc/conformance')).text) as { conformsTo: string[] };
    expect(conf.conformsTo.map((c) => c.split('/').pop())).toEqual(['core', 'geojson', 'html', 'oas30']);
    const api = await get('/ogc/api');
    expect(api.type).toContain('application/vnd.oai.openapi+json');
    expect(JSON.parse(api.text)).toMatchObject({ openapi: expect.stringMatching(/^3\.0/), paths: { '/collections/{collectionId}/items': expect.any(Object) } });
    const cols = JSON.parse((await get('/ogc/collections')).text) as { collections: Array<{ id: string; extent: { spatial: { bbox: number[][] } } }> };
    expect(cols.collections.map((c) => c.id)).toEqual(['counters', 'service-centres', 'districts']);
    for (const c of cols.collections) expect(c.extent.spatial.bbox[0]![0]).toBeGreaterThan(113.8);
  });

  test('items: limit, offset, next links, numberMatched/numberReturned, bbox, single items, errors', async () => {
    const first = await get('/ogc/collections/counters/items?limit=5');
    expect(first.type).toContain('application/geo+json');
    const page = JSON.parse(first.text) as { numberMatched: number; numberReturned: number; features: Array<{ id: string }>; links: Array<{ rel: string; href: string }> };
    expect(page).toMatchObject({ numberMatched: expected.counters, numberReturned: 5 });
    const next = page.links.find((l) => l.rel === 'next')!;
    expect(next.href).toContain('offset=5');
    const second = JSON.parse((await fetch(next.href).then((r) => r.text()))) as { features: Array<{ id: string }> };
    expect(second.features[0]!.id).not.toBe(page.features[0]!.id);

    // Hong Kong Island only (Central to Chai Wan).
    const island = JSON.parse((await get('/ogc/collections/counters/items?bbox=114.10,22.20,114.26,22.296&limit=100')).text) as { numberMatched: number; features: Array<{ properties: { district: string } }> };
    expect(new Set(island.features.map((f) => f.properties.district))).toEqual(new Set(['central-western', 'wan-chai', 'eastern', 'southern']));

    const one = JSON.parse((await get('/ogc/collections/counters/items/gpo')).text) as { id: string; geometry: { coordinates: number[] } };
    expect(one).toMatchObject({ id: 'gpo', geometry: { type: 'Point' } });
    expect((await get('/ogc/collections/counters/items/nowhere')).status).toBe(404);
    expect(JSON.parse((await get('/ogc/collections/rivers/items')).text)).toMatchObject({ code: 'NotFound' });
    expect((await get('/ogc/collections/counters/items?bbox=1,2,3')).status).toBe(400);
    expect((await get('/ogc/collections/counters/items?limit=0')).status).toBe(400);
    expect((await get('/ogc/collections/counters/items?limit=5000')).status).toBe(400);
  });

  test('HTML for browsers', async () => {
    const html = await get('/ogc/collections/districts/items?limit=18', 'text/html');
    expect(html.type).toContain('text/html');
    expect(html.text).toContain('<th scope="row">wan-chai</th>');
  });
});
