/**
 * Request logging: method, path without query, status, duration, the token
 * or API key id, and for a rejection its error code and credential failure.
 */

import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        {
          method: req.method,
          // The query string may carry `?token=`, so it is never logged.
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Math.round(elapsed * 100) / 100,
          tokenId: res.locals.tokenId ?? null,
          apiKeyId: res.locals.apiKeyId ?? null,
          error: res.getHeader('X-Helios-Error') ?? null,
          authFailure: res.locals.authFailure ?? null,
        },
        'request',
      );
    });
    next();
  };
}
