import { strict as assert } from 'node:assert';
import { validateHeaderValue } from 'node:http';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import {
  MAX_AUTHORIZATION_LENGTH,
  SECRET_ALLOWANCE,
  invalidAuthorizationArb,
  unknownStrictTokenArb,
  validBasicHalfArb,
  validSchemeVariantArb,
} from '../../steps/support/fuzz/arbitraries';
import { renderHeaderValue } from '../../steps/support/fuzz/header-case';

/** Generation only, no I/O: many runs stay well under a second. */
const NUM_RUNS = 1000;

// Secrets as long as a slot may expand to, so the length bound is tight.
const longestSecrets = {
  valid: 'v'.repeat(SECRET_ALLOWANCE),
  disabled: 'd'.repeat(SECRET_ALLOWANCE),
  deleted: 'x'.repeat(SECRET_ALLOWANCE),
};

const everyCaseArb = fc.oneof(
  invalidAuthorizationArb(['disabled', 'deleted']),
  validSchemeVariantArb,
  validBasicHalfArb,
  unknownStrictTokenArb,
);

describe('header case arbitraries', () => {
  it('build values Node can send', () => {
    fc.assert(
      fc.property(everyCaseArb, (headerCase) => {
        const value = renderHeaderValue(headerCase, longestSecrets);
        assert.doesNotThrow(() => validateHeaderValue('authorization', value));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('stay within the header size budget', () => {
    fc.assert(
      fc.property(everyCaseArb, (headerCase) => {
        const value = renderHeaderValue(headerCase, longestSecrets);
        assert.ok(
          value.length <= MAX_AUTHORIZATION_LENGTH,
          `${value.length} > ${MAX_AUTHORIZATION_LENGTH}`,
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
