import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import {
  invalidAuthorizationArb,
  validBasicHalfArb,
  validSchemeVariantArb,
} from '../../steps/support/fuzz/arbitraries';
import {
  SECRET_ENV_NAMES,
  renderHeaderValue,
  renderShellWord,
} from '../../steps/support/fuzz/header-case';
import { KNOWN_ANY } from '../../steps/support/fuzz/known-values';

/** Each run starts a shell, so fewer runs than the pure properties. */
const NUM_RUNS = 100;

const secrets = {
  valid: 'hlt_Valid-Secret_~+/0',
  disabled: 'hlt_Disabled.Secret',
  deleted: 'hlt_Deleted=',
};

const shellEnvironment = {
  ...process.env,
  [SECRET_ENV_NAMES.valid]: secrets.valid,
  [SECRET_ENV_NAMES.disabled]: secrets.disabled,
  [SECRET_ENV_NAMES.deleted]: secrets.deleted,
};

const anyCaseArb = fc.oneof(
  invalidAuthorizationArb(['disabled', 'deleted']),
  validSchemeVariantArb,
  validBasicHalfArb,
);

/** Prints a shell word with bash, as curl would receive it. */
function bytesOfShellWord(word: string): Buffer {
  return execFileSync('bash', ['-c', `printf %s ${word}`], {
    env: shellEnvironment,
    maxBuffer: 1 << 24,
  });
}

describe('renderShellWord properties', () => {
  it('expands to the bytes of the header value', () => {
    fc.assert(
      fc.property(anyCaseArb, (headerCase) => {
        const expected = Buffer.from(
          renderHeaderValue(headerCase, secrets),
          'latin1',
        );
        const actual = bytesOfShellWord(renderShellWord(headerCase));
        assert.ok(actual.equals(expected), 'shell word expands differently');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('expands known values to their bytes', () => {
    for (const headerCase of KNOWN_ANY) {
      const expected = Buffer.from(
        renderHeaderValue(headerCase, secrets),
        'latin1',
      );
      const word = renderShellWord(headerCase);
      const actual = bytesOfShellWord(word);
      assert.ok(actual.equals(expected), `expands wrong: ${word}`);
      for (const value of Object.values(secrets)) {
        assert.ok(!word.includes(value), `a secret appears in ${word}`);
      }
    }
  });

  it('never contains a secret', () => {
    fc.assert(
      fc.property(anyCaseArb, (headerCase) => {
        const word = renderShellWord(headerCase);
        for (const value of Object.values(secrets)) {
          assert.ok(!word.includes(value), 'a secret appears in the word');
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
