/**
 * The central error table: every failure the reference server responds with
 * has one key here, which fixes its HTTP status, public code and default
 * message. Shims translate the key into their own body format.
 */

export const ERROR_TABLE = {
  endpoint_disabled: {
    status: 403,
    code: 'endpoint_disabled',
    message: 'This endpoint class is disabled; an admin can enable it.',
  },
  duplicate_authorization: {
    status: 400,
    code: 'invalid_request',
    message: 'More than one Authorization header; send exactly one.',
  },
  token_required: {
    status: 401,
    code: 'unauthorized',
    message: 'A valid ingest token is required in the Authorization header.',
  },
  invalid_token: {
    status: 401,
    code: 'unauthorized',
    message: 'Invalid ingest token; check the secret or create a new token.',
  },
  token_disabled: {
    status: 401,
    code: 'unauthorized',
    message: 'The ingest token is disabled; an admin can enable it.',
  },
  unsupported_scheme: {
    status: 401,
    code: 'unauthorized',
    message: 'Unsupported authorization scheme; use Bearer, Splunk or Basic.',
  },
  ambiguous_credential: {
    status: 401,
    code: 'unauthorized',
    message: 'The Basic username and password name two different tokens.',
  },
  env_conflict: {
    status: 403,
    code: 'env_not_allowed',
    message: "The request names an env other than the token's env.",
  },
  invalid_env: {
    status: 400,
    code: 'invalid_request',
    message: 'Invalid env; send one name matching ^[a-z0-9][a-z0-9._-]{0,63}$.',
  },
  invalid_index: {
    status: 400,
    code: 'invalid_request',
    message:
      'Invalid index; send one name matching ^[a-z0-9][a-z0-9._-]{0,63}$.',
  },
  invalid_path: {
    status: 400,
    code: 'invalid_request',
    message:
      'The URL path has invalid percent-encoding; encode it as UTF-8 bytes.',
  },
  invalid_body: {
    status: 400,
    code: 'invalid_request',
    message: 'Invalid request body.',
  },
  no_events: {
    status: 400,
    code: 'invalid_request',
    message: 'No events in the request body.',
  },
  index_not_allowed: {
    status: 403,
    code: 'index_not_allowed',
    message: "The index is not in the token's allowlist.",
  },
  payload_too_large: {
    status: 413,
    code: 'payload_too_large',
    message: 'Request body is larger than the limit; send smaller batches.',
  },
  unsupported_media_type: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Unsupported content type; send JSON.',
  },
  api_key_required: {
    status: 401,
    code: 'unauthorized',
    message: 'An API key is required as a Bearer credential.',
  },
  invalid_api_key: {
    status: 401,
    code: 'unauthorized',
    message: 'Invalid API key.',
  },
  forbidden_role: {
    status: 403,
    code: 'forbidden',
    message: 'This API key lacks the role this route requires.',
  },
  invalid_field: {
    status: 400,
    code: 'invalid_request',
    message: 'Invalid request field.',
  },
  not_found: {
    status: 404,
    code: 'not_found',
    message: 'Not found.',
  },
  last_admin_key: {
    status: 409,
    code: 'conflict',
    message:
      'This is the last admin API key; create another admin key first.',
  },
  internal_error: {
    status: 500,
    code: 'internal_error',
    message: 'Internal server error; see the server log.',
  },
} as const satisfies Record<
  string,
  { status: number; code: string; message: string }
>;

export type ErrorKey = keyof typeof ERROR_TABLE;

/** A failure response: its table key, status, code and message. */
export interface HeliosError {
  key: ErrorKey;
  status: number;
  code: string;
  message: string;
  /** 1-based position of the offending event in a batch, when known. */
  eventNumber?: number;
}

/** Builds the error for `key`, optionally with a more specific message. */
export function heliosError(
  key: ErrorKey,
  message?: string,
  eventNumber?: number,
): HeliosError {
  const entry = ERROR_TABLE[key];
  return {
    key,
    status: entry.status,
    code: entry.code,
    message: message ?? entry.message,
    ...(eventNumber === undefined ? {} : { eventNumber }),
  };
}

/** Renders the common `{"error": {"code", "message"}}` body. */
export function errorBody(error: HeliosError): unknown {
  return { error: { code: error.code, message: error.message } };
}

/**
 * Maps a client error that Express, its router or a body parser raised
 * (an error with a 4xx `status`) to its entry of the table. Returns
 * undefined for any other error, which is a server fault.
 */
export function clientError(error: unknown): HeliosError | undefined {
  const status = errorStatus(error);
  if (status === undefined || status < 400 || status > 499) return undefined;

  if (error instanceof URIError) return heliosError('invalid_path');
  const type = String((error as { type?: unknown }).type);
  if (Object.hasOwn(BODY_PARSER_ERRORS, type)) {
    return heliosError(...BODY_PARSER_ERRORS[type]);
  }
  return heliosError(...(STATUS_FALLBACKS[status] ?? STATUS_FALLBACKS[400]));
}

function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as Record<string, unknown>;
  const value = status ?? statusCode;
  return typeof value === 'number' && Number.isInteger(value)
    ? value
    : undefined;
}

/** The `type` values of body-parser 2 errors, with key and message. */
const BODY_PARSER_ERRORS: Record<string, [ErrorKey, string?]> = {
  'entity.too.large': ['payload_too_large'],
  'parameters.too.many': ['payload_too_large'],
  'entity.parse.failed': ['invalid_body', 'The body is not valid JSON.'],
  'charset.unsupported': [
    'unsupported_media_type',
    'Unsupported charset in Content-Type; send UTF-8.',
  ],
  'encoding.unsupported': [
    'unsupported_media_type',
    'Unsupported Content-Encoding; send identity, gzip or deflate.',
  ],
  'request.aborted': ['invalid_body', 'The request body was cut short.'],
  'request.size.invalid': [
    'invalid_body',
    'The body length differs from Content-Length.',
  ],
};

/**
 * Table entries for 4xx statuses that carry no more specific type. Any other
 * 4xx status becomes a 400, because the table has no entry for it.
 */
const STATUS_FALLBACKS: Record<number, [ErrorKey, string?]> = {
  // body-parser 2 raises an untyped 400 when it cannot decompress the body.
  400: ['invalid_body', 'The request body could not be read.'],
  404: ['not_found'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
};
