/** Splunk HTTP Event Collector: event envelopes and raw lines. */

import type { HeliosError } from '../errors';
import {
  bodyLines,
  invalidBody,
  isPlainObject,
  parsedEvents,
  queryIndex,
} from './common';
import { splitJsonValues } from './json-sequence';
import type {
  BodyInput,
  EndpointDefinition,
  ParsedEvent,
  ParseResult,
  Reply,
} from './types';

/** HEC status codes of the Splunk HTTP Event Collector protocol. */
const HEC_CODES = {
  success: 0,
  tokenDisabled: 1,
  tokenRequired: 2,
  invalidAuthorization: 3,
  invalidToken: 4,
  noData: 5,
  invalidDataFormat: 6,
  incorrectIndex: 7,
  serverError: 8,
  healthy: 17,
} as const;

function hecErrorBody(error: HeliosError): Record<string, unknown> {
  switch (error.key) {
    case 'token_required':
      return { text: 'Token is required', code: HEC_CODES.tokenRequired };
    case 'token_disabled':
      return { text: 'Token disabled', code: HEC_CODES.tokenDisabled };
    case 'invalid_token':
    case 'unsupported_scheme':
    case 'ambiguous_credential':
      return { text: 'Invalid token', code: HEC_CODES.invalidToken };
    case 'no_events':
      return { text: 'No data', code: HEC_CODES.noData };
    case 'invalid_body':
      return withEventNumber(
        { text: 'Invalid data format', code: HEC_CODES.invalidDataFormat },
        error,
      );
    case 'index_not_allowed':
    case 'invalid_index':
      return withEventNumber(
        { text: 'Incorrect index', code: HEC_CODES.incorrectIndex },
        error,
      );
    case 'internal_error':
      return { text: 'Internal server error', code: HEC_CODES.serverError };
    default:
      return { text: error.message, code: HEC_CODES.invalidAuthorization };
  }
}

function withEventNumber(body: Record<string, unknown>, error: HeliosError) {
  if (error.eventNumber === undefined) return body;
  return { ...body, 'invalid-event-number': error.eventNumber };
}

function formatHecError(error: HeliosError): Reply {
  return { status: error.status, body: hecErrorBody(error) };
}

function formatHecSuccess(): Reply {
  return { status: 200, body: { text: 'Success', code: HEC_CODES.success } };
}

/**
 * Parses concatenated or newline-separated envelopes
 * `{"event": any, "index"?: string, "fields"?: object, ...}`.
 */
function parseEnvelopes(input: BodyInput): ParseResult {
  const target = queryIndex(input);
  if ('error' in target) return { ok: false, error: target.error };

  const split = splitJsonValues(input.body.toString('utf8'));
  const events: ParsedEvent[] = [];
  for (let i = 0; i < split.values.length; i++) {
    const checked = checkEnvelope(split.values[i], i + 1);
    if ('error' in checked) return invalidBody(checked.error, i + 1);
    events.push({
      index: checked.index ?? target.index,
      event: split.values[i],
    });
  }

  if (split.error !== undefined) {
    const eventNumber = split.values.length + 1;
    return invalidBody(`Event ${eventNumber}: ${split.error}`, eventNumber);
  }
  return parsedEvents(events, 'events');
}

/** Returns the envelope's own index, or what is invalid about it. */
function checkEnvelope(
  value: unknown,
  eventNumber: number,
): { index?: string } | { error: string } {
  const prefix = `Event ${eventNumber}`;
  if (!isPlainObject(value))
    return { error: `${prefix} is not a JSON object.` };
  if (!('event' in value)) return { error: `${prefix} has no "event" field.` };
  if (value.event === '' || value.event === null) {
    return { error: `${prefix} has a blank "event" field.` };
  }
  if ('fields' in value && !isPlainObject(value.fields)) {
    return { error: `${prefix}: "fields" must be a JSON object.` };
  }
  if ('index' in value && typeof value.index !== 'string') {
    return { error: `${prefix}: "index" must be a string.` };
  }
  return { index: value.index as string | undefined };
}

function parseRawLines(input: BodyInput): ParseResult {
  const target = queryIndex(input);
  if ('error' in target) return { ok: false, error: target.error };

  const events = bodyLines(input.body)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ index: target.index, event: { message: line } }));
  return parsedEvents(events, 'lines');
}

const healthRoute = (path: string) => ({
  path,
  reply: (): Reply => ({
    status: 200,
    body: { text: 'HEC is healthy', code: HEC_CODES.healthy },
  }),
});

export const hecEventEndpoint: EndpointDefinition = {
  id: 'hec-event',
  endpointClass: 'shims',
  source: 'hec',
  paths: ['/services/collector/event', '/services/collector'],
  parseBody: parseEnvelopes,
  formatSuccess: formatHecSuccess,
  formatError: formatHecError,
  infoRoutes: [
    healthRoute('/services/collector/health'),
    healthRoute('/services/collector/health/1.0'),
  ],
};

export const hecRawEndpoint: EndpointDefinition = {
  id: 'hec-raw',
  endpointClass: 'shims',
  source: 'hec',
  paths: ['/services/collector/raw'],
  parseBody: parseRawLines,
  formatSuccess: formatHecSuccess,
  formatError: formatHecError,
};
