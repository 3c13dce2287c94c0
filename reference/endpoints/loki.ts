/** Grafana Loki push API, JSON encoding. */

import { heliosError, type HeliosError } from '../errors';
import { parseJsonObject } from '../json';
import {
  invalidBody,
  isJsonContentType,
  isPlainObject,
  parsedEvents,
  queryIndex,
} from './common';
import type {
  BodyInput,
  EndpointDefinition,
  ParsedEvent,
  ParseResult,
  Reply,
} from './types';

/** Stream label naming the target index. */
const INDEX_LABEL = 'index';

function checkContentType(contentType: string | undefined) {
  if (isJsonContentType(contentType)) return undefined;
  return heliosError(
    'unsupported_media_type',
    'Only application/json Loki pushes are supported; protobuf is not.',
  );
}

function parsePush(input: BodyInput): ParseResult {
  const target = queryIndex(input);
  if ('error' in target) return { ok: false, error: target.error };

  const parsed = parseJsonObject(input.body.toString('utf8'));
  if (!parsed.ok) return invalidBody(`The body ${parsed.problem}.`);
  const streams = parsed.value.streams;
  if (!Array.isArray(streams))
    return invalidBody('"streams" must be an array.');

  const events: ParsedEvent[] = [];
  for (let i = 0; i < streams.length; i++) {
    const error = collectValues(streams[i], i, target.index, events);
    if (error !== undefined) return invalidBody(error, events.length + 1);
  }
  return parsedEvents(events, 'log lines');
}

/** Appends the lines of one stream; returns an error message. */
function collectValues(
  stream: unknown,
  position: number,
  fallbackIndex: string,
  events: ParsedEvent[],
): string | undefined {
  const where = `streams[${position}]`;
  if (!isPlainObject(stream)) return `${where} is not an object.`;
  const labels = stream.stream ?? {};
  if (!isStringRecord(labels))
    return `${where}.stream must map labels to strings.`;
  if (!Array.isArray(stream.values)) return `${where}.values must be an array.`;

  const index = labels[INDEX_LABEL] ?? fallbackIndex;
  for (let j = 0; j < stream.values.length; j++) {
    const entry: unknown = stream.values[j];
    if (!isLokiEntry(entry)) {
      return `${where}.values[${j}] must be ["<unix ns>", "<line>"].`;
    }
    events.push({ index, event: { line: entry[1], labels, ts: entry[0] } });
  }
  return undefined;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (!isPlainObject(value)) return false;
  return Object.values(value).every((item) => typeof item === 'string');
}

// A Loki entry is [timestamp in Unix nanoseconds as a decimal string, line],
// optionally followed by an object of structured metadata.
function isLokiEntry(value: unknown): value is [string, string] {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    return false;
  }
  return (
    typeof value[0] === 'string' &&
    /^\d+$/.test(value[0]) &&
    typeof value[1] === 'string' &&
    (value.length === 2 || isPlainObject(value[2]))
  );
}

function formatLokiError(error: HeliosError): Reply {
  return { status: error.status, text: `${error.message}\n` };
}

export const lokiEndpoint: EndpointDefinition = {
  id: 'loki',
  endpointClass: 'shims',
  source: 'loki',
  paths: ['/loki/api/v1/push'],
  checkContentType,
  parseBody: parsePush,
  formatSuccess: () => ({ status: 204 }),
  formatError: formatLokiError,
};
