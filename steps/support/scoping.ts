/**
 * Helpers of the scoping features: env pinning, index allowlists, endpoint
 * switches and request bodies. They choose where each event names its
 * index, send bodies the endpoint catalogue cannot build (a malformed
 * event, a padded body, one OTLP resource or Loki stream per event) and
 * read a token's `errors` counter from the admin list.
 */

import {
  DEFAULT_INDEX,
  ENDPOINTS,
  type BuiltRequest,
  type EndpointId,
  type IndexPlace,
} from './endpoints';
import type { RecordedHeader } from './exchanges';
import {
  DEFAULT_ENV,
  type HeliosWorld,
  type SendOptions,
  type SendRecord,
} from './world';

/** A change applied to a catalogue-built request before it is sent. */
export type BodyChange = (built: BuiltRequest, marker: string) => BuiltRequest;

/**
 * Returns the send options that make event `position` name the index
 * `indexAt(position)` in `place`.
 *
 * For `bulk-path` with the index in the action lines, the path names
 * `allowedIndex`, an index the token may write to, so that only the action
 * lines can make the write disallowed.
 */
export function indexOptions(
  endpoint: EndpointId,
  place: IndexPlace,
  indexAt: (position: number) => string,
  allowedIndex: string,
): Partial<SendOptions> {
  if (endpoint === 'bulk-path' && place === 'action') {
    return { index: allowedIndex, indexVia: 'path', eventIndex: indexAt };
  }
  if (place === 'query' || place === 'path') {
    return { index: indexAt(0), indexVia: place };
  }
  return { index: indexAt(0), indexVia: place, eventIndex: indexAt };
}

/**
 * Sends like `world.sendEvents`, but passes the catalogue-built request
 * through `change` first. The result becomes `world.lastSend`, so the shared
 * read-back assertions apply to it.
 */
export async function sendChangedEvents(
  world: HeliosWorld,
  options: SendOptions,
  change: BodyChange,
): Promise<SendRecord> {
  const count = options.count ?? 1;
  const marker = `${world.marker}_c${world.exchanges.length + 1}`;
  const built = change(
    ENDPOINTS[options.endpoint].build({
      count,
      marker,
      index: options.index,
      indexVia: options.indexVia,
      eventIndex: options.eventIndex,
    }),
    marker,
  );

  const headers: RecordedHeader[] = [
    { name: 'Content-Type', value: built.contentType },
  ];
  if (options.credential !== undefined) {
    headers.push(...world.authorizationHeaders(options.credential));
  }
  const result = await world.request({
    method: built.method,
    path: built.path,
    query: built.query,
    headers,
    body: built.body,
  });

  const token =
    options.credential !== undefined && 'token' in options.credential
      ? world.token(options.credential.token)
      : undefined;
  const index = options.index ?? DEFAULT_INDEX;
  const envs = new Set([DEFAULT_ENV]);
  if (token !== undefined) envs.add(token.env);

  world.lastSend = {
    endpoint: options.endpoint,
    marker,
    count,
    index,
    candidateEnvs: [...envs],
    candidateIndexes: [index, DEFAULT_INDEX],
    token,
    result,
  };
  return world.lastSend;
}

// Endpoints whose body is one JSON document rather than one item per line.
const singleDocumentEndpoints: readonly EndpointId[] = ['otlp', 'loki'];

/** Returns the text that identifies event `position` in any built body. */
function eventText(marker: string, position: number): string {
  return `marker=${marker} seq=${position}`;
}

/**
 * Replaces event `position` with `replacement` in a line-based body. A
 * single-document body (OTLP, Loki) is instead cut right after the event's
 * text, which leaves it invalid JSON.
 */
export function replaceEvent(
  endpoint: EndpointId,
  position: number,
  replacement: string,
): BodyChange {
  return (built, marker) => {
    const text = eventText(marker, position);

    const start = built.body.indexOf(text);
    if (start < 0) {
      throw new Error(`event ${position} not found in the ${endpoint} body`);
    }

    if (singleDocumentEndpoints.includes(endpoint)) {
      const cut = start + text.length;
      return { ...built, body: built.body.slice(0, cut) };
    }
    const lines = built.body.split('\n');
    const at = lines.findIndex((line) => line.includes(text));
    lines[at] = replacement;
    return { ...built, body: lines.join('\n') };
  };
}

