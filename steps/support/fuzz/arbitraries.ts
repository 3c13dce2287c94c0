// Named fast-check arbitraries for Authorization values: what shippers send
// and what they get wrong. Every value they build is legal for Node's HTTP
// client (tab, 0x20-0x7e and 0x80-0xff only) by construction, and no longer
// than MAX_AUTHORIZATION_LENGTH once its slots contain secrets of up to
// SECRET_ALLOWANCE characters.

import fc from 'fast-check';

import {
  base64,
  bytes,
  secret,
  text,
  utf8,
  type BytePiece,
  type HeaderCase,
  type Piece,
  type SecretSlot,
} from './header-case';

/** Node's default limit on the whole request header section; 431 past it. */
export const NODE_MAX_HEADER_BYTES = 16 * 1024;

/** Request line and the other headers a probe sends, with room to spare. */
export const OTHER_HEADERS_ALLOWANCE = 1024;

/** Maximum secret length per slot. Reference secrets have 47 characters. */
export const SECRET_ALLOWANCE = 128;

/** Maximum Authorization length, so a request stays under Node's limit. */
export const MAX_AUTHORIZATION_LENGTH =
  NODE_MAX_HEADER_BYTES -
  OTHER_HEADERS_ALLOWANCE -
  'Authorization: \r\n'.length;

/** Room for a scheme name, its spaces and trailing whitespace. */
const SCHEME_PREFIX_ALLOWANCE = 64;

/** Maximum length of a text credential (token, invalid base64). */
const MAX_CREDENTIAL_LENGTH =
  MAX_AUTHORIZATION_LENGTH - SCHEME_PREFIX_ALLOWANCE - SECRET_ALLOWANCE;

/** Maximum decoded Basic length: base64 turns 3 bytes into 4 characters. */
const MAX_BASIC_BYTES = Math.floor((MAX_CREDENTIAL_LENGTH * 3) / 4);

/** Maximum spaces between scheme and credential (RFC 9110 sets no limit). */
export const MAX_SEPARATOR_SPACES = 8;

/** Trailing spaces and tabs, as left by a copied configuration value. */
const MAX_TRAILING_WHITESPACE = 4;

/** Ordinary tokens and short junk: long enough for every character class. */
const MAX_SHORT_LENGTH = 64;

/**
 * Lengths of long credentials, in three bands drawn equally often: hundreds
 * of bytes, a few KiB, and up to the header limit. A failure that starts at
 * some length then shows up within a few runs whatever that length is.
 */
const LONG_LENGTH_BANDS = [
  { min: 256, max: 1024 },
  { min: 1025, max: 4096 },
  { min: 4097, max: MAX_CREDENTIAL_LENGTH },
] as const;

/** Maximum length of a generated Basic user or password. */
const MAX_BASIC_HALF_LENGTH = 512;

// RFC 9110 §5.5: field-value = *field-content, field-vchar = VCHAR / obs-text;
// Node's client also lets a tab through, and rejects everything else.
const headerCharArb = fc.mapToConstant(
  { num: 1, build: () => '\t' },
  {
    num: 0x7e - 0x20 + 1,
    build: (offset) => String.fromCharCode(0x20 + offset),
  },
  { num: 0x80, build: (offset) => String.fromCharCode(0x80 + offset) },
);

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+"
// / "/" ) *"="
const B64TOKEN_CHARACTERS =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/';
export const b64tokenCharArb = fc.constantFrom(...B64TOKEN_CHARACTERS);

// Characters that are neither in the base64 alphabet nor base64url, so any
// strict decoder rejects them.
const NON_BASE64_CHARACTERS = '!"#$%&\'()*,.:;<>?@[\\]^`{|}~ \t\xa0\xe9\xff';
const nonBase64CharArb = fc.constantFrom(...NON_BASE64_CHARACTERS);

const BASE64_CHARACTERS =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64CharArb = fc.constantFrom(...BASE64_CHARACTERS);

const strictSchemeNameArb = fc.constantFrom('Bearer', 'Splunk');
const schemeNameArb = fc.constantFrom('Bearer', 'Splunk', 'Basic');

/** A supported scheme name in any letter case (`bEaReR`). */
export const anyCaseSchemeArb = fc.mixedCase(schemeNameArb);
export const anyCaseStrictSchemeArb = fc.mixedCase(strictSchemeNameArb);

const unsupportedSchemeArb = fc.oneof(
  fc.constantFrom('Token', 'Digest', 'ApiKey', 'Negotiate', 'HOBA', 'Bearer:'),
  fc.string({ unit: b64tokenCharArb, minLength: 1, maxLength: 12 }),
);

