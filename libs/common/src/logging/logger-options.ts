import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { pinoHttp, type HttpLogger, type Options as HttpLoggerOptions } from 'pino-http';
import type { LogFormat, LogLevel } from '../config/app-config';
import { LogContext } from './log-context';
import { REDACT_PATHS, REDACTED, redactText, redactUrl } from './redaction';
import { textDestination } from './text-format';

/** The process writing the lines (`app` field). */
export type LogApp = 'api' | 'worker' | 'cli';

export interface LogSettings {
  logLevel: LogLevel;
  logFormat?: LogFormat;
}

/** Header carrying the request id, both ways. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's request id is kept when it is a plain token of at most 128 characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Routes that probes and scrapers call all the time: logged at debug, not info. */
const QUIET_PATH = /^\/(health(\/.*)?|metrics)(\?.*)?$/;

/**
 * pino options shared by every process: one JSON object per line with `level` (label), `time`
 * (ISO 8601), `pid`, `app`, `msg`; the fields of the current LogContext (a job's
 * `batch_id`, `symbol`, `job_id`, `provider`, `attempt`); credentials redacted.
 */
export function loggerOptions(settings: LogSettings, app: LogApp): LoggerOptions {
  return {
    level: settings.logLevel,
    base: { pid: process.pid, app },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ ...LogContext.current() }),
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: {
      // Messages (and stacks passed as text) never carry a URL's password.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a: unknown) => (typeof a === 'string' ? redactText(a) : a)) as typeof args,
        );
      },
    },
  };
}

/**
 * Where lines go: stdout as JSON, or as one readable line each with LOG_FORMAT=text. Synchronous
 * writes, like Node's own stdout on pipes and files: the shutdown line must be out before the
 * process re-raises its signal.
 */
export function logDestination(
  settings: LogSettings,
  out: NodeJS.WritableStream = process.stdout,
): DestinationStream {
  return settings.logFormat === 'text'
    ? textDestination(out)
    : pino.destination({ dest: 1, sync: true });
}

/** The one pino logger of a process; every other logger is a child of it. */
export function createRootLogger(
  settings: LogSettings,
  app: LogApp,
  destination: DestinationStream = logDestination(settings),
): Logger {
  return pino(loggerOptions(settings, app), destination);
}

/** The request id of a request: the caller's `X-Request-Id` when sane, else a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return url.split('?')[0];
}

/** The level of a request's line: errors and 5xx error (warn when quiet), 4xx warn, else info. */
function requestLogLevel(
  quiet: boolean,
  status: number,
  error: unknown,
): 'error' | 'warn' | 'info' | 'debug' {
  if (error || status >= 500) return quiet ? 'warn' : 'error';
  if (quiet) return 'debug';
  return status >= 400 ? 'warn' : 'info';
}

/**
 * pino-http options: a request id per request (echoed in `X-Request-Id`, logged as `req_id` on
 * every line written while handling the request), one `request completed` line per request
 * (`req`, `res`, `responseTime`) — health probes and /metrics at debug — and no query secrets.
 */
export function httpLoggerOptions(
  root: Logger,
): HttpLoggerOptions<IncomingMessage, ServerResponse> {
  return {
    logger: root,
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'req_id' },
    // Lines written while handling a request carry req_id only; the request itself is logged once.
    quietReqLogger: true,
    customLogLevel: (req, res, error) => {
      const level = requestLogLevel(QUIET_PATH.test(pathOf(req)), res.statusCode, error);
      // A line the logger would drop is not built at all: pino-http skips 'silent'.
      return root.isLevelEnabled(level) ? level : 'silent';
    },
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${pathOf(req)} ${res.statusCode} in ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
    serializers: {
      req: (req: {
        id: unknown;
        method: string;
        url: string;
        headers: Record<string, unknown>;
        remoteAddress?: string;
      }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url ?? ''),
        headers: req.headers,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * The request logger as plain middleware, to mount before the body parser so that rejected
 * bodies (400, 413) get a request id and a line too.
 */
export function createHttpLogger(root: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp(httpLoggerOptions(root));
}