/** A JSON text cut off inside an object: invalid in every JSON parser. */
export const MALFORMED_JSON = '{"marker": "cut off';

/**
 * Pads the first event's text with `x` until the body is `totalBytes`
 * long. The text sits inside a JSON string (or is a raw line), so the body
 * stays valid.
 */
export function padBodyTo(totalBytes: number): BodyChange {
  return (built, marker) => {
    const text = eventText(marker, 0);
    if (!built.body.includes(text)) {
      throw new Error('the first event was not found in the body to pad');
    }
    const missing = totalBytes - Buffer.byteLength(built.body);
    const padding = ' ' + 'x'.repeat(Math.max(0, missing - 1));
    return { ...built, body: built.body.replace(text, text + padding) };
  };
}

/**
 * Gives each event its own OTLP resource or Loki stream, naming the index
 * `indexAt(position)` in its `helios.index` attribute or `index` label.
 */
export function onePerGroup(
  endpoint: EndpointId,
  indexAt: (position: number) => string,
): BodyChange {
  return (built) => {
    const body = JSON.parse(built.body) as Record<string, unknown>;
    const regrouped =
      endpoint === 'otlp'
        ? splitOtlpResources(body, indexAt)
        : splitLokiStreams(body, indexAt);
    return { ...built, body: JSON.stringify(regrouped) };
  };
}

interface OtlpBody {
  resourceLogs: {
    resource: { attributes: unknown[] };
    scopeLogs: { scope: unknown; logRecords: unknown[] }[];
  }[];
}

function splitOtlpResources(
  body: Record<string, unknown>,
  indexAt: (position: number) => string,
): OtlpBody {
  const first = (body as unknown as OtlpBody).resourceLogs[0];
  const scope = first.scopeLogs[0];

  const resourceLogs = scope.logRecords.map((record, position) => ({
    resource: {
      attributes: [
        { key: 'service.name', value: { stringValue: 'conformance' } },
        { key: 'helios.index', value: { stringValue: indexAt(position) } },
      ],
    },
    scopeLogs: [{ scope: scope.scope, logRecords: [record] }],
  }));
  return { resourceLogs };
}

interface LokiBody {
  streams: { stream: Record<string, string>; values: unknown[] }[];
}

function splitLokiStreams(
  body: Record<string, unknown>,
  indexAt: (position: number) => string,
): LokiBody {
  const first = (body as unknown as LokiBody).streams[0];

  const streams = first.values.map((value, position) => ({
    stream: { ...first.stream, index: indexAt(position) },
    values: [value],
  }));
  return { streams };
}

/** Reads the `errors` counter of a token from the admin token list. */
export async function readTokenErrors(
  world: HeliosWorld,
  tokenId: string,
): Promise<number> {
  const responseUnderTest = world.lastResponse;
  const result = await world.adminRequest('GET', '/api/admin/ingest-tokens');
  world.lastResponse = responseUnderTest;
  const tokens = (result.json as { tokens?: unknown } | undefined)?.tokens;
  const listed = Array.isArray(tokens)
    ? (tokens as { id?: unknown; errors?: unknown }[]).find(
        (token) => token.id === tokenId,
      )
    : undefined;

  if (result.status !== 200 || typeof listed?.errors !== 'number') {
    throw world.failure(
      `expected token ${tokenId} with a numeric errors count in the token list`,
    );
  }
  return listed.errors;
}

/** State of the scoping steps within one scenario. */
export interface ScopingState {
  /** The token's `errors` count before the scenario's sends. */
  errorsBefore?: number;
}

// Keyed by World, so the state lives and dies with its scenario.
const states = new WeakMap<HeliosWorld, ScopingState>();

export function scopingState(world: HeliosWorld): ScopingState {
  let state = states.get(world);
  if (state === undefined) {
    state = {};
    states.set(world, state);
  }
  return state;
}
