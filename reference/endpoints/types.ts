/** The definition object every ingest endpoint is built from. */

import type { HeliosError } from '../errors';
import type { EventSource } from '../store/types';

export type EndpointClass = 'api' | 'shims';

/** The parts of a request that a body parser reads. */
export interface BodyInput {
  body: Buffer;
  /** Parsed from the raw URL, so repeated parameters stay visible. */
  query: URLSearchParams;
  /** Route parameters, such as `index` in `/:index/_bulk`. */
  params: Record<string, string | undefined>;
  contentType: string | undefined;
}

/** One event of a request and the index it targets. */
export interface ParsedEvent {
  index: string;
  event: unknown;
}

export type ParseResult =
  | { ok: true; events: ParsedEvent[] }
  | { ok: false; error: HeliosError };

/** An HTTP response: a JSON `body`, a plain `text` body, or neither. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  text?: string;
}

export interface IngestSuccess {
  env: string;
  tokenId: string | null;
  events: ParsedEvent[];
  tookMs: number;
}

/** A GET route of a shim that needs no credential (health, version). */
export interface InfoRoute {
  path: string;
  reply(): Reply;
}

export interface EndpointDefinition {
  id: string;
  endpointClass: EndpointClass;
  /** Recorded with every stored event and shown by search. */
  source: EventSource;
  /** Express paths that accept POST. */
  paths: string[];
  /** Returns the 415 error for a content type this endpoint rejects. */
  checkContentType?(contentType: string | undefined): HeliosError | undefined;
  parseBody(input: BodyInput): ParseResult;
  formatSuccess(result: IngestSuccess): Reply;
  formatError(error: HeliosError): Reply;
  infoRoutes?: InfoRoute[];
}
