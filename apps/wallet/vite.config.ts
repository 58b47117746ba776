import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The wallet is served by the platform under /wallet/. Hashed assets are cached for a year;
 * index.html, sw.js and the manifest are revalidated. The service worker is built as its own
 * entry (sw.js, not hashed: its URL is its identity) and told which files make the shell.
 */
const publicDir = path.join(import.meta.dirname, 'public');

function listPublic(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listPublic(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

function serviceWorkerShell(): Plugin {
  return {
    name: 'yat-service-worker-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('sw.js was not built');
      const shell = [...Object.keys(bundle).filter((f) => f !== 'sw.js' && !f.endsWith('.map')), ...listPublic(publicDir)].sort();
      const version = crypto.createHash('sha256');
      for (const f of shell) {
        const out = bundle[f];
        version.update(f).update(out ? (out.type === 'chunk' ? out.code : String(out.source)) : fs.readFileSync(path.join(publicDir, f)));
      }
      sw.code = sw.code.replace('__YAT_PRECACHE__', shell.join(',')).replace('__YAT_VERSION__', version.digest('hex').slice(0, 16));
    },
  };
}

export default defineConfig({
  base: '/wallet/',
  root: import.meta.dirname,
  publicDir,
  plugins: [serviceWorkerShell()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      input: { index: path.join(import.meta.dirname, 'index.html'), sw: path.join(import.meta.dirname, 'src/sw.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});
