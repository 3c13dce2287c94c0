/** Helpers shared by the endpoint body parsers. */

import { heliosError, type HeliosError } from '../errors';
import { DEFAULT_INDEX } from '../names';
import type { BodyInput, ParsedEvent, ParseResult } from './types';

/** `?index=`, or `fallback`; a repeated parameter is an error. */
export function queryIndex(
  input: BodyInput,
  fallback: string = DEFAULT_INDEX,
): { index: string } | { error: HeliosError } {
  const values = input.query.getAll('index');
  if (values.length > 1) {
    return {
      error: heliosError(
        'invalid_index',
        'Repeated index parameter; send one.',
      ),
    };
  }
  return { index: values[0] ?? fallback };
}

/** Splits a body into lines, dropping a trailing CR from each. */
export function bodyLines(body: Buffer): string[] {
  return body
    .toString('utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''));
}

export { isPlainObject } from '../json';

export function invalidBody(
  message: string,
  eventNumber?: number,
): ParseResult {
  return {
    ok: false,
    error: heliosError('invalid_body', message, eventNumber),
  };
}

export function parsedEvents(
  events: ParsedEvent[],
  eventKind: string,
): ParseResult {
  if (events.length === 0) {
    return {
      ok: false,
      error: heliosError('no_events', `No ${eventKind} in the request body.`),
    };
  }
  return { ok: true, events };
}

/** True for `application/json`, with or without parameters. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json';
}
