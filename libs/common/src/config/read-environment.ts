import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * The one place that reads process.env: merges an optional `.env` file of the working
 * directory under the real environment (real variables win), as docker and shells expect.
 */
export function readEnvironment(
  envFile = '.env',
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...env };
}
