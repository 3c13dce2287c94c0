/**
 * The endpoint catalogue: for each ingest endpoint, how to build a request
 * that sends N events carrying a marker to an index, and how to find those
 * events again in search results.
 *
 * Each event carries its marker as a field (`marker`) or, for line-based
 * endpoints, as the word `marker=<marker>` in its line.
 */

import type { ShimFamily } from './parameters';

export const ENDPOINT_IDS = [
  'ingest',
  'hec-event',
  'hec-collector',
  'hec-raw',
  'bulk',
  'bulk-path',
  'otlp',
  'loki',
] as const;
export type EndpointId = (typeof ENDPOINT_IDS)[number];

/** Place in a request that names its index. */
export type IndexPlace =
  | 'query'
  | 'envelope'
  | 'action'
  | 'path'
  | 'label'
  | 'attribute';

export interface BuildInput {
  count: number;
  marker: string;
  /** The index for all events; absent leaves it unnamed (server default). */
  index?: string;
  /** Place that names it; default: the endpoint's first place. */
  indexVia?: IndexPlace;
  /** Per-event index (by 0-based position) for places that allow it. */
  eventIndex?: (position: number) => string | undefined;
}

export interface BuiltRequest {
  method: 'POST';
  path: string;
  query: [string, string][];
  contentType: string;
  body: string;
}

export interface EndpointDefinition {
  id: EndpointId;
  family: ShimFamily;
  /** The `source` value of its events in search results. */
  source: ShimFamily;
  /** Places where this endpoint reads the index, default first. */
  indexPlaces: readonly IndexPlace[];
  successStatus: number;
  build(input: BuildInput): BuiltRequest;
  /** Extracts the marker of one searched `event`, if it has one. */
  markerOf(event: unknown): string | undefined;
}

export const DEFAULT_INDEX = 'main';

const markerWordRegExp = /(?:^|\s)marker=([A-Za-z0-9_.-]+)(?:\s|$)/;

function lineFor(marker: string, position: number): string {
  return `conformance event marker=${marker} seq=${position}`;
}

