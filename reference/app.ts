/** Factory of the reference server's Express app. */

import express, {
  type Express,
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import pino, { type Logger } from 'pino';

import { clientError, errorBody, heliosError } from './errors';
import { ingestRouter } from './ingest/routes';
import { requestLogger } from './logging';
import { defaultParts, type ReferenceParts } from './parts';
import { adminRouter } from './rest/admin';
import { searchRouter } from './rest/search';
import { openConfigDb } from './store/config';
import type { ApiKeyStore, EventsRecovery } from './store/types';

/** Default request body limit: 5 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface ReferenceOptions {
  dataDir: string;
  adminKey?: string;
  bodyLimitBytes?: number;
  logger?: Logger;
  parts?: Partial<ReferenceParts>;
}

export interface ReferenceApp {
  app: Express;
  /**
   * The admin key given in the options, or the one created now. Empty when
   * none was given and the data dir already held an admin key, whose secret
   * only its creator saw.
   */
  adminKey: string;
  /** True when this call created the admin key. */
  adminKeyCreated: boolean;
  close(): Promise<void>;
}

export const BOOTSTRAP_KEY_NAME = 'bootstrap-admin';

export async function createReferenceApp(
  options: ReferenceOptions,
): Promise<ReferenceApp> {
  const parts: ReferenceParts = { ...defaultParts(), ...options.parts };
  const logger = options.logger ?? pino({ level: 'silent' });
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  const db = await openConfigDb(options.dataDir);
  const tokens = parts.createTokenStore(db, parts.secretTools);
  const keys = parts.createApiKeyStore(db, parts.secretTools);
  const policy = parts.createPolicyStore(db);
  const events = await parts.openEventStore(options.dataDir);
  if (events.recovery !== undefined) logRecovery(logger, events.recovery);
  const admin = await bootstrapAdminKey(keys, options.adminKey);

  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  app.use(ingestRouter({ parts, tokens, policy, events }, bodyLimit));
  app.use(searchRouter(keys, events, parts));
  app.use(adminRouter({ tokens, keys, policy }, parts, bodyLimit));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  return { app, ...admin, close: () => events.close() };
}

/**
 * Stores the given admin key, or creates one when the store has no admin
 * key yet.
 */
async function bootstrapAdminKey(keys: ApiKeyStore, adminKey?: string) {
  const role = 'admin' as const;
  if (adminKey !== undefined) {
    await keys.ensure({ name: BOOTSTRAP_KEY_NAME, role }, adminKey);
    return { adminKey, adminKeyCreated: false };
  }
  if (keys.list().some((key) => key.role === role)) {
    return { adminKey: '', adminKeyCreated: false };
  }

  const created = await keys.create({ name: BOOTSTRAP_KEY_NAME, role });
  return { adminKey: created.secret, adminKeyCreated: true };
}

function logRecovery(logger: Logger, recovery: EventsRecovery): void {
  const { file, droppedBytes } = recovery;
  if (recovery.newlineAdded) {
    logger.warn({ file }, 'events file: added the missing final newline');
  } else {
    logger.warn(
      { file, droppedBytes },
      `events file: dropped a torn last line of ${droppedBytes} bytes ` +
        'that an interrupted write left',
    );
  }
}

function notFoundHandler(req: Request, res: Response) {
  const path = req.originalUrl.split('?')[0];
  const error = heliosError('not_found', `No route ${req.method} ${path}.`);
  res.status(404).json(errorBody(error));
}

/**
 * Sends the client errors that Express, its router and body parsers raise
 * (such as invalid percent-encoding or a malformed JSON body) with their 4xx
 * entry of the error table, and logs any other error as a 500.
 */
function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);

    const path = req.originalUrl.split('?')[0];
    const rejection = clientError(error);
    if (rejection !== undefined) {
      // The error itself is not logged, because body-parser errors carry
      // the request body.
      const { code, status } = rejection;
      logger.info({ method: req.method, path, status, code }, 'client error');
      res.setHeader('X-Helios-Error', rejection.code);
      return res.status(rejection.status).json(errorBody(rejection));
    }

    logger.error({ err: error, method: req.method, path }, 'request failed');
    res.status(500).json(errorBody(heliosError('internal_error')));
  };
}
