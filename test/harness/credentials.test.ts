import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  basicCredential,
  challengesAcceptedScheme,
  changeLastCharacter,
  flipFirstLetterCase,
  paddingOtherHalf,
  presentSecret,
} from '../../steps/support/credentials';

const secret = { value: 'hlt_abcDEF123', variable: 'HELIOS_TOKEN_1' };

function decodeBasic(header: string): string {
  const encoded = header.replace(/^Basic +/i, '');
  return Buffer.from(encoded, 'base64').toString('utf8');
}

test('bearer presentation carries the secret', () => {
  const value = presentSecret('bearer', secret);

  assert.equal(value.header, 'Bearer hlt_abcDEF123');
  assert.equal(value.shell, 'Bearer $HELIOS_TOKEN_1');
  assert.ok(!value.description.includes(secret.value));
});

test('splunk presentation honours scheme and separator', () => {
  const value = presentSecret('splunk', secret, {
    scheme: 'SPLUNK',
    separator: '   ',
  });
  assert.equal(value.header, 'SPLUNK   hlt_abcDEF123');
});

test('basic-username puts the token first', () => {
  const value = presentSecret('basic-username', secret, { otherHalf: 'pw' });
  assert.equal(decodeBasic(value.header), 'hlt_abcDEF123:pw');
});

test('basic-password puts the token second', () => {
  const value = presentSecret('basic-password', secret, { otherHalf: '' });
  assert.equal(decodeBasic(value.header), ':hlt_abcDEF123');
});

test('basic shell never inlines the secret', () => {
  const value = presentSecret('basic-password', secret);
  assert.ok(!value.shell?.includes(secret.value));
  assert.ok(value.shell?.includes('"$HELIOS_TOKEN_1"'));
});

test('unpadded basic drops only the padding', () => {
  const other = paddingOtherHalf(secret.value);
  const padded = basicCredential(secret, other).text;
  const unpadded = basicCredential(secret, other, true).text;

  assert.ok(padded.endsWith('='));
  assert.equal(unpadded, padded.replace(/=+$/, ''));
});

test('padding other half always forces padding', () => {
  for (let length = 1; length < 12; length++) {
    const value = 'a'.repeat(length);
    const encoded = basicCredential(value, paddingOtherHalf(value)).text;
    assert.ok(
      encoded.endsWith('='),
      `no padding for a secret of length ${length}`,
    );
  }
});

test('case flip changes exactly one letter', () => {
  assert.equal(flipFirstLetterCase('hlt_x'), 'Hlt_x');
  assert.equal(flipFirstLetterCase('12_-'), undefined);
});

test('last character change keeps the length', () => {
  const changed = changeLastCharacter('abcA');
  assert.equal(changed, 'abcB');
  assert.notEqual(changeLastCharacter('abcd'), 'abcd');
});

test('challenge check finds an accepted scheme', () => {
  assert.equal(
    challengesAcceptedScheme('Bearer realm="helios", Basic realm="helios"'),
    true,
  );
  assert.equal(challengesAcceptedScheme('Digest realm="x", splunk'), true);
  assert.equal(challengesAcceptedScheme('Digest realm="basic"'), false);
  assert.equal(challengesAcceptedScheme('Bearerish'), false);
  assert.equal(challengesAcceptedScheme(undefined), false);
});
