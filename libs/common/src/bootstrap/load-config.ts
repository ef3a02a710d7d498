import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { AppConfig, AppRole, LogLevel } from '../config/app-config';
import { ConfigValidationError } from '../config/config-validation.error';
import { validateEnvironment } from '../config/environment';
import { readEnvironment } from '../config/read-environment';

/** Reads and validates the environment of a starting process; prints the problems and exits 1. */
export function loadConfigOrExit(role: AppRole): AppConfig {
  try {
    return validateEnvironment(readEnvironment(), role);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`market-ingest ${role}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const ORDER: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const NEST: Record<LogLevel, NestLogLevel> = {
  trace: 'verbose',
  debug: 'debug',
  info: 'log',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/** Nest logger levels enabled by LOG_LEVEL. */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  return ORDER.slice(ORDER.indexOf(level)).map((l) => NEST[l]);
}
