import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { HealthCheckStatusDto, HealthResponseDto } from './health-response.dto';
import { ApiErrorResponseDto } from './api-error-response.dto';
import { API_KEY_SCHEME, FORBIDDEN_DESCRIPTION, SESSION_SCHEME } from './api-errors.decorator';

/** Where the Swagger UI and the JSON document are served (both open, no key). */
export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';

/** Routes declared in the libs (Terminus health, Prometheus metrics): documented here. */
const LIB_ROUTES: Record<string, { tag: string; summary: string; description: string }> = {
  '/health': {
    tag: 'health',
    summary: 'Readiness (compatibility alias of /health/ready)',
    description: '200 when PostgreSQL and Redis answer and no migration is pending; 503 otherwise.',
  },
  '/health/live': {
    tag: 'health',
    summary: 'Liveness',
    description: '200 while the process runs.',
  },
  '/health/ready': {
    tag: 'health',
    summary: 'Readiness',
    description:
      '200 when PostgreSQL and Redis answer and no migration is pending; 503 with the failing check otherwise.',
  },
  '/metrics': {
    tag: 'metrics',
    summary: 'Prometheus metrics',
    description:
      'Prometheus text format: jobs, durations, rows upserted, queue depth, batches, Node defaults.',
  },
};

/** Builds the OpenAPI document of the app: every route, DTO schemas and the API-key scheme. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('market-ingest API')
    .setDescription(
      'Batches of market-data fetches (one BullMQ job per symbol), their progress and history, and the stored time series. ' +
        'Every route under /api needs the header X-API-KEY (one of API_KEYS) or the dashboard session cookie (changes with the cookie also need X-CSRF-Token), and is rate-limited per key (API_RATE_LIMIT per minute). ' +
        'A read key (API_KEYS entry read:<key>) may only GET: any change answers 403 FORBIDDEN. ' +
        'Errors are `{success: false, error: {code, message, details?}}`.',
    )
    .setVersion('0.1.0')
    // Relative: the server that serves this document (behind any proxy or port).
    .addServer('/', 'This server')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-KEY' }, API_KEY_SCHEME)
    .addCookieAuth(
      'mi_session',
      { type: 'apiKey', in: 'cookie', name: 'mi_session' },
      SESSION_SCHEME,
    )
    .addTag('bulk', 'Start and control batches (Phase-1 compatible)')
    .addTag('batches', 'History, per-symbol details, retries, progress events')
    .addTag('session', 'Dashboard sign-in: API key → session cookie; role and CSRF token')
    .addTag('market data', 'Stored candles, funding rates, open interest, coverage')
    .addTag('health', 'Probes (open)')
    .addTag('metrics', 'Prometheus (open)')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [HealthResponseDto, HealthCheckStatusDto],
  });
  const health = {
    content: { 'application/json': { schema: { $ref: getSchemaPath(HealthResponseDto) } } },
  };
  for (const [path, doc] of Object.entries(LIB_ROUTES)) {
    const operation = document.paths[path]?.get;
    if (operation === undefined) continue;
    operation.summary ??= doc.summary;
    operation.description ??= doc.description;
    operation.tags = operation.tags?.length ? operation.tags : [doc.tag];
    operation.security = [];
    operation.responses =
      path === '/metrics'
        ? {
            '200': {
              description: 'Prometheus text exposition format',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          }
        : {
            '200': { description: 'Every check is up', ...health },
            '503': { description: 'A check is down (named, without details)', ...health },
          };
  }
  allowNullInNullableEnums(document);
  acceptSessionWhereKeyIs(document);
  return document;
}

/**
 * Every route that takes X-API-KEY also takes the dashboard's session cookie (ApiKeyGuard), and
 * every change it allows may answer 403: FORBIDDEN for a read key, CSRF_TOKEN_INVALID for a
 * cookie without its token.
 */
function acceptSessionWhereKeyIs(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const op = operation as {
        security?: Record<string, string[]>[];
        responses?: Record<string, unknown>;
      };
      if (!Array.isArray(op.security)) continue;
      const takesKey = op.security.some((s) => API_KEY_SCHEME in s);
      const takesSession = op.security.some((s) => SESSION_SCHEME in s);
      if (takesKey && !takesSession) op.security.push({ [SESSION_SCHEME]: [] });
      if (takesKey && ['post', 'put', 'patch', 'delete'].includes(method) && op.responses) {
        op.responses['403'] ??= {
          description: FORBIDDEN_DESCRIPTION,
          content: {
            'application/json': { schema: { $ref: getSchemaPath(ApiErrorResponseDto) } },
          },
        };
      }
    }
  }
}

/**
 * OpenAPI 3.0.3: a `nullable` enum holds null only when null is one of its values. Nest's
 * decorators take no null in `enum`, so it is added here (e.g. a candle page's `bucket`).
 */
function allowNullInNullableEnums(document: OpenAPIObject): void {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    if (!('properties' in schema) || schema.properties === undefined) continue;
    for (const property of Object.values(schema.properties)) {
      if (
        'nullable' in property &&
        property.nullable &&
        property.enum &&
        !property.enum.includes(null)
      ) {
        property.enum = [...property.enum, null];
      }
    }
  }
}

/** Serves the Swagger UI at /docs and the JSON document at /docs-json. Call before listen(). */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'market-ingest API',
    swaggerOptions: { persistAuthorization: true, validatorUrl: null },
  });
}
