// Authorization values that parsers easily mishandle (percent escapes,
// latin1 bytes, empty or doubled schemes), sent on every run in addition to
// the random ones, so a fault they expose is found whatever the seed. They are templates like the generated values: a slot names a
// secret, which is filled in only when the request is sent.

import {
  base64,
  percentEncoded,
  secret,
  text,
  utf8,
  type HeaderCase,
  type Piece,
} from './header-case';

function known(shape: string, ...pieces: Piece[]): HeaderCase {
  return { shape, pieces };
}

/**
 * Unknown tokens in Bearer or Splunk that a percent-decoding or latin1
 * handling step could choke on, or turn into a valid token.
 */
export const KNOWN_STRICT_UNKNOWN: readonly HeaderCase[] = [
  known('percent escape', text('Bearer %00')),
  known('percent escape', text('Bearer %zz')),
  known('percent escape', text('Splunk %E9')),
  known('percent escape', text('Bearer %'), secret('deleted')),
  known(
    'percent-encoded token',
    text('Bearer '),
    percentEncoded([secret('valid')]),
  ),
  known(
    'percent-encoded token',
    text('Splunk '),
    percentEncoded([secret('valid')]),
  ),
  known('valid token, then %', text('Bearer '), secret('valid'), text('%')),
  known('latin1 bytes', text('Bearer caf\xe9\xff')),
  known('latin1 bytes', text('Splunk '), secret('valid'), text('\xa0')),
];

/** Values without a valid token: each one must get 401 with require-auth on. */
export const KNOWN_WITHOUT_VALID_TOKEN: readonly HeaderCase[] = [
  ...KNOWN_STRICT_UNKNOWN,
  known('percent escape', text('%')),
  known('percent escape', text('%zz')),
  known('percent escape', text('%E9')),
  known('percent escape', text('Basic %3A%3A')),
  known(
    'percent-encoded token',
    text('Basic '),
    percentEncoded([secret('disabled'), utf8(':')]),
  ),
  known('latin1 bytes', text('\xe9\xff')),
  known('latin1 bytes', text('Basic \xa0')),
  known('empty credential', text('Basic')),
  known('empty credential', text('Basic =')),
  known('trailing whitespace', text('Bearer  ')),
  known('trailing whitespace', text('Bearer \t ')),
  known('tab after scheme', text('Bearer\t'), secret('disabled')),
  known('doubled scheme', text('Bearer Bearer '), secret('deleted')),
  known(
    'doubled scheme',
    text('Basic Basic '),
    base64([secret('disabled'), utf8(':')]),
  ),
];

/**
 * Every known value, those with the valid token in an odd spelling
 * included: a server may accept or reject these, but must not fail on them.
 */
export const KNOWN_ANY: readonly HeaderCase[] = [
  ...KNOWN_WITHOUT_VALID_TOKEN,
  known('tab after scheme', text('Bearer\t'), secret('valid')),
  known('doubled scheme', text('Bearer Bearer '), secret('valid')),
  known(
    'doubled scheme',
    text('Basic Basic '),
    base64([secret('valid'), utf8(':')]),
  ),
  known(
    'percent escape in the password',
    text('Basic '),
    base64([secret('valid'), utf8(':%zz')]),
  ),
];