function markerInLine(line: unknown): string | undefined {
  if (typeof line !== 'string') {
    return undefined;
  }
  return markerWordRegExp.exec(line)?.[1];
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  return (value as Record<string, unknown>)[key];
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

function document(marker: string, position: number): object {
  return { marker, seq: position, message: lineFor(marker, position) };
}

function positions(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

function queryIndex(input: BuildInput, place: IndexPlace): [string, string][] {
  const via = input.indexVia ?? place;
  return input.index !== undefined && via === 'query'
    ? [['index', input.index]]
    : [];
}

function placeOf(input: BuildInput, places: readonly IndexPlace[]) {
  const via = input.indexVia ?? places[0];
  if (!places.includes(via)) {
    throw new Error(
      `invalid index place "${via}": this endpoint reads ${places.join(', ')}`,
    );
  }
  return via;
}

function eventIndexAt(
  input: BuildInput,
  place: IndexPlace,
  via: IndexPlace,
  position: number,
): string | undefined {
  const perEvent = input.eventIndex?.(position);
  if (perEvent !== undefined) {
    return perEvent;
  }
  return via === place ? input.index : undefined;
}

function buildIngest(input: BuildInput): BuiltRequest {
  placeOf(input, ['query']);
  const lines = positions(input.count).map((i) =>
    JSON.stringify(document(input.marker, i)),
  );
  return {
    method: 'POST',
    path: '/api/ingest',
    query: queryIndex(input, 'query'),
    contentType: 'application/x-ndjson',
    body: lines.join('\n') + '\n',
  };
}

function hecEnvelopeBuilder(path: string) {
  return (input: BuildInput): BuiltRequest => {
    const via = placeOf(input, ['envelope', 'query']);
    const envelopes = positions(input.count).map((i) => {
      const index = eventIndexAt(input, 'envelope', via, i);
      const envelope = {
        event: document(input.marker, i),
        sourcetype: 'conformance',
        ...(index === undefined ? {} : { index }),
      };
      return JSON.stringify(envelope);
    });
    return {
      method: 'POST',
      path,
      query: queryIndex(input, 'envelope'),
      contentType: 'application/json',
      body: envelopes.join('\n'),
    };
  };
}

function buildHecRaw(input: BuildInput): BuiltRequest {
  placeOf(input, ['query']);
  const lines = positions(input.count).map((i) => lineFor(input.marker, i));
  return {
    method: 'POST',
    path: '/services/collector/raw',
    query: queryIndex(input, 'query'),
    contentType: 'text/plain',
    body: lines.join('\n') + '\n',
  };
}

function bulkBody(input: BuildInput, via: IndexPlace): string {
  const lines: string[] = [];
  for (const i of positions(input.count)) {
    const index = eventIndexAt(input, 'action', via, i);
    const action = index === undefined ? {} : { _index: index };
    lines.push(JSON.stringify({ index: action }));
    lines.push(JSON.stringify(document(input.marker, i)));
  }
  return lines.join('\n') + '\n';
}

function buildBulk(input: BuildInput): BuiltRequest {
  const via = placeOf(input, ['action']);
  return {
    method: 'POST',
    path: '/_bulk',
    query: [],
    contentType: 'application/x-ndjson',
    body: bulkBody(input, via),
  };
}

function buildBulkPath(input: BuildInput): BuiltRequest {
  const via = placeOf(input, ['path', 'action']);
  const pathIndex = via === 'path' ? input.index : undefined;
  return {
    method: 'POST',
    path: `/${encodeURIComponent(pathIndex ?? DEFAULT_INDEX)}/_bulk`,
    query: [],
    contentType: 'application/x-ndjson',
    body: bulkBody(input, via),
  };
}

function otlpRecord(marker: string, position: number): object {
  return {
    timeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
    severityText: 'INFO',
    body: { stringValue: lineFor(marker, position) },
    attributes: [{ key: 'marker', value: { stringValue: marker } }],
  };
}

function buildOtlp(input: BuildInput): BuiltRequest {
  const via = placeOf(input, ['attribute', 'query']);
  const attributes: object[] = [
    { key: 'service.name', value: { stringValue: 'conformance' } },
  ];
  if (via === 'attribute' && input.index !== undefined) {
    attributes.push({
      key: 'helios.index',
      value: { stringValue: input.index },
    });
  }
  const logRecords = positions(input.count).map((i) =>
    otlpRecord(input.marker, i),
  );
  const body = {
    resourceLogs: [
      {
        resource: { attributes },
        scopeLogs: [{ scope: { name: 'conformance' }, logRecords }],
      },
    ],
  };
  return {
    method: 'POST',
    path: '/v1/logs',
    query: queryIndex(input, 'attribute'),
    contentType: 'application/json',
    body: JSON.stringify(body),
  };
}

function buildLoki(input: BuildInput): BuiltRequest {
  const via = placeOf(input, ['label', 'query']);
  const labels: Record<string, string> = { job: 'conformance' };
  if (via === 'label' && input.index !== undefined) {
    labels.index = input.index;
  }
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const values = positions(input.count).map((i) => [
    String(nowNs + BigInt(i)),
    lineFor(input.marker, i),
  ]);
  return {
    method: 'POST',
    path: '/loki/api/v1/push',
    query: queryIndex(input, 'label'),
    contentType: 'application/json',
    body: JSON.stringify({ streams: [{ stream: labels, values }] }),
  };
}

function otlpMarker(event: unknown): string | undefined {
  return markerInLine(stringField(field(event, 'body'), 'stringValue'));
}

export const ENDPOINTS: Record<EndpointId, EndpointDefinition> = {
  ingest: {
    id: 'ingest',
    family: 'api',
    source: 'api',
    indexPlaces: ['query'],
    successStatus: 200,
    build: buildIngest,
    markerOf: (event) => stringField(event, 'marker'),
  },
  'hec-event': {
    id: 'hec-event',
    family: 'hec',
    source: 'hec',
    indexPlaces: ['envelope', 'query'],
    successStatus: 200,
    build: hecEnvelopeBuilder('/services/collector/event'),
    markerOf: (event) => stringField(field(event, 'event'), 'marker'),
  },
  'hec-collector': {
    id: 'hec-collector',
    family: 'hec',
    source: 'hec',
    indexPlaces: ['envelope', 'query'],
    successStatus: 200,
    build: hecEnvelopeBuilder('/services/collector'),
    markerOf: (event) => stringField(field(event, 'event'), 'marker'),
  },
  'hec-raw': {
    id: 'hec-raw',
    family: 'hec',
    source: 'hec',
    indexPlaces: ['query'],
    successStatus: 200,
    build: buildHecRaw,
    markerOf: (event) => markerInLine(stringField(event, 'message')),
  },
  bulk: {
    id: 'bulk',
    family: 'bulk',
    source: 'bulk',
    indexPlaces: ['action'],
    successStatus: 200,
    build: buildBulk,
    markerOf: (event) => stringField(event, 'marker'),
  },
  'bulk-path': {
    id: 'bulk-path',
    family: 'bulk',
    source: 'bulk',
    indexPlaces: ['path', 'action'],
    successStatus: 200,
    build: buildBulkPath,
    markerOf: (event) => stringField(event, 'marker'),
  },
  otlp: {
    id: 'otlp',
    family: 'otlp',
    source: 'otlp',
    indexPlaces: ['attribute', 'query'],
    successStatus: 200,
    build: buildOtlp,
    markerOf: otlpMarker,
  },
  loki: {
    id: 'loki',
    family: 'loki',
    source: 'loki',
    indexPlaces: ['label', 'query'],
    successStatus: 204,
    build: buildLoki,
    markerOf: (event) => markerInLine(stringField(event, 'line')),
  },
};

export function isEndpointId(value: string): value is EndpointId {
  return (ENDPOINT_IDS as readonly string[]).includes(value);
}

/** Finds the marker of a searched event whatever endpoint stored it. */
export function markerOfAnyEvent(event: unknown): string | undefined {
  for (const definition of Object.values(ENDPOINTS)) {
    const marker = definition.markerOf(event);
    if (marker !== undefined) {
      return marker;
    }
  }
  return undefined;
}
