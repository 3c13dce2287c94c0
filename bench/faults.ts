// Faults injected into the reference's Authorization parser, one at a time,
// to measure whether the HTTP properties find them. Each fault wraps the
// real parser and breaks one rule in a way an implementation plausibly could.

import type { ParsedAuthorization } from '../reference/auth/parse';
import type { ReferenceParts } from '../reference/parts';

type Parser = ReferenceParts['parseAuthorization'];

export interface Fault {
  id: string;
  description: string;
  wrap(parse: Parser): Parser;
}

/** Credentials longer than this make the long-credential fault throw. */
const FAULT_CREDENTIAL_LIMIT = 300;

// The scheme and the text after the spaces that follow it.
const schemeAndRestRegExp = /^[ \t]*(\S+)( +)([^]*?)[ \t]*$/;

// RFC 4648 §4 base64 alphabet with trailing padding.
const base64RegExp = /^[A-Za-z0-9+/]*={0,2}$/;

const CANONICAL_SCHEMES = ['Bearer', 'Splunk', 'Basic'];

function splitScheme(value: string | undefined) {
  const match = schemeAndRestRegExp.exec(value ?? '');
  if (match === null) return undefined;
  return { scheme: match[1], spaces: match[2], rest: match[3] };
}

/** A parser that throws (500) on Basic text that is not base64. */
const invalidBase64Throws: Fault = {
  id: 'invalid-base64-500',
  description: '500 on invalid base64',
  wrap: (parse) => (value) => {
    const split = splitScheme(value);
    const isBasic = split?.scheme.toLowerCase() === 'basic';
    if (isBasic && !base64RegExp.test(split.rest)) {
      throw new Error('base64 decoding failed');
    }
    return parse(value);
  },
};

/** A parser that throws (500) past a fixed credential length. */
const longCredentialThrows: Fault = {
  id: 'long-credential-500',
  description: `500 on credentials longer than ${FAULT_CREDENTIAL_LIMIT} characters`,
  wrap: (parse) => (value) => {
    const split = splitScheme(value);
    if (split !== undefined && split.rest.length > FAULT_CREDENTIAL_LIMIT) {
      throw new Error('credential buffer overflow');
    }
    return parse(value);
  },
};

/** A parser that accepts only the canonical spelling of each scheme. */
const caseSensitiveScheme: Fault = {
  id: 'case-sensitive-scheme',
  description: 'case-sensitive scheme names',
  wrap: (parse) => (value) => {
    const split = splitScheme(value);
    if (split !== undefined && !CANONICAL_SCHEMES.includes(split.scheme)) {
      return { kind: 'unsupported', scheme: split.scheme };
    }
    return parse(value);
  },
};

/**
 * A parser that splits at the first space only, so further spaces become
 * part of the credential: an unknown strict token, or malformed Basic.
 */
const oneSpaceOnly: Fault = {
  id: 'one-space-only',
  description: 'exactly one space required after the scheme',
  wrap: (parse) => (value) => {
    const parsed = parse(value);
    const split = splitScheme(value);
    if (split === undefined || split.spaces.length === 1) return parsed;

    const credential = split.spaces.slice(1) + split.rest;
    return keepLeadingSpaces(parsed, credential);
  },
};

function keepLeadingSpaces(
  parsed: ParsedAuthorization,
  credential: string,
): ParsedAuthorization {
  if (parsed.kind === 'strict') {
    return { ...parsed, credential, wellFormed: false };
  }
  if (parsed.kind === 'basic') return { kind: 'basic-malformed' };
  return parsed;
}

export const FAULTS: readonly Fault[] = [
  invalidBase64Throws,
  longCredentialThrows,
  caseSensitiveScheme,
  oneSpaceOnly,
];
