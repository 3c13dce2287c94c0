/**
 * The ingest pipeline: gate, credential, env, content type, body, index
 * allowlist, store. It returns an outcome and never writes the response,
 * so a hook can observe or change what happens around it.
 */

import type { Request, Response } from 'express';

import type { TokenRecordView } from '../auth/resolve';
import type {
  EndpointDefinition,
  IngestSuccess,
  ParsedEvent,
  ParseResult,
} from '../endpoints/types';
import { heliosError, type HeliosError } from '../errors';
import { isValidName } from '../names';
import type { ReferenceParts } from '../parts';
import type {
  EventStore,
  PolicyStore,
  StoredEvent,
  TokenStore,
} from '../store/types';
import type { RequestedEnv } from './env';

export interface IngestServices {
  parts: ReferenceParts;
  tokens: TokenStore;
  policy: PolicyStore;
  events: EventStore;
}

/** One ingest request on its way through the pipeline. */
export interface IngestContext {
  endpoint: EndpointDefinition;
  req: Request;
  res: Response;
  query: URLSearchParams;
  services: IngestServices;
  startedAt: number;
  /** Reads and parses the body once; later calls return the same result. */
  parseEvents(): Promise<ParseResult>;
  /** Appends events to the event store as one batch. */
  storeEvents(
    env: string,
    tokenId: string | null,
    events: ParsedEvent[],
  ): Promise<void>;
}

export type IngestOutcome =
  | { ok: true; result: IngestSuccess }
  | { ok: false; error: HeliosError; tokenId: string | null };

/** Wraps the pipeline run; the default hook just runs it. */
export type IngestHook = (
  context: IngestContext,
  run: () => Promise<IngestOutcome>,
) => Promise<IngestOutcome>;

export const runPipelineHook: IngestHook = (_context, run) => run();

export async function runIngest(ctx: IngestContext): Promise<IngestOutcome> {
  const { parts, policy: policyStore } = ctx.services;
  const policy = policyStore.get();

  const gate = parts.gateEndpointClass(policy, ctx.endpoint.endpointClass);
  if (gate !== undefined) return failure(gate, null);

  const resolution = resolve(ctx, policy.require);
  if (resolution.outcome === 'reject') {
    const { status, code } = resolution;
    ctx.res.locals.authFailure = resolution.reason;
    return failure({ ...heliosError(resolution.reason), status, code }, null);
  }
  const token = resolution.outcome === 'token' ? resolution.token : undefined;
  return ingestWithCredential(ctx, token);
}

async function ingestWithCredential(
  ctx: IngestContext,
  token: TokenRecordView | undefined,
): Promise<IngestOutcome> {
  const { parts } = ctx.services;
  const tokenId = token?.id ?? null;
  ctx.res.locals.tokenId = tokenId;

  const requested = requestedEnv(ctx);
  const env = token
    ? parts.chooseTokenEnv(token, requested)
    : parts.chooseOpenEnv(requested);
  if (!env.ok) return failure(env.error, tokenId);

  const contentType = ctx.req.headers['content-type'];
  const typeError = ctx.endpoint.checkContentType?.(contentType);
  if (typeError !== undefined) return failure(typeError, tokenId);

  const parsed = await ctx.parseEvents();
  if (!parsed.ok) return failure(parsed.error, tokenId);
  const nameError = checkIndexNames(parsed.events);
  if (nameError !== undefined) return failure(nameError, tokenId);

  return authorizeAndStore(ctx, token, env.env, parsed.events);
}

async function authorizeAndStore(
  ctx: IngestContext,
  token: TokenRecordView | undefined,
  env: string,
  events: ParsedEvent[],
): Promise<IngestOutcome> {
  const tokenId = token?.id ?? null;
  if (token !== undefined) {
    const rejection = ctx.services.parts.checkIndexes(token, events);
    if (rejection !== undefined) {
      await ctx.services.tokens.incrementErrors(token.id);
      return failure(rejection, tokenId);
    }
  }

  await ctx.storeEvents(env, tokenId, events);
  const tookMs = Date.now() - ctx.startedAt;
  return { ok: true, result: { env, tokenId, events, tookMs } };
}

function resolve(ctx: IngestContext, require: boolean) {
  const { parts, tokens } = ctx.services;
  return parts.resolveCredential({
    require,
    authorization: ctx.req.headersDistinct.authorization,
    findToken: (secret) => {
      const record = tokens.findBySecret(secret);
      return record && parts.tokenRecordView(record);
    },
    parse: parts.parseAuthorization,
  });
}

function requestedEnv(ctx: IngestContext): RequestedEnv {
  return {
    query: ctx.query.getAll('env'),
    header: ctx.req.headersDistinct['x-helios-env'] ?? [],
  };
}

function checkIndexNames(events: ParsedEvent[]): HeliosError | undefined {
  const position = events.findIndex((event) => !isValidName(event.index));
  if (position < 0) return undefined;

  const eventNumber = position + 1;
  const message =
    `Invalid index "${events[position].index}" (event ${eventNumber}); ` +
    'use a name matching ^[a-z0-9][a-z0-9._-]{0,63}$.';
  return heliosError('invalid_index', message, eventNumber);
}

function failure(error: HeliosError, tokenId: string | null): IngestOutcome {
  return { ok: false, error, tokenId };
}

/** Builds the stored form of a batch. */
export function toStoredEvents(
  endpoint: EndpointDefinition,
  env: string,
  tokenId: string | null,
  events: ParsedEvent[],
): StoredEvent[] {
  const receivedAt = new Date().toISOString();
  return events.map((item) => ({
    env,
    index: item.index,
    source: endpoint.source,
    tokenId,
    receivedAt,
    event: item.event,
  }));
}
