/** Starts the reference server on a local port. */

import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';

import { createReferenceApp, type ReferenceOptions } from './app';

export interface RunningReference {
  url: string;
  adminKey: string;
  dataDir: string;
  close(): Promise<void>;
}

export type StartOptions = Partial<ReferenceOptions> & {
  port?: number;
  host?: string;
};

/**
 * Starts the server: host 127.0.0.1, a free port and a fresh temporary data
 * dir unless given. Logs are silent unless `HELIOS_LOG` names a pino level.
 */
export async function startReference(
  options: StartOptions = {},
): Promise<RunningReference> {
  const host = options.host ?? '127.0.0.1';
  const ownsDataDir = options.dataDir === undefined;
  const dataDir =
    options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'helios-ref-')));
  const logger = options.logger ?? pino({ level: logLevel() });

  const reference = await createReferenceApp({ ...options, dataDir, logger });
  let server: Server;
  try {
    server = await listen(reference.app, options.port ?? 0, host);
  } catch (error) {
    await reference.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  logger.info({ host, port, dataDir }, 'reference server started');

  const close = async () => {
    await closeServer(server);
    await reference.close();
    logger.info({ port }, 'reference server stopped');
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    adminKey: reference.adminKey,
    dataDir,
    close: once(close),
  };
}

/**
 * Reads `HELIOS_LOG`: a pino level name, or any other non-empty value for
 * `info`. Unset or empty keeps the logger silent.
 */
function logLevel(): string {
  const value = process.env.HELIOS_LOG;
  if (value === undefined || value === '') return 'silent';
  return Object.hasOwn(pino.levels.values, value) ? value : 'info';
}

function listen(
  app: import('express').Express,
  port: number,
  host: string,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** Stops accepting, lets in-flight requests finish, drops idle sockets. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

function once(run: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= run());
}
