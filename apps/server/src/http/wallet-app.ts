import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { pageSchema, redirectSchema } from './validate.ts';

/**
 * Serves the wallet PWA (apps/wallet, built by Vite into apps/wallet/dist) at /wallet/.
 * Hashed assets are cached for a year; everything else (the HTML shell, sw.js, the
 * manifest, icons) is revalidated. Every app path without a file extension (/wallet/login,
 * /wallet/devices, …) answers with the shell: the app routes on the client.
 */
export const walletDistDir = path.resolve(import.meta.dirname, '../../../wallet/dist');

const appPath = /^\/wallet\/[A-Za-z0-9/_-]*$/;

export async function registerWalletApp(app: FastifyInstance, opts: { distDir?: string } = {}): Promise<void> {
  const root = opts.distDir ?? walletDistDir;
  const indexFile = path.join(root, 'index.html');
  const built = existsSync(indexFile);

  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/wallet/',
      wildcard: false,
      index: false,
      decorateReply: false,
      cacheControl: false,
      setHeaders(reply, filePath) {
        const hashed = filePath.startsWith(path.join(root, 'assets') + path.sep);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (filePath.endsWith('.webmanifest')) reply.header('content-type', 'application/manifest+json; charset=utf-8');
      },
    });
  }

  async function sendShell(reply: FastifyReply) {
    if (!built) throw new AppError('wallet_not_built', 503, 'The wallet app is not built. Run "npm run build -w @yat/wallet" and restart.');
    const shell = await fs.readFile(indexFile, 'utf8');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(shell);
  }

  app.get('/wallet', { schema: redirectSchema('The wallet app (moved to /wallet/)', 308) }, async (req, reply) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    return reply.redirect(`/wallet/${query}`, 308);
  });
  app.get('/wallet/', { schema: pageSchema('The wallet app (a progressive web app)') }, async (_req, reply) => sendShell(reply));
  app.get('/wallet/*', { schema: pageSchema("The wallet app's own addresses (the app shell)") }, async (req, reply) => {
    const pathname = req.url.split('?')[0]!;
    // A missing file (an old hashed asset, a typo) is a 404, not the app shell.
    if (!appPath.test(pathname) || pathname.startsWith('/wallet/assets/')) throw new AppError('not_found', 404, 'This file does not exist.');
    return sendShell(reply);
  });
}
