/**
 * Self-validation of the suite, except the kill matrix itself (see
 * kill-matrix.test.ts): the variant catalogue, the conformant variant in
 * both modes, and rule coverage.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { RULES } from '../../src/rules';
import { runConformance, type RunResult } from '../../src/run';
import { writeScratchSuite } from '../cli/scratch-suite';
import { CONFORMANT_VARIANT } from './conformant';
import { isKilled, runSuiteAgainst } from './harness';
import { FAULT_VARIANTS } from './variants';

/** Minimum size of the variant catalogue, so the matrix means something. */
const MIN_VARIANTS = 25;

const requiredRuleIds = RULES.filter((rule) => rule.level !== 'profile').map(
  (rule) => rule.id,
);

function fakeResult(exitCode: number, failedRuleIds: string[]): RunResult {
  return {
    exitCode,
    rules: [],
    failedRuleIds,
    untestedRuleIds: [],
    scenarios: { passed: 0, failed: failedRuleIds.length, skipped: 0 },
  };
}

describe('fault variant catalogue', () => {
  it('has enough variants', () => {
    assert.ok(
      FAULT_VARIANTS.length >= MIN_VARIANTS,
      `expected ${MIN_VARIANTS} or more, got ${FAULT_VARIANTS.length}`,
    );
  });

  it('names each variant once', () => {
    const names = FAULT_VARIANTS.map((variant) => variant.name);
    assert.deepEqual([...new Set(names)], names);
  });

  it('breaks only doc and http rules', () => {
    for (const variant of FAULT_VARIANTS) {
      assert.ok(
        requiredRuleIds.includes(variant.breaks),
        `${variant.name} breaks "${variant.breaks}", not a doc or http rule`,
      );
    }
  });

  it('breaks every doc and http rule', () => {
    const broken = new Set(FAULT_VARIANTS.map((variant) => variant.breaks));
    const unbroken = requiredRuleIds.filter((id) => !broken.has(id));
    assert.deepEqual(unbroken, []);
  });

  it('builds parts for every variant', () => {
    for (const variant of FAULT_VARIANTS) {
      const parts = variant.parts();
      assert.ok(Object.keys(parts).length > 0, `${variant.name} has no parts`);
    }
  });
});

describe('kill verdict', () => {
  it('kills a failed run naming the rule', () => {
    assert.equal(isKilled('ENV-PIN', fakeResult(1, ['ENV-PIN'])), true);
  });

  it('spares a failed run on other rules', () => {
    assert.equal(isKilled('ENV-PIN', fakeResult(1, ['IDX-ANY'])), false);
  });

  it('spares a passing run', () => {
    assert.equal(isKilled('ENV-PIN', fakeResult(0, ['ENV-PIN'])), false);
  });
});

describe('conformant variant with other profile choices', () => {
  const variant = CONFORMANT_VARIANT;
  const runIn = (mode: 'normative' | 'reference') =>
    runSuiteAgainst(variant.parts(), {
      mode,
      without: variant.without,
      parallel: 0,
    });

  it('passes normative mode', async () => {
    const { result } = await runIn('normative');
    assert.deepEqual(result.failedRuleIds, []);
    assert.equal(result.exitCode, 0);
  });

  it('fails exactly its profile rules in reference mode', async () => {
    const { result } = await runIn('reference');
    const expected = [...variant.expectedProfileFailures].sort();
    const actual = [...result.failedRuleIds].sort();

    // Both directions in one assertion, so a failure shows each difference.
    const unexpected = actual.filter((id) => !expected.includes(id));
    const missing = expected.filter((id) => !actual.includes(id));
    assert.deepEqual({ unexpected, missing }, { unexpected: [], missing: [] });
    assert.equal(result.exitCode, 1);
  });

  it('declares only profile rules', () => {
    for (const id of variant.expectedProfileFailures) {
      const rule = RULES.find((r) => r.id === id);
      assert.equal(rule?.level, 'profile', `${id} is not a profile rule`);
    }
  });
});

describe('rule coverage', () => {
  it('covers every doc and http rule', async () => {
    const { result } = await runSuiteAgainst({}, {
      mode: 'normative',
      parallel: 0,
    });
    const uncovered = result.untestedRuleIds.filter((id) =>
      requiredRuleIds.includes(id),
    );

    assert.deepEqual(uncovered, []);
    assert.equal(result.exitCode, 0);
  });

  it('fails a run with an uncovered doc rule', async () => {
    // One doc scenario only: every other doc and http rule has none.
    const layout = writeScratchSuite({
      'one-rule.feature': [
        'Feature: One covered rule',
        '',
        '  @BEARER-STRICT @doc',
        '  Scenario: the only scenario',
        '    Given a passing step',
        '',
      ].join('\n'),
    });
    const result = await runConformance(
      {
        targetUrl: 'http://127.0.0.1:9',
        adminKey: 'unusedAdminKey',
        reportDir: null,
        quiet: true,
        parallel: 0,
      },
      layout,
    );

    assert.equal(result.exitCode, 1);
    assert.ok(result.untestedRuleIds.includes('ENV-PIN'));
    assert.ok(!result.untestedRuleIds.includes('BEARER-STRICT'));
  });
});