/** One or more spaces: RFC 9110 §11.4 puts 1*SP after the scheme. */
export const separatorArb = fc
  .integer({ min: 1, max: MAX_SEPARATOR_SPACES })
  .map((count) => ' '.repeat(count));

const trailingWhitespaceArb = fc.string({
  unit: fc.constantFrom(' ', '\t'),
  minLength: 1,
  maxLength: MAX_TRAILING_WHITESPACE,
});

/** Short text made of any character a header value may carry. */
const shortHeaderTextArb = fc.string({
  unit: headerCharArb,
  maxLength: MAX_SHORT_LENGTH,
  size: 'max',
});

/**
 * Text of exactly a drawn length, built by repeating a short chunk: cheap to
 * generate at 16 KiB, and shrinking moves the length towards its lower bound.
 */
export function longTextArb(
  unit: fc.Arbitrary<string>,
  bands: readonly { min: number; max: number }[] = LONG_LENGTH_BANDS,
): fc.Arbitrary<string> {
  const lengthArb = fc.oneof(...bands.map((band) => fc.integer(band)));
  const chunkArb = fc.string({ unit, minLength: 1, maxLength: 16 });
  return fc
    .tuple(chunkArb, lengthArb)
    .map(([chunk, length]) => repeatToLength(chunk, length));
}

function repeatToLength(chunk: string, length: number): string {
  const copies = Math.ceil(length / chunk.length);
  return chunk.repeat(copies).slice(0, length);
}

/** A short b64token no server issued, with optional padding. */
export const shortUnknownTokenArb = fc
  .tuple(
    fc.string({
      unit: b64tokenCharArb,
      minLength: 1,
      maxLength: MAX_SHORT_LENGTH,
      size: 'max',
    }),
    fc.constantFrom('', '=', '=='),
  )
  .map(([body, padding]) => body + padding);

/**
 * A b64token no server issued, short or long. A real secret has at least 128
 * random bits, so a collision with one is not a concern.
 */
export const unknownTokenArb = fc.oneof(
  { weight: 3, arbitrary: shortUnknownTokenArb },
  { weight: 1, arbitrary: longTextArb(b64tokenCharArb) },
);

/** Builds a credential that is no valid token: unknown, or a slot of `slots`. */
function invalidTokenPieceArb(
  slots: readonly SecretSlot[],
  unknownArb: fc.Arbitrary<Piece> = unknownTokenArb.map(text),
): fc.Arbitrary<Piece> {
  if (slots.length === 0) return unknownArb;

  const slotArb = fc.constantFrom(...slots).map(secret);
  return fc.oneof(unknownArb, slotArb);
}

/** A Basic user (RFC 7617 §2: user-id has no colon), possibly empty. */
export const basicUserArb = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('a', 'Z', '0', '.', '-', ' '),
      fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 }),
    ),
    maxLength: MAX_BASIC_HALF_LENGTH,
    size: 'max',
  })
  .map((value) => value.replaceAll(':', ''));

