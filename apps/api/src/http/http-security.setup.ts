import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig } from '@app/common';

/**
 * Security headers (helmet) on every answer, and CORS only when CORS_ORIGINS is set.
 * The CSP is helmet's default, relaxed just enough for the pages the API serves itself: the
 * Swagger UI (/docs: its own scripts, inline styles, data: images) and Bull Board (/admin/queues:
 * Google Fonts stylesheet). `upgrade-insecure-requests` is left out, since the API may be served
 * over plain HTTP behind a proxy or on a private network, where it would break those pages.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'https:'],
          'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
          'font-src': ["'self'", 'data:', 'https://fonts.gstatic.com'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  if (config.corsOrigins.length === 0) return;
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'X-API-KEY', 'Authorization'],
    exposedHeaders: ['Retry-After', 'Content-Disposition'],
    maxAge: 600,
  });
}
