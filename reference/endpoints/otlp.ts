/** OpenTelemetry logs over HTTP, JSON encoding (ExportLogsServiceRequest). */

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

/** Resource attribute naming the target index. */
const INDEX_ATTRIBUTE = 'helios.index';

/** google.rpc.Code values used in OTLP error bodies. */
const RPC_CODES: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  413: 8,
  415: 3,
  500: 13,
};

function checkContentType(contentType: string | undefined) {
  if (isJsonContentType(contentType)) return undefined;
  return heliosError(
    'unsupported_media_type',
    'Only application/json OTLP is supported; protobuf is not.',
  );
}

function parseExport(input: BodyInput): ParseResult {
  const fromQuery = input.query.has('index') ? queryIndex(input) : undefined;
  if (fromQuery !== undefined && 'error' in fromQuery) {
    return { ok: false, error: fromQuery.error };
  }

  const parsed = parseJsonObject(input.body.toString('utf8'));
  if (!parsed.ok) return invalidBody(`The body ${parsed.problem}.`);
  const resourceLogs = parsed.value.resourceLogs ?? [];
  if (!Array.isArray(resourceLogs)) {
    return invalidBody('"resourceLogs" must be an array.');
  }

  const events: ParsedEvent[] = [];
  for (let i = 0; i < resourceLogs.length; i++) {
    const error = collectRecords(resourceLogs[i], i, fromQuery?.index, events);
    if (error !== undefined) return invalidBody(error);
  }
  return parsedEvents(events, 'log records');
}

/** Appends the log records of one ResourceLogs; returns an error message. */
function collectRecords(
  resourceLog: unknown,
  position: number,
  queryIndex: string | undefined,
  events: ParsedEvent[],
): string | undefined {
  const where = `resourceLogs[${position}]`;
  if (!isPlainObject(resourceLog)) return `${where} is not an object.`;

  const index = queryIndex ?? resourceIndex(resourceLog) ?? 'main';
  const scopeLogs = resourceLog.scopeLogs ?? [];
  if (!Array.isArray(scopeLogs)) return `${where}.scopeLogs must be an array.`;

  for (let j = 0; j < scopeLogs.length; j++) {
    const records = isPlainObject(scopeLogs[j])
      ? (scopeLogs[j].logRecords ?? [])
      : undefined;
    if (!Array.isArray(records)) {
      return `${where}.scopeLogs[${j}].logRecords must be an array.`;
    }
    for (let k = 0; k < records.length; k++) {
      if (!isPlainObject(records[k])) {
        return `${where}.scopeLogs[${j}].logRecords[${k}] is not an object.`;
      }
      events.push({ index, event: records[k] });
    }
  }
  return undefined;
}

function resourceIndex(resourceLog: Record<string, unknown>) {
  const resource = resourceLog.resource;
  if (!isPlainObject(resource) || !Array.isArray(resource.attributes)) {
    return undefined;
  }
  const attribute = resource.attributes.find(
    (entry) => isPlainObject(entry) && entry.key === INDEX_ATTRIBUTE,
  );
  const value = isPlainObject(attribute) ? attribute.value : undefined;
  if (!isPlainObject(value)) return undefined;
  return typeof value.stringValue === 'string' ? value.stringValue : undefined;
}

function formatOtlpError(error: HeliosError): Reply {
  const code = RPC_CODES[error.status] ?? 2;
  return { status: error.status, body: { code, message: error.message } };
}

export const otlpEndpoint: EndpointDefinition = {
  id: 'otlp',
  endpointClass: 'shims',
  source: 'otlp',
  paths: ['/v1/logs'],
  checkContentType,
  parseBody: parseExport,
  formatSuccess: () => ({ status: 200, body: { partialSuccess: {} } }),
  formatError: formatOtlpError,
};
