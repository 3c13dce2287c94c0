/**
 * Parsing of the `Authorization` request header for ingest endpoints.
 * Pure: never throws, every input maps to one `ParsedAuthorization`.
 */

export type ParsedAuthorization =
  | { kind: 'none' }
  | {
      kind: 'strict';
      scheme: 'bearer' | 'splunk';
      credential: string;
      /** False when the credential is not one RFC 6750 `b64token`. */
      wellFormed: boolean;
    }
  | { kind: 'basic'; username: string; password: string }
  | {
      kind: 'basic-malformed';
      /** The decoded text when the base64 was valid but had no colon. */
      decoded?: string;
    }
  | { kind: 'unsupported'; scheme: string };

// RFC 9110 §5.6.3: OWS = *( SP / HTAB ), trimmed around a field value.
const surroundingOwsRegExp = /^[ \t]+|[ \t]+$/g;

// RFC 9110 §11.4: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
// RFC 9110 §5.6.2: token = 1*tchar. The scheme must be followed by the end
// of the value or by spaces, so a tab after the scheme does not match.
const credentialsRegExp = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?: +([^]*))?$/;

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" /
// "+" / "/" ) *"="
const b64tokenRegExp = /^[A-Za-z0-9\-._~+/]+=*$/;

// RFC 7617 §2 with RFC 4648 §4: base64 alphabet, padding only at the end.
// Unpadded input is accepted, so the padding group is optional.
const base64RegExp = /^[A-Za-z0-9+/]*={0,2}$/;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses one `Authorization` field value; `undefined` means absent. */
export function parseAuthorization(
  value: string | undefined,
): ParsedAuthorization {
  if (value === undefined) return { kind: 'none' };
  const trimmed = value.replace(surroundingOwsRegExp, '');
  if (trimmed === '') return { kind: 'none' };

  const match = credentialsRegExp.exec(trimmed);
  if (match === null) {
    return { kind: 'unsupported', scheme: leadingScheme(trimmed) };
  }

  const scheme = match[1];
  const rest = match[2] ?? '';
  return parseScheme(scheme, rest);
}

function parseScheme(scheme: string, rest: string): ParsedAuthorization {
  const lower = scheme.toLowerCase();
  if (lower === 'bearer' || lower === 'splunk') {
    const wellFormed = b64tokenRegExp.test(rest);
    return { kind: 'strict', scheme: lower, credential: rest, wellFormed };
  }
  if (lower === 'basic') return parseBasic(rest);
  return { kind: 'unsupported', scheme };
}

/** Decodes RFC 7617 `base64(user-id ":" password)`, split at the first colon. */
function parseBasic(encoded: string): ParsedAuthorization {
  const decoded = decodeBase64Utf8(encoded);
  if (decoded === undefined) return { kind: 'basic-malformed' };

  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'basic-malformed', decoded };

  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return { kind: 'basic', username, password };
}

function decodeBase64Utf8(encoded: string): string | undefined {
  if (encoded === '' || !base64RegExp.test(encoded)) return undefined;

  const hasPadding = encoded.endsWith('=');
  if (hasPadding && encoded.length % 4 !== 0) return undefined;
  if (!hasPadding && encoded.length % 4 === 1) return undefined;

  try {
    return utf8Decoder.decode(Buffer.from(encoded, 'base64'));
  } catch {
    return undefined;
  }
}

function leadingScheme(value: string): string {
  const end = value.search(/[^!#$%&'*+.^_`|~0-9A-Za-z-]/);
  return end < 0 ? value : value.slice(0, end);
}
