import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import {
  parseAuthorization,
  type ParsedAuthorization,
} from '../../reference/auth/parse';
import {
  anyCaseSchemeArb,
  basicPasswordArb,
  basicUserArb,
  longTextArb,
  separatorArb,
  shortUnknownTokenArb,
} from '../../steps/support/fuzz/arbitraries';

/** The parser is pure and fast, so many runs cost well under a second. */
const NUM_RUNS = 500;

/** Node's default header size limit, so no header a server receives is longer. */
const MAX_ANY_LENGTH = 16 * 1024;

/** Short enough that most runs stay fast, long enough for every shape. */
const MAX_SHORT_LENGTH = 64;

const PARSED_KINDS = [
  'none',
  'strict',
  'basic',
  'basic-malformed',
  'unsupported',
];

const anyCharArb = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

/** Any string: control characters, non-ASCII, up to 16 KiB. */
const anyStringArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: MAX_SHORT_LENGTH, size: 'max' }),
  fc.string({ unit: 'binary-ascii', maxLength: MAX_SHORT_LENGTH, size: 'max' }),
  longTextArb(anyCharArb, [{ min: MAX_SHORT_LENGTH, max: MAX_ANY_LENGTH }]),
);

/** A scheme name, then something like a separator, then any string. */
const schemePrefixedStringArb = fc
  .tuple(
    anyCaseSchemeArb,
    fc.constantFrom('', ' ', '  ', '\t', ' \t'),
    anyStringArb,
  )
  .map(([scheme, separator, rest]) => scheme + separator + rest);

/** Spaces and tabs only: what remains of an empty field value. */
const owsOnlyArb = fc.string({ unit: fc.constantFrom(' ', '\t') });

function encodeBasic(userPass: string): string {
  return Buffer.from(userPass, 'utf8').toString('base64');
}

/** Returns the result of a strict scheme with a well-formed credential. */
function expectedStrict(scheme: string, credential: string) {
  const lower = scheme.toLowerCase();
  return { kind: 'strict', scheme: lower, credential, wellFormed: true };
}

describe('parseAuthorization properties', () => {
  it('is total: any string gives a result of a known kind', () => {
    const inputArb = fc.oneof(anyStringArb, schemePrefixedStringArb);
    fc.assert(
      fc.property(inputArb, (value) => {
        const parsed: ParsedAuthorization = parseAuthorization(value);
        assert.ok(PARSED_KINDS.includes(parsed.kind), parsed.kind);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('parses spaces and tabs alone as no credential', () => {
    fc.assert(
      fc.property(owsOnlyArb, (value) => {
        assert.deepEqual(parseAuthorization(value), { kind: 'none' });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('matches strict scheme names in any case after any spaces', () => {
    const strictNameArb = fc.mixedCase(fc.constantFrom('Bearer', 'Splunk'));
    fc.assert(
      fc.property(
        strictNameArb,
        separatorArb,
        shortUnknownTokenArb,
        (scheme, spaces, token) => {
          const parsed = parseAuthorization(scheme + spaces + token);
          assert.deepEqual(parsed, expectedStrict(scheme, token));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('matches Basic in any case after any spaces', () => {
    const basicNameArb = fc.mixedCase(fc.constant('Basic'));
    fc.assert(
      fc.property(
        basicNameArb,
        separatorArb,
        basicUserArb,
        basicPasswordArb,
        (scheme, spaces, username, password) => {
          const encoded = encodeBasic(`${username}:${password}`);
          const parsed = parseAuthorization(scheme + spaces + encoded);
          assert.deepEqual(parsed, { kind: 'basic', username, password });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('gives the same result for any scheme case and spacing', () => {
    fc.assert(
      fc.property(
        anyCaseSchemeArb,
        separatorArb,
        fc.string({ unit: 'binary', maxLength: MAX_SHORT_LENGTH, size: 'max' }),
        (scheme, spaces, credential) => {
          const canonical = canonicalScheme(scheme);
          const actual = parseAuthorization(scheme + spaces + credential);
          const expected = parseAuthorization(`${canonical} ${credential}`);
          assert.deepEqual(actual, expected);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('splits Basic at the first colon so any password round-trips', () => {
    fc.assert(
      fc.property(basicUserArb, basicPasswordArb, (username, password) => {
        const encoded = encodeBasic(`${username}:${password}`);
        const parsed = parseAuthorization(`Basic ${encoded}`);
        assert.deepEqual(parsed, { kind: 'basic', username, password });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('decodes Basic base64 that lacks its padding', () => {
    fc.assert(
      fc.property(basicUserArb, basicPasswordArb, (username, password) => {
        const encoded = encodeBasic(`${username}:${password}`);
        const unpadded = encoded.replace(/=+$/, '');
        const parsed = parseAuthorization(`Basic ${unpadded}`);
        assert.deepEqual(parsed, { kind: 'basic', username, password });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/** Maps `bEaReR` to `Bearer`, independently of the parser's own mapping. */
function canonicalScheme(scheme: string): string {
  const lower = scheme.toLowerCase();
  return lower[0].toUpperCase() + lower.slice(1);
}
