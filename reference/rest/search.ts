/** `GET /api/search`: stored events of one env, oldest first. */

import express, { type Request, type Response, type Router } from 'express';

import { heliosError } from '../errors';
import { isValidName } from '../names';
import type { ReferenceParts } from '../parts';
import type { ApiKeyStore, EventStore } from '../store/types';
import { requireRole, sendError } from './auth';

export const DEFAULT_SEARCH_LIMIT = 1000;

/** Upper bound on `limit`, so one response stays a few megabytes at most. */
export const MAX_SEARCH_LIMIT = 10000;

export function searchRouter(
  keys: ApiKeyStore,
  events: EventStore,
  parts: ReferenceParts,
): Router {
  const router = express.Router();
  router.get('/api/search', requireRole(['reader', 'admin'], keys, parts));
  router.get('/api/search', (req: Request, res: Response) => {
    const query = new URL(req.originalUrl, 'http://localhost').searchParams;
    const checked = checkSearchQuery(query);
    if ('error' in checked) {
      return sendError(res, heliosError('invalid_field', checked.error), parts);
    }
    res.json({ events: events.search(checked) });
  });
  return router;
}

function checkSearchQuery(query: URLSearchParams) {
  const env = single(query, 'env');
  const index = single(query, 'index');
  const limitText = single(query, 'limit');
  if (env === null || index === null || limitText === null) {
    return {
      error: 'Repeated query parameter; send env, index and limit once.',
    };
  }
  if (env === undefined || !isValidName(env)) {
    return { error: 'Invalid or missing "env" parameter.' };
  }
  if (index !== undefined && !isValidName(index)) {
    return { error: `Invalid "index" parameter "${index}".` };
  }

  const limit =
    limitText === undefined ? DEFAULT_SEARCH_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    return {
      error: `"limit" must be an integer from 1 to ${MAX_SEARCH_LIMIT}.`,
    };
  }
  return { env, index, limit };
}

/** Reads one parameter: `undefined` when absent, `null` when repeated. */
function single(query: URLSearchParams, name: string) {
  const values = query.getAll(name);
  if (values.length > 1) return null;
  return values[0];
}
