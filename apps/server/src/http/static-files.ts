import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * A capability's static files (its scripts, styles, data, and browser libraries straight from
 * their npm packages: the CSP allows nothing from elsewhere), each at `prefix/name`, read once
 * at start and cached by browsers for an hour.
 */
const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.geojson': 'application/geo+json; charset=utf-8', '.json': 'application/json; charset=utf-8' };

export function registerStaticFiles(app: FastifyInstance, prefix: string, files: Record<string, string>): void {
  for (const [name, file] of Object.entries(files)) {
    const body = fs.readFileSync(file);
    const type = types[path.extname(name)] ?? 'application/octet-stream';
    const schema = { tags: ['assets'], summary: `Static file ${name}`, produces: [type.split(';')[0]!], response: { 200: { type: 'string' } } };
    app.get(`${prefix}/${name}`, { schema }, async (_req, reply) => reply.type(type).header('cache-control', 'public, max-age=3600').send(body));
  }
}
