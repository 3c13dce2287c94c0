/** Elasticsearch bulk API: NDJSON pairs of action line and source line. */

import type { HeliosError } from '../errors';
import { parseJsonObject } from '../json';
import { bodyLines, invalidBody, isPlainObject, parsedEvents } from './common';
import type {
  BodyInput,
  EndpointDefinition,
  IngestSuccess,
  ParsedEvent,
  ParseResult,
  Reply,
} from './types';
import { DEFAULT_INDEX } from '../names';

/** Official Elasticsearch 8.x clients reject servers without this header. */
const PRODUCT_HEADERS = { 'X-Elastic-Product': 'Elasticsearch' };

const SERVER_VERSION = '8.19.2';

const WRITE_ACTIONS = ['index', 'create'];

interface PendingAction {
  action: string;
  index: string;
  id?: unknown;
}

function parseBulk(input: BodyInput): ParseResult {
  const pathIndex = input.params.index ?? DEFAULT_INDEX;
  const lines = bodyLines(input.body).filter((line) => line.trim() !== '');
  const events: ParsedEvent[] = [];

  for (let i = 0; i < lines.length; i += 2) {
    const itemNumber = i / 2 + 1;
    const action = parseActionLine(lines[i], pathIndex, itemNumber);
    if (typeof action === 'string') return invalidBody(action, itemNumber);

    if (i + 1 >= lines.length) {
      const message = `Item ${itemNumber}: the source line is missing.`;
      return invalidBody(message, itemNumber);
    }
    const source = parseJsonObject(lines[i + 1]);
    if (!source.ok) {
      const message = `Item ${itemNumber}: the source line ${source.problem}.`;
      return invalidBody(message, itemNumber);
    }
    events.push({ index: action.index, event: source.value });
  }
  return parsedEvents(events, 'bulk items');
}

/** Returns the action, or a message saying what is invalid. */
function parseActionLine(
  line: string,
  pathIndex: string,
  itemNumber: number,
): PendingAction | string {
  const prefix = `Item ${itemNumber}`;
  const parsed = parseJsonObject(line);
  if (!parsed.ok) return `${prefix}: the action line ${parsed.problem}.`;

  const keys = Object.keys(parsed.value);
  if (keys.length !== 1 || !WRITE_ACTIONS.includes(keys[0])) {
    return `${prefix}: the action must be "index" or "create".`;
  }
  const meta = parsed.value[keys[0]];
  if (!isPlainObject(meta))
    return `${prefix}: the action metadata is not an object.`;
  if ('_index' in meta && typeof meta._index !== 'string') {
    return `${prefix}: "_index" must be a string.`;
  }

  const index = typeof meta._index === 'string' ? meta._index : pathIndex;
  return { action: keys[0], index, id: meta._id };
}

function formatBulkSuccess(result: IngestSuccess): Reply {
  const items = result.events.map((event) => ({
    index: { _index: event.index, status: 201, result: 'created' },
  }));
  return {
    status: 200,
    headers: PRODUCT_HEADERS,
    body: { took: result.tookMs, errors: false, items },
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'parse_exception',
  401: 'security_exception',
  403: 'security_exception',
  413: 'content_too_long_exception',
  415: 'media_type_header_exception',
};

function formatBulkError(error: HeliosError): Reply {
  const type = ERROR_TYPES[error.status] ?? 'exception';
  return {
    status: error.status,
    body: { error: { type, reason: error.message }, status: error.status },
  };
}

export const bulkEndpoint: EndpointDefinition = {
  id: 'bulk',
  endpointClass: 'shims',
  source: 'bulk',
  paths: ['/_bulk', '/:index/_bulk'],
  parseBody: parseBulk,
  formatSuccess: formatBulkSuccess,
  formatError: formatBulkError,
  infoRoutes: [
    {
      path: '/',
      reply: () => ({
        status: 200,
        headers: PRODUCT_HEADERS,
        body: {
          name: 'helios-reference',
          cluster_name: 'helios',
          version: { number: SERVER_VERSION },
          tagline: 'You Know, for Search',
        },
      }),
    },
    {
      path: '/_cluster/health',
      reply: () => ({
        status: 200,
        headers: PRODUCT_HEADERS,
        body: { cluster_name: 'helios', status: 'green' },
      }),
    },
  ],
};