/** A Basic password: any Unicode text, colons and the empty string included. */
export const basicPasswordArb = fc.string({
  unit: fc.oneof(
    fc.constantFrom(':', ' ', '=', 'é', '\u{1f511}', '\0'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: MAX_BASIC_HALF_LENGTH,
  size: 'max',
});

/** Byte sequences that are not UTF-8 (RFC 3629 §3 excludes each of them). */
const nonUtf8SequenceArb = fc.constantFrom(
  [0x80],
  [0xff],
  [0xc0, 0xaf],
  [0xc3, 0x28],
  [0xe2, 0x28, 0xa1],
  [0xed, 0xa0, 0x80],
  [0xf0, 0x28, 0x8c, 0xbc],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
);

// ASCII only, so a byte next to a sequence above cannot make it valid UTF-8.
const shortAsciiBytesArb = fc
  .uint8Array({ max: 0x7f, maxLength: 16 })
  .map((values) => Array.from(values));

function headerCase(shape: string, pieces: Piece[]): HeaderCase {
  return { shape, pieces };
}

/** Strict scheme, then an invalid token, then trailing spaces and tabs. */
function trailingWhitespaceCaseArb(tokenArb: fc.Arbitrary<Piece>) {
  return fc
    .tuple(
      anyCaseStrictSchemeArb,
      separatorArb,
      tokenArb,
      trailingWhitespaceArb,
    )
    .map(([scheme, spaces, token, trailing]) =>
      headerCase('trailing whitespace', [
        text(scheme + spaces),
        token,
        text(trailing),
      ]),
    );
}

/** `Bearerabc`: the shipper forgot the space after the scheme. */
function missingSpaceCaseArb(tokenArb: fc.Arbitrary<Piece>) {
  return fc
    .tuple(anyCaseSchemeArb, tokenArb)
    .map(([scheme, token]) =>
      headerCase('missing space', [text(scheme), token]),
    );
}

/** `Bearer Bearer abc`: the scheme was already part of the configured value. */
function doubledSchemeCaseArb(tokenArb: fc.Arbitrary<Piece>) {
  return fc
    .tuple(anyCaseSchemeArb, separatorArb, tokenArb)
    .map(([scheme, spaces, token]) =>
      headerCase('doubled scheme', [
        text(`${scheme}${spaces}${scheme} `),
        token,
      ]),
    );
}

/** A scheme with nothing or only spaces after it. */
const emptyCredentialCaseArb = fc
  .tuple(anyCaseSchemeArb, fc.constantFrom('', ' ', '   '))
  .map(([scheme, spaces]) =>
    headerCase('empty credential', [text(scheme + spaces)]),
  );

/** Basic user-pass with an invalid half, encoded without its `=` padding. */
function unpaddedBase64CaseArb(tokenArb: fc.Arbitrary<BytePiece>) {
  return fc
    .tuple(tokenArb, basicPasswordArb)
    .map(([user, password]) =>
      headerCase('unpadded base64', [
        text('Basic '),
        base64([user, utf8(`:${password}`)], false),
      ]),
    );
}

/** Basic with text that no base64 decoder accepts as it is. */
const invalidBase64CaseArb = fc
  .tuple(
    fc.string({
      unit: base64CharArb,
      maxLength: MAX_SHORT_LENGTH,
      size: 'max',
    }),
    fc.oneof(
      fc.string({ unit: nonBase64CharArb, minLength: 1, maxLength: 4 }),
      fc.constantFrom('=', '==', '===', '=A'),
    ),
    fc.string({
      unit: base64CharArb,
      maxLength: MAX_SHORT_LENGTH,
      size: 'max',
    }),
  )
  .map(([before, invalid, after]) =>
    headerCase('invalid base64', [text(`Basic ${before}${invalid}${after}`)]),
  );

/** Basic whose decoded bytes are not UTF-8, on either side of the colon. */
const nonUtf8CaseArb = fc
  .tuple(
    shortAsciiBytesArb,
    nonUtf8SequenceArb,
    shortAsciiBytesArb,
    fc.boolean(),
  )
  .map(([before, invalid, after, inPassword]) => {
    const invalidPart = bytes([...before, ...invalid, ...after]);
    const content = inPassword
      ? [utf8('user:'), invalidPart]
      : [invalidPart, utf8(':password')];
    return headerCase('non-UTF-8 credential', [
      text('Basic '),
      base64(content),
    ]);
  });

/** Basic with colons in odd places: none, leading, doubled, only colons. */
function colonsCaseArb(tokenArb: fc.Arbitrary<BytePiece>) {
  const colonsArb = fc.string({ unit: fc.constant(':'), maxLength: 4 });
  return fc
    .tuple(colonsArb, tokenArb, colonsArb)
    .map(([before, token, after]) =>
      headerCase('colons', [
        text('Basic '),
        base64([utf8(before), token, utf8(after)]),
      ]),
    );
}

/** A credential of a few hundred bytes up to the header size limit. */
const longCredentialCaseArb = fc.oneof(
  fc
    .tuple(anyCaseStrictSchemeArb, longTextArb(b64tokenCharArb))
    .map(([scheme, token]) =>
      headerCase('long credential', [text(`${scheme} ${token}`)]),
    ),
  fc
    .tuple(anyCaseSchemeArb, longTextArb(headerCharArb))
    .map(([scheme, value]) =>
      headerCase('long credential', [text(`${scheme} ${value}`)]),
    ),
  longTextArb(base64CharArb, LONG_LENGTH_BANDS.map(toByteBand)).map((user) =>
    headerCase('long credential', [
      text('Basic '),
      base64([utf8(`${user}:x`)]),
    ]),
  ),
);

/** Scales a text length band to the bytes whose base64 has that length. */
function toByteBand(band: { min: number; max: number }) {
  const min = Math.floor((band.min * 3) / 4);
  const max = Math.floor((band.max * 3) / 4) - ':x'.length;
  return { min, max };
}

/** Builds a scheme this product does not support, then a credential. */
function unsupportedSchemeCaseArb(tokenArb: fc.Arbitrary<Piece>) {
  return fc
    .tuple(unsupportedSchemeArb, separatorArb, tokenArb)
    .map(([scheme, spaces, token]) =>
      headerCase('unsupported scheme', [text(scheme + spaces), token]),
    );
}

/** Builds a tab where the space after the scheme belongs. */
function tabSeparatorCaseArb(tokenArb: fc.Arbitrary<Piece>) {
  return fc
    .tuple(anyCaseSchemeArb, tokenArb)
    .map(([scheme, token]) =>
      headerCase('tab after scheme', [text(`${scheme}\t`), token]),
    );
}

/** Builds the token alone, without any scheme. */
function bareTokenCaseArb(tokenArb: fc.Arbitrary<Piece>) {
  return tokenArb.map((token) => headerCase('bare token', [token]));
}

/** Any short header text, control characters and latin1 included. */
const arbitraryValueCaseArb = shortHeaderTextArb.map((value) =>
  headerCase('arbitrary value', [text(value)]),
);

/** Basic with an invalid token as user or password and any other half. */
function basicInvalidTokenCaseArb(tokenArb: fc.Arbitrary<BytePiece>) {
  return fc
    .tuple(tokenArb, basicPasswordArb, fc.boolean())
    .map(([token, other, asPassword]) => {
      const content = asPassword
        ? [utf8(`${other.replaceAll(':', '')}:`), token]
        : [token, utf8(`:${other}`)];
      return headerCase('basic with invalid token', [
        text('Basic '),
        base64(content),
      ]);
    });
}

/**
 * Values that carry no valid token: what misconfigured shippers send and
 * arbitrary junk. Slots in `slots` (disabled or deleted tokens) take the place
 * of unknown tokens in about half of the cases that carry a token.
 */
export function invalidAuthorizationArb(
  slots: readonly SecretSlot[] = [],
): fc.Arbitrary<HeaderCase> {
  const tokenArb = invalidTokenPieceArb(slots);

  // Inside base64 a long token would grow by a third and pass the limit.
  const byteTokenArb = invalidTokenPieceArb(
    slots,
    shortUnknownTokenArb.map(text),
  ).map(toBytePiece);

  return fc.oneof(
    trailingWhitespaceCaseArb(tokenArb),
    missingSpaceCaseArb(tokenArb),
    doubledSchemeCaseArb(tokenArb),
    emptyCredentialCaseArb,
    unpaddedBase64CaseArb(byteTokenArb),
    invalidBase64CaseArb,
    nonUtf8CaseArb,
    colonsCaseArb(byteTokenArb),
    longCredentialCaseArb,
    unsupportedSchemeCaseArb(tokenArb),
    tabSeparatorCaseArb(tokenArb),
    bareTokenCaseArb(tokenArb),
    arbitraryValueCaseArb,
    basicInvalidTokenCaseArb(byteTokenArb),
  );
}

function toBytePiece(piece: Piece): BytePiece {
  if (piece.kind === 'text') return utf8(piece.text);
  if (piece.kind === 'secret') return piece;
  throw new TypeError('toBytePiece: a base64 piece cannot be nested');
}

/**
 * The valid token in a strict scheme or as the Basic user with an empty
 * password: scheme name in any case, one or more spaces, maybe trailing
 * whitespace (RFC 9110 §5.5 strips it from the field value).
 */
export const validSchemeVariantArb: fc.Arbitrary<HeaderCase> = fc
  .tuple(
    anyCaseSchemeArb,
    separatorArb,
    fc.option(trailingWhitespaceArb, { nil: '' }),
  )
  .map(([scheme, spaces, trailing]) => {
    const credential =
      scheme.toLowerCase() === 'basic'
        ? base64([secret('valid'), utf8(':')])
        : secret('valid');
    return headerCase('scheme case and spacing', [
      text(scheme + spaces),
      credential,
      text(trailing),
    ]);
  });

/**
 * The valid token as the Basic user with any password, or as the password
 * with any user (RFC 7617 §2 splits user-pass at the first colon).
 */
export const validBasicHalfArb: fc.Arbitrary<HeaderCase> = fc.oneof(
  basicPasswordArb.map((password) =>
    headerCase('token as basic user', [
      text('Basic '),
      base64([secret('valid'), utf8(`:${password}`)]),
    ]),
  ),
  basicUserArb.map((user) =>
    headerCase('token as basic password', [
      text('Basic '),
      base64([utf8(`${user}:`), secret('valid')]),
    ]),
  ),
);

/** An unknown token in Bearer or Splunk, however it is wrapped. */
export const unknownStrictTokenArb: fc.Arbitrary<HeaderCase> = fc
  .tuple(
    anyCaseStrictSchemeArb,
    separatorArb,
    unknownTokenArb,
    fc.option(trailingWhitespaceArb, { nil: '' }),
  )
  .map(([scheme, spaces, token, trailing]) =>
    headerCase('unknown strict token', [
      text(scheme + spaces + token + trailing),
    ]),
  );
