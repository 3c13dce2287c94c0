/**
 * Standalone reference server.
 *
 * Environment: PORT (7300), HOST (127.0.0.1), HELIOS_DATA_DIR (./.data),
 * HELIOS_ADMIN_KEY (at least 16 characters; created and printed once when
 * unset), HELIOS_BODY_LIMIT (bytes, 5 MiB), HELIOS_LOG (pino level, info;
 * "silent" turns logging off). An invalid value stops the start with one
 * line per problem on stderr and exit code 1.
 */

import pino from 'pino';

import { startReference } from './listen';
import { prepareDataDir, readServerConfig } from './server-config';

async function main(): Promise<void> {
  const checked = readServerConfig(process.env);
  if (!checked.ok) return failStart(checked.problems);
  const { logLevel, ...config } = checked.config;

  const dataDirProblem = await prepareDataDir(config.dataDir);
  if (dataDirProblem !== undefined) return failStart([dataDirProblem]);

  const logger = pino({ level: logLevel });
  const running = await startReference({ ...config, logger });
  if (config.adminKey === undefined && running.adminKey !== '') {
    process.stderr.write(
      `Created admin API key (shown only now, store it): ${running.adminKey}\n`,
    );
  }

  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** Prints each problem as one line, without a stack trace, and exits 1. */
function failStart(problems: string[]): never {
  for (const problem of problems) {
    process.stderr.write(`Reference server failed to start: ${problem}\n`);
  }
  process.exit(1);
}

main().catch((error: unknown) => {
  failStart([error instanceof Error ? error.message : String(error)]);
});
