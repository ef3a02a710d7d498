import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const outDir = join(root, '..', '..', 'dist', 'dashboard');

/**
 * Brotli and gzip copies of every text asset, written once at build time, so the API sends them
 * as they are (no compression on the request path). Ten lines of node:zlib rather than a plugin.
 */
function precompress(): Plugin {
  return {
    name: 'market-ingest:precompress',
    apply: 'build',
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const file = join(outDir, name);
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

// The dashboard: Preact (JSX compiled by Vite's Oxc transform), served by the API at /ui/.
export default defineConfig({
  root,
  base: '/ui/',
  publicDir: join(root, 'public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 300,
  },
  plugins: [precompress()],
  server: {
    // `npx vite apps/dashboard` during development: the API on its default port serves /api.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
