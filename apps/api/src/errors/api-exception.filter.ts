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
    const mapped = toApiError(this.unknownRouteWithoutKey(exception, request) ?? exception);
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
   * No route matched (Nest's 404, from its catch-all route) under /api: without a valid key that is
   * a 401, so that a client without a key learns nothing about which routes exist. (A matched
   * /api route passed the key guard, so its own 404s keep their status.)
   */
  private unknownRouteWithoutKey(exception: unknown, request: unknown): HttpException | undefined {
    if (!(exception instanceof NotFoundException)) return undefined;
    const { headers, path } = request as RoutedRequest;
    if (!ApiKeyGuard.isProtected({ headers, path })) return undefined;
    const problem = this.keys.keyProblem({ headers, path });
    return problem === null ? undefined : new UnauthorizedException(problem);
  }
}
