/**
 * Standalone reference server.
 *
 * Environment: PORT (7300), HOST (127.0.0.1), HELIOS_DATA_DIR (./.data),
 * HELIOS_ADMIN_KEY (created and printed once when unset),
 * HELIOS_BODY_LIMIT (bytes, 5 MiB), HELIOS_LOG (pino level, info;
 * "silent" turns logging off).
 */

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';

import { DEFAULT_BODY_LIMIT_BYTES } from './app';
import { startReference } from './listen';

const DEFAULT_PORT = 7300;

function readInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;

  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Invalid ${name} "${text}"; expected a whole number.`);
  }
  return value;
}

/** `HELIOS_LOG` when it names a pino level, else `info`. */
function serverLogLevel(): string {
  const value = process.env.HELIOS_LOG ?? '';
  return Object.hasOwn(pino.levels.values, value) ? value : 'info';
}

async function main(): Promise<void> {
  const logger = pino({ level: serverLogLevel() });
  const dataDir = path.resolve(process.env.HELIOS_DATA_DIR || '.data');
  await mkdir(dataDir, { recursive: true });

  const running = await startReference({
    port: readInteger('PORT', DEFAULT_PORT),
    host: process.env.HOST || '127.0.0.1',
    dataDir,
    adminKey: process.env.HELIOS_ADMIN_KEY || undefined,
    bodyLimitBytes: readInteger('HELIOS_BODY_LIMIT', DEFAULT_BODY_LIMIT_BYTES),
    logger,
  });
  if (process.env.HELIOS_ADMIN_KEY === undefined && running.adminKey !== '') {
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

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Reference server failed to start: ${message}\n`);
  process.exit(1);
});
