import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import {
  resolveCredential,
  type Resolution,
  type TokenRecordView,
} from '../../reference/auth/resolve';
import {
  anyCaseStrictSchemeArb,
  b64tokenCharArb,
  basicPasswordArb,
  basicUserArb,
  invalidAuthorizationArb,
  separatorArb,
  unknownStrictTokenArb,
  validBasicHalfArb,
  validSchemeVariantArb,
} from '../../steps/support/fuzz/arbitraries';
import {
  renderHeaderValue,
  type SecretValues,
} from '../../steps/support/fuzz/header-case';

/** Resolution is pure and fast, so many runs cost well under a second. */
const NUM_RUNS = 500;

/** Reference secrets are 47 characters; shorter and longer ones must work. */
const SECRET_LENGTH = { min: 16, max: 96 };

/** Distinct secrets drawn for the enabled, disabled and deleted tokens. */
const secretTrioArb = fc.uniqueArray(
  fc.string({
    unit: b64tokenCharArb,
    minLength: SECRET_LENGTH.min,
    maxLength: SECRET_LENGTH.max,
  }),
  { minLength: 3, maxLength: 3 },
);

const enabledToken: TokenRecordView = {
  id: 'tok-enabled',
  env: 'prod',
  indexes: [],
  enabled: true,
};
const disabledToken: TokenRecordView = {
  id: 'tok-disabled',
  env: 'prod',
  indexes: [],
  enabled: false,
};

/** Looks secrets up like the token store: the deleted one is absent. */
function storeOf(secrets: SecretValues) {
  const records = new Map<string, TokenRecordView>([
    [secrets.valid, enabledToken],
    [secrets.disabled, disabledToken],
  ]);
  return (candidate: string) => records.get(candidate);
}

function secretValuesOf([valid, disabled, deleted]: string[]): SecretValues {
  return { valid, disabled, deleted };
}

function resolve(
  secrets: SecretValues,
  authorization: string,
  require: boolean,
): Resolution {
  return resolveCredential({
    require,
    authorization,
    findToken: storeOf(secrets),
  });
}

function encodeBasic(userPass: string): string {
  return 'Basic ' + Buffer.from(userPass, 'utf8').toString('base64');
}

/** Any secret with one character replaced by a different b64token one. */
const mutatedSecretArb = fc
  .tuple(secretTrioArb, fc.nat(), fc.integer({ min: 1, max: 63 }))
  .map(([trio, position, shift]) => {
    const secret = trio[0];
    const index = position % secret.length;
    return { trio, mutated: replaceAt(secret, index, shift) };
  });

const B64TOKEN_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/';

function replaceAt(value: string, index: number, shift: number): string {
  const current = B64TOKEN_ALPHABET.indexOf(value[index]);
  const next = B64TOKEN_ALPHABET[(current + shift) % B64TOKEN_ALPHABET.length];
  return value.slice(0, index) + next + value.slice(index + 1);
}

describe('resolveCredential properties', () => {
  it('is total: any header values give a resolution', () => {
    const valueArb = fc.string({ unit: 'binary', maxLength: 256 });
    const headerArb = fc.oneof(valueArb, fc.array(valueArb, { maxLength: 3 }));
    fc.assert(
      fc.property(
        secretTrioArb,
        headerArb,
        fc.boolean(),
        (trio, header, require) => {
          const resolution = resolveCredential({
            require,
            authorization: header,
            findToken: storeOf(secretValuesOf(trio)),
          });
          assert.ok(['token', 'open', 'reject'].includes(resolution.outcome));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('finds a token as the Basic user with any password', () => {
    fc.assert(
      fc.property(
        secretTrioArb,
        basicPasswordArb,
        fc.boolean(),
        (trio, password, require) => {
          const secrets = secretValuesOf(trio);
          const header = encodeBasic(`${secrets.valid}:${password}`);
          const resolution = resolve(secrets, header, require);
          assert.deepEqual(resolution, {
            outcome: 'token',
            token: enabledToken,
          });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('finds a token as the Basic password with any user', () => {
    fc.assert(
      fc.property(
        secretTrioArb,
        basicUserArb,
        fc.boolean(),
        (trio, user, require) => {
          const secrets = secretValuesOf(trio);
          const header = encodeBasic(`${user}:${secrets.valid}`);
          const resolution = resolve(secrets, header, require);
          assert.deepEqual(resolution, {
            outcome: 'token',
            token: enabledToken,
          });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('accepts a valid token in every accepted presentation', () => {
    const presentationArb = fc.oneof(validSchemeVariantArb, validBasicHalfArb);
    fc.assert(
      fc.property(
        secretTrioArb,
        presentationArb,
        fc.boolean(),
        (trio, presentation, require) => {
          const secrets = secretValuesOf(trio);
          const header = renderHeaderValue(presentation, secrets);
          const resolution = resolve(secrets, header, require);
          assert.deepEqual(resolution, {
            outcome: 'token',
            token: enabledToken,
          });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('rejects an unknown Bearer or Splunk token with 401', () => {
    fc.assert(
      fc.property(
        secretTrioArb,
        unknownStrictTokenArb,
        fc.boolean(),
        (trio, presentation, require) => {
          const secrets = secretValuesOf(trio);
          const header = renderHeaderValue(presentation, secrets);
          assertRejected401(resolve(secrets, header, require));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('rejects a near miss of a real secret in a strict scheme', () => {
    fc.assert(
      fc.property(
        mutatedSecretArb,
        anyCaseStrictSchemeArb,
        separatorArb,
        fc.boolean(),
        ({ trio, mutated }, scheme, spaces, require) => {
          const secrets = secretValuesOf(trio);
          const header = scheme + spaces + mutated;
          assertRejected401(resolve(secrets, header, require));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('never resolves to a disabled or deleted token', () => {
    const headerArb = fc.oneof(
      invalidAuthorizationArb(['disabled', 'deleted']),
      validSchemeVariantArb,
      validBasicHalfArb,
    );
    const revokedSlotArb = fc.constantFrom(
      'disabled' as const,
      'deleted' as const,
    );
    fc.assert(
      fc.property(
        secretTrioArb,
        headerArb,
        revokedSlotArb,
        fc.boolean(),
        (trio, presentation, slot, require) => {
          // The valid slot carries a revoked secret here, so each accepted
          // presentation is tried with a disabled and with a deleted token.
          const secrets = secretValuesOf(trio);
          const shown = { ...secrets, valid: secrets[slot] };
          const header = renderHeaderValue(presentation, shown);
          const resolution = resolve(secrets, header, require);
          assert.notEqual(
            resolution.outcome,
            'token',
            JSON.stringify(resolution),
          );
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

function assertRejected401(resolution: Resolution): void {
  assert.equal(resolution.outcome, 'reject');
  assert.equal(resolution.outcome === 'reject' && resolution.status, 401);
}
