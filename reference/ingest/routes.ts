/** Mounts every ingest endpoint definition and its info routes. */

import express, {
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from 'express';

import type {
  EndpointDefinition,
  ParseResult,
  Reply,
} from '../endpoints/types';
import { clientError, heliosError, type HeliosError } from '../errors';
import {
  runIngest,
  toStoredEvents,
  type IngestContext,
  type IngestOutcome,
  type IngestServices,
} from './pipeline';
import { sendReply } from '../reply';

export function ingestRouter(
  services: IngestServices,
  bodyLimitBytes: number,
): Router {
  const router = express.Router();
  const readRaw = express.raw({ type: () => true, limit: bodyLimitBytes });

  for (const endpoint of services.parts.endpoints) {
    router.use(endpointRouter(endpoint, services, readRaw));
  }
  return router;
}

/**
 * Mounts one endpoint's routes. Its error handler sends the client errors
 * that routing raises, such as a path parameter with invalid
 * percent-encoding, in the endpoint's own error format.
 */
function endpointRouter(
  endpoint: EndpointDefinition,
  services: IngestServices,
  readRaw: RawReader,
): Router {
  const router = express.Router();
  for (const route of endpoint.infoRoutes ?? []) {
    router.get(route.path, (_req, res) => sendReply(res, route.reply()));
  }
  const handler = ingestHandler(endpoint, services, readRaw);
  for (const path of endpoint.paths) router.post(path, handler);

  router.use(
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      const rejection = clientError(error);
      if (rejection === undefined || res.headersSent) return next(error);
      sendFailure(endpoint, services, res, rejection);
    },
  );
  return router;
}

type RawReader = ReturnType<typeof express.raw>;

function ingestHandler(
  endpoint: EndpointDefinition,
  services: IngestServices,
  readRaw: RawReader,
) {
  return async (req: Request, res: Response) => {
    const ctx = createContext(endpoint, services, readRaw, req, res);
    const outcome = await services.parts.ingestHook(ctx, () => runIngest(ctx));
    respond(ctx, outcome);
  };
}

function createContext(
  endpoint: EndpointDefinition,
  services: IngestServices,
  readRaw: RawReader,
  req: Request,
  res: Response,
): IngestContext {
  let parsed: Promise<ParseResult> | undefined;
  const query = new URL(req.originalUrl, 'http://localhost').searchParams;

  return {
    endpoint,
    req,
    res,
    query,
    services,
    startedAt: Date.now(),
    parseEvents: () => {
      parsed ??= readAndParse(endpoint, readRaw, req, res, query);
      return parsed;
    },
    storeEvents: (env, tokenId, events) =>
      services.events.append(toStoredEvents(endpoint, env, tokenId, events)),
  };
}

async function readAndParse(
  endpoint: EndpointDefinition,
  readRaw: RawReader,
  req: Request,
  res: Response,
  query: URLSearchParams,
): Promise<ParseResult> {
  const body = await readBody(readRaw, req, res);
  if (!Buffer.isBuffer(body)) return { ok: false, error: body };

  return endpoint.parseBody({
    body,
    query,
    params: req.params as Record<string, string | undefined>,
    contentType: req.headers['content-type'],
  });
}

/** Reads the raw body, or returns the error the body parser raised. */
function readBody(
  readRaw: RawReader,
  req: Request,
  res: Response,
): Promise<Buffer | HeliosError> {
  return new Promise((resolve) => {
    readRaw(req, res, (error?: unknown) => {
      if (error === undefined || error === null) {
        resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      } else {
        resolve(bodyError(error));
      }
    });
  });
}

function bodyError(error: unknown): HeliosError {
  const message = 'The request body could not be read.';
  return clientError(error) ?? heliosError('invalid_body', message);
}

function respond(ctx: IngestContext, outcome: IngestOutcome): void {
  const { endpoint, res, services } = ctx;
  res.locals.tokenId = outcome.ok ? outcome.result.tokenId : outcome.tokenId;

  if (outcome.ok) {
    res.setHeader('X-Helios-Env', outcome.result.env);
    sendReply(res, endpoint.formatSuccess(outcome.result));
  } else {
    sendFailure(endpoint, services, res, outcome.error);
  }
  ctx.req.resume();
}

function sendFailure(
  endpoint: EndpointDefinition,
  services: IngestServices,
  res: Response,
  error: HeliosError,
): void {
  const reply = endpoint.formatError(error);
  res.setHeader('X-Helios-Error', error.code);
  if (reply.status === 401) {
    res.setHeader('WWW-Authenticate', services.parts.ingestChallenge);
  }
  sendReply(res, reply);
}
