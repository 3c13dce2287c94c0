/**
 * Resolution of an ingest request's credential into a token, the open path
 * or a rejection. Pure: the token lookup is passed in.
 */

import { parseAuthorization, type ParsedAuthorization } from './parse';

export interface TokenRecordView {
  id: string;
  env: string;
  indexes: string[];
  enabled: boolean;
}

/** Keys of the central error table that credential resolution can return. */
export type AuthFailure =
  | 'duplicate_authorization'
  | 'token_required'
  | 'invalid_token'
  | 'token_disabled'
  | 'unsupported_scheme'
  | 'ambiguous_credential';

export type Resolution =
  | { outcome: 'token'; token: TokenRecordView }
  | { outcome: 'open' }
  | {
      outcome: 'reject';
      status: 400 | 401;
      /** Public error code sent to clients. */
      code: string;
      /** Error-table key saying why, for shims with finer codes. */
      reason: AuthFailure;
    };

export interface ResolveInput {
  require: boolean;
  /** Raw header value(s); an array has one entry per header line. */
  authorization: string | string[] | undefined;
  /** Looks a presented secret up among enabled and disabled tokens. */
  findToken: (secret: string) => TokenRecordView | undefined;
  /** Header parser; defaults to `parseAuthorization`. */
  parse?: (value: string | undefined) => ParsedAuthorization;
}

/**
 * Resolves the credential of an ingest request: Bearer and Splunk are
 * strict, Basic is lenient, anything unrecognized falls to the open path
 * only while authentication is not required.
 */
export function resolveCredential(input: ResolveInput): Resolution {
  const values = headerValues(input.authorization);
  if (values.length > 1) return reject(400, 'duplicate_authorization');

  const parse = input.parse ?? parseAuthorization;
  const parsed = parse(values[0]);
  switch (parsed.kind) {
    case 'none':
      return noCredential(input.require);
    case 'unsupported':
      return reject(401, 'unsupported_scheme');
    case 'strict':
      return resolveStrict(parsed, input.findToken);
    case 'basic':
      return resolveBasic(
        [parsed.username, parsed.password],
        input.require,
        input.findToken,
      );
    case 'basic-malformed':
      return resolveBasic(
        parsed.decoded === undefined ? [] : [parsed.decoded],
        input.require,
        input.findToken,
      );
  }
}

function headerValues(raw: string | string[] | undefined): string[] {
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw : [raw];
}

function resolveStrict(
  parsed: { credential: string; wellFormed: boolean },
  findToken: ResolveInput['findToken'],
): Resolution {
  if (parsed.credential === '' || !parsed.wellFormed) {
    return reject(401, 'invalid_token');
  }

  const token = findToken(parsed.credential);
  if (token === undefined) return reject(401, 'invalid_token');
  if (!token.enabled) return reject(401, 'token_disabled');
  return { outcome: 'token', token };
}

/**
 * Looks each Basic candidate (username, then password) up. A disabled token
 * or two different tokens are rejected, because the shipper meant to present
 * a token. No match at all counts as no credential.
 */
function resolveBasic(
  candidates: string[],
  require: boolean,
  findToken: ResolveInput['findToken'],
): Resolution {
  const matches = candidates
    .filter((candidate) => candidate !== '')
    .map((candidate) => findToken(candidate))
    .filter((token): token is TokenRecordView => token !== undefined);
  if (matches.length === 0) return noCredential(require);

  const first = matches[0];
  if (matches.some((token) => token.id !== first.id)) {
    return reject(401, 'ambiguous_credential');
  }
  if (!first.enabled) return reject(401, 'token_disabled');
  return { outcome: 'token', token: first };
}

function noCredential(require: boolean): Resolution {
  return require ? reject(401, 'token_required') : { outcome: 'open' };
}

function reject(status: 400 | 401, reason: AuthFailure): Resolution {
  const code = status === 400 ? 'invalid_request' : 'unauthorized';
  return { outcome: 'reject', status, code, reason };
}
