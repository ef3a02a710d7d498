import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiKeyGuard, RoutedRequest } from '../auth/api-key.guard';
import { toApiError } from './api-error';

/** Terminus answers a failed check with its own body (status, info, error, details): kept as is. */
function isHealthCheckBody(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    'status' in body &&
    'details' in body &&
    'info' in body &&
    'error' in body
  );
}

/**
 * The one exception filter of the API: every error becomes
 * `{success:false, error:{code, message, details?}}` with a fitting status (see toApiError).
 * Server faults are logged with their stack; request headers (the API key) never are.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly keys: ApiKeyGuard,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const ctx = host.switchToHttp();
    const request: unknown = ctx.getRequest();
    const response: unknown = ctx.getResponse();
    const where = `${String(adapter.getRequestMethod(request))} ${String(adapter.getRequestUrl(request)).split('?')[0]}`;

    if (exception instanceof HttpException && isHealthCheckBody(exception.getResponse())) {
      adapter.reply(response, exception.getResponse(), exception.getStatus());
      return;
    }
    const mapped = toApiError(this.withoutKey(exception, request) ?? exception);
    if (mapped.log) {
      const detail =
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${where} → ${mapped.status}: ${detail}`);
    }
    if (adapter.isHeadersSent(response)) {
      adapter.end(response);
      return;
    }
    for (const [name, value] of Object.entries(mapped.headers ?? {})) {
      adapter.setHeader(response, name, value);
    }
    adapter.reply(response, mapped.body, mapped.status);
  }

  /**
   * Errors raised before the key guard runs, under /api, answer 401 when the request has no valid
   * key: no route matched (Nest's 404, from its catch-all route), so that a client without a key
   * learns nothing about which routes exist; and the body parser refused the body (malformed, too
   * large, too deep, not UTF-8), so that authentication is always judged first. (A matched /api
   * route passed the key guard, so its own 404s keep their status.)
   */
  private withoutKey(exception: unknown, request: unknown): HttpException | undefined {
    const beforeGuard =
      exception instanceof NotFoundException ||
      (exception instanceof HttpException &&
        typeof (exception.cause as { type?: unknown } | undefined)?.type === 'string');
    if (!beforeGuard) return undefined;
    const { headers, path } = request as RoutedRequest;
    if (!ApiKeyGuard.isProtected({ headers, path })) return undefined;
    const problem = this.keys.keyProblem({ headers, path });
    return problem === null ? undefined : new UnauthorizedException(problem);
  }
}
