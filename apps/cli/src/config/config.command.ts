import { Command } from 'commander';
import { AppRole, ConfigValidationError, readEnvironment, validateEnvironment } from '@app/common';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const ROLES: AppRole[] = ['api', 'worker', 'cli'];

/**
 * `config check <role>`: validates the environment as that process would at start-up, without
 * starting it. The container entrypoint runs it before migrating, so a stack started with the
 * placeholders of .env.example stops before it touches the database.
 */
export function configCommand(io: Io): Command {
  const config = new Command('config').description('configuration (environment variables)');
  config
    .command('check')
    .description('validate the environment for a process: api, worker or cli; exit 1 on a problem')
    .argument('<role>', ROLES.join(' | '))
    .action((role: string) => {
      if (!(ROLES as string[]).includes(role)) {
        throw new Error(`role must be one of ${ROLES.join(', ')}, got "${role}"`);
      }
      try {
        validateEnvironment(readEnvironment(), role as AppRole);
        io.out(`configuration is valid for ${role}`);
      } catch (error) {
        if (!(error instanceof ConfigValidationError)) throw error;
        io.err(`market-ingest ${role}: ${error.message}`);
        process.exitCode = 1;
      }
    });
  return config;
}
