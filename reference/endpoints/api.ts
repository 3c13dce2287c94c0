/** The HeliosLogs Ingest API: NDJSON, one JSON object per line. */

import { errorBody } from '../errors';
import { parseJsonObject } from '../json';
import { bodyLines, invalidBody, parsedEvents, queryIndex } from './common';
import type { BodyInput, EndpointDefinition, ParseResult } from './types';

function parseNdjson(input: BodyInput): ParseResult {
  const target = queryIndex(input);
  if ('error' in target) return { ok: false, error: target.error };

  const lines = bodyLines(input.body);
  const events = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;

    const parsed = parseJsonObject(lines[i]);
    if (!parsed.ok) {
      const lineNo = i + 1;
      return invalidBody(`Line ${lineNo} ${parsed.problem}.`, lineNo);
    }
    events.push({ index: target.index, event: parsed.value });
  }
  return parsedEvents(events, 'events');
}

export const apiEndpoint: EndpointDefinition = {
  id: 'api',
  endpointClass: 'api',
  source: 'api',
  paths: ['/api/ingest'],
  parseBody: parseNdjson,
  formatSuccess: (result) => ({
    status: 200,
    body: {
      accepted: result.events.length,
      env: result.env,
      index: result.events[0]?.index,
    },
  }),
  formatError: (error) => ({ status: error.status, body: errorBody(error) }),
};
