/** API-key authentication of the REST API: `Authorization: Bearer <key>`. */

import type { NextFunction, Request, Response } from 'express';

import { errorBody, heliosError, type HeliosError } from '../errors';
import type { ReferenceParts } from '../parts';
import type { ApiKeyRecord, ApiKeyRole, ApiKeyStore } from '../store/types';

export type ApiKeyCheck =
  | { ok: true; key: ApiKeyRecord }
  | { ok: false; error: HeliosError };

/** Finds the API key of a request; only the Bearer scheme carries one. */
export function authenticateApiKey(
  req: Request,
  keys: ApiKeyStore,
  parts: ReferenceParts,
): ApiKeyCheck {
  const values = req.headersDistinct.authorization ?? [];
  if (values.length > 1) return fail('duplicate_authorization');

  const parsed = parts.parseAuthorization(values[0]);
  if (parsed.kind === 'none') return fail('api_key_required');
  if (parsed.kind !== 'strict' || parsed.scheme !== 'bearer') {
    return fail('invalid_api_key');
  }
  if (!parsed.wellFormed) return fail('invalid_api_key');

  const key = keys.findBySecret(parsed.credential);
  return key === undefined ? fail('invalid_api_key') : { ok: true, key };
}

/** Middleware admitting API keys with one of `roles`. */
export function requireRole(
  roles: ApiKeyRole[],
  keys: ApiKeyStore,
  parts: ReferenceParts,
) {
  return (req: Request, res: Response, next: NextFunction) => {
    const check = authenticateApiKey(req, keys, parts);
    if (!check.ok) return sendError(res, check.error, parts);

    res.locals.apiKeyId = check.key.id;
    if (!roles.includes(check.key.role)) {
      const message = `This route needs an API key with role ${roles.join(' or ')}.`;
      return sendError(res, heliosError('forbidden_role', message), parts);
    }
    next();
  };
}

/** Sends a REST API error, with the challenge on a 401. */
export function sendError(
  res: Response,
  error: HeliosError,
  parts: ReferenceParts,
): void {
  if (error.status === 401) {
    res.setHeader('WWW-Authenticate', parts.restChallenge);
  }
  res.setHeader('X-Helios-Error', error.code);
  res.status(error.status).json(errorBody(error));
}

function fail(
  key: 'duplicate_authorization' | 'api_key_required' | 'invalid_api_key',
): ApiKeyCheck {
  return { ok: false, error: heliosError(key) };
}
