import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';

/** Where the dashboard is served. */
export const DASHBOARD_PATH = '/ui';

/** The built single-page app: `dist/dashboard` beside `dist/apps` (the Docker image has it too). */
export function dashboardDirectory(): string {
  return join(__dirname, '..', '..', '..', '..', 'dashboard');
}

/** Vite puts every hashed file under assets/: cached for a year, never revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and unhashed files) are checked on every load, so a new build shows at once. */
const REVALIDATE = 'no-cache';

const ENCODINGS: [encoding: string, suffix: string][] = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

function accepts(request: Request, encoding: string): boolean {
  const header = request.headers['accept-encoding'];
  return typeof header === 'string' && new RegExp(`\\b${encoding}\\b`).test(header);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the dashboard at /ui/: hashed assets with long-lived caching (and their brotli or gzip
 * copies made at build time, when the browser takes them), every other address under /ui/ the
 * app's index.html, so that a deep link such as /ui/batches/42 works on reload. The pages call
 * the same /api routes as any client, with the session cookie.
 */
export function setupDashboard(app: NestExpressApplication, root = dashboardDirectory()): void {
  const index = join(root, 'index.html');
  app.use(DASHBOARD_PATH, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.originalUrl === DASHBOARD_PATH) return response.redirect(301, `${DASHBOARD_PATH}/`);
    if (!existsSync(index)) {
      response
        .status(503)
        .type('text/plain')
        .send('The dashboard is not built: run `npm run build` (it builds apps/dashboard too).\n');
      return;
    }
    const relative = decodeURIComponent(request.path);
    const file = normalize(join(root, relative));
    const inside = file.startsWith(root + sep);
    if (inside && relative.startsWith('/assets/') && isFile(file)) {
      response.setHeader('Cache-Control', IMMUTABLE);
      response.setHeader('Vary', 'Accept-Encoding');
      for (const [encoding, suffix] of ENCODINGS) {
        if (accepts(request, encoding) && isFile(file + suffix)) {
          response.setHeader('Content-Encoding', encoding);
          response.type(file.slice(file.lastIndexOf('.')));
          return response.sendFile(file + suffix);
        }
      }
      return response.sendFile(file);
    }
    if (inside && isFile(file) && !relative.startsWith('/assets/')) {
      response.setHeader('Cache-Control', REVALIDATE);
      return response.sendFile(file);
    }
    if (relative.startsWith('/assets/')) return next(); // a missing asset: 404, not the page
    response.setHeader('Cache-Control', REVALIDATE);
    return response.sendFile(index);
  });
}
