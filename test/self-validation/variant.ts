/**
 * Variants of the reference server for the self-validation, and the
 * building blocks their faults are made of. A variant is the reference
 * with some of its replaceable parts swapped or wrapped; nothing here
 * changes the reference's own request paths.
 */

import { parseAuthorization } from '../../reference/auth/parse';
import type {
  IngestContext,
  IngestHook,
  IngestOutcome,
} from '../../reference/ingest/pipeline';
import type { ReferenceParts } from '../../reference/parts';
import type { Policy, PolicyStore } from '../../reference/store/types';

/** A reference variant that breaks exactly one doc or http rule. */
export interface FaultVariant {
  name: string;
  /** Id of the rule the fault breaks, as in the rule catalogue. */
  breaks: string;
  description: string;
  /** Builds fresh parts for one server, so per-server state starts empty. */
  parts(): Partial<ReferenceParts>;
}

/** Predicate on one ingest request: its endpoint, path or headers. */
export type RequestTest = (ctx: IngestContext) => boolean;

/** Endpoint ids of the reference's endpoint definitions. */
export type ReferenceEndpointId =
  | 'api'
  | 'hec-event'
  | 'hec-raw'
  | 'bulk'
  | 'otlp'
  | 'loki';

export function onEndpoints(...ids: ReferenceEndpointId[]): RequestTest {
  return (ctx) => (ids as string[]).includes(ctx.endpoint.id);
}

/** Matches requests to one exact path, e.g. `/services/collector`. */
export function onPath(path: string): RequestTest {
  return (ctx) => ctx.req.path === path;
}

export function onShims(): RequestTest {
  return (ctx) => ctx.endpoint.endpointClass === 'shims';
}

export function withoutAuthorization(): RequestTest {
  return (ctx) => ctx.req.headers.authorization === undefined;
}

export function withAuthorization(): RequestTest {
  return (ctx) => ctx.req.headers.authorization !== undefined;
}

/** Matches requests whose single Authorization value uses `scheme`. */
export function withScheme(scheme: 'bearer' | 'splunk' | 'basic'): RequestTest {
  return (ctx) => {
    const parsed = parseAuthorization(ctx.req.headers.authorization);
    if (parsed.kind === 'strict') return parsed.scheme === scheme;
    return scheme === 'basic' && parsed.kind === 'basic';
  };
}

export function allOf(...tests: RequestTest[]): RequestTest {
  return (ctx) => tests.every((test) => test(ctx));
}

/**
 * Builds an ingest hook that, for matching requests only, replaces some
 * parts before the pipeline runs.
 */
export function swapPartsWhen(
  test: RequestTest,
  change: (parts: ReferenceParts) => Partial<ReferenceParts>,
): IngestHook {
  return (ctx, run) => {
    if (test(ctx)) {
      const parts = ctx.services.parts;
      ctx.services = { ...ctx.services, parts: { ...parts, ...change(parts) } };
    }
    return run();
  };
}

/** Builds an ingest hook that shows matching requests a changed policy. */
export function swapPolicyWhen(
  test: RequestTest,
  change: (policy: Policy) => Policy,
): IngestHook {
  return (ctx, run) => {
    if (test(ctx)) {
      const inner = ctx.services.policy;
      const policy: PolicyStore = {
        get: () => change(inner.get()),
        update: (patch) => inner.update(patch),
      };
      ctx.services = { ...ctx.services, policy };
    }
    return run();
  };
}

/**
 * Builds an ingest hook under which matching requests get their usual
 * response but their events are never stored.
 */
export function dropEventsWhen(test: RequestTest): IngestHook {
  return (ctx, run) => {
    if (test(ctx)) ctx.storeEvents = async () => undefined;
    return run();
  };
}

/**
 * Builds an ingest hook that returns each matching rejection unchanged but
 * stores the request's events anyway, in the env that `chooseEnv` returns.
 */
export function storeDespiteRejection(
  test: (ctx: IngestContext, outcome: IngestOutcome) => boolean,
  chooseEnv: (ctx: IngestContext, outcome: IngestOutcome) => string,
): IngestHook {
  return async (ctx, run) => {
    const outcome = await run();
    if (outcome.ok || !test(ctx, outcome)) return outcome;

    const parsed = await ctx.parseEvents();
    if (parsed.ok) {
      const tokenId = outcome.tokenId;
      await ctx.storeEvents(chooseEnv(ctx, outcome), tokenId, parsed.events);
    }
    return outcome;
  };
}

/** Returns the env an anonymous write with this request would land in. */
export function openEnvOf(ctx: IngestContext): string {
  const choice = ctx.services.parts.chooseOpenEnv({
    query: ctx.query.getAll('env'),
    header: ctx.req.headersDistinct['x-helios-env'] ?? [],
  });
  return choice.ok ? choice.env : 'default';
}

/** Returns the env of the token the outcome names, else the open-path env. */
export function tokenEnvOf(ctx: IngestContext, outcome: IngestOutcome): string {
  const tokenId = outcome.ok ? outcome.result.tokenId : outcome.tokenId;
  const token = tokenId === null ? undefined : ctx.services.tokens.get(tokenId);
  return token?.env ?? openEnvOf(ctx);
}

/** True when the outcome is a rejection with the given error-table key. */
export function rejectedWith(key: string) {
  return (_ctx: IngestContext, outcome: IngestOutcome): boolean =>
    !outcome.ok && outcome.error.key === key;
}

