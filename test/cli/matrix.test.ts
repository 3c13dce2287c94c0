import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  buildMatrix,
  collectScenarios,
  MatrixEnvelope,
  matrixExitCode,
  RunMode,
} from '../../src/matrix';
import { RULES } from '../../src/rules';

interface FakeScenario {
  name: string;
  tags: string[];
  /** Step statuses in order; `null` leaves the test case unfinished. */
  steps: string[] | null;
  retried?: string[];
}

/** Fabricates the cucumber messages of a run with the given scenarios. */
function fakeStream(scenarios: FakeScenario[]): MatrixEnvelope[] {
  const envelopes: MatrixEnvelope[] = [];

  scenarios.forEach((scenario, i) => {
    envelopes.push({
      pickle: {
        id: `p${i}`,
        uri: 'features/x.feature',
        name: scenario.name,
        astNodeIds: [`s${i}`],
        tags: scenario.tags.map((name) => ({ name })),
      },
      testCase: { id: `tc${i}`, pickleId: `p${i}` },
    });
  });
  scenarios.forEach((scenario, i) => {
    if (scenario.retried) {
      envelopes.push(...attempt(`tc${i}`, `r${i}`, scenario.retried, true));
    }
    if (scenario.steps) {
      envelopes.push(...attempt(`tc${i}`, `a${i}`, scenario.steps, false));
    }
  });
  envelopes.push({ testRunFinished: {} });

  return envelopes;
}

function attempt(
  testCaseId: string,
  startedId: string,
  statuses: string[],
  willBeRetried: boolean,
): MatrixEnvelope[] {
  return [
    { testCaseStarted: { id: startedId, testCaseId, attempt: 0 } },
    ...statuses.map((status) => ({
      testStepFinished: {
        testCaseStartedId: startedId,
        testStepResult: { status },
      },
    })),
    { testCaseFinished: { testCaseStartedId: startedId, willBeRetried } },
  ];
}

/** Lists one passing scenario for every rule of the catalogue. */
function fullCoverage(): FakeScenario[] {
  return RULES.map((rule) => ({
    name: `covers ${rule.id}`,
    tags: [`@${rule.id}`, `@${rule.level}`],
    steps: ['PASSED'],
  }));
}

function verdictOf(scenarios: FakeScenario[], id: string, mode: RunMode) {
  const matrix = buildMatrix(fakeStream(scenarios), {
    mode,
    checkCoverage: false,
  });
  return matrix.rules.find((rule) => rule.id === id)?.verdict;
}

describe('collectScenarios', () => {
  it('takes the worst step status', () => {
    const [outcome] = collectScenarios(
      fakeStream([
        { name: 'a', tags: [], steps: ['PASSED', 'FAILED', 'SKIPPED'] },
      ]),
    );
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.stepStatus, 'FAILED');
  });

  for (const status of ['UNDEFINED', 'PENDING', 'AMBIGUOUS', 'UNKNOWN']) {
    it(`counts ${status} steps as failed`, () => {
      const [outcome] = collectScenarios(
        fakeStream([{ name: 'a', tags: [], steps: ['PASSED', status] }]),
      );
      assert.equal(outcome.status, 'failed');
    });
  }

  it('counts a skipped step as skipped, not passed', () => {
    const [outcome] = collectScenarios(
      fakeStream([{ name: 'a', tags: [], steps: ['PASSED', 'SKIPPED'] }]),
    );
    assert.equal(outcome.status, 'skipped');
  });

  it('counts an unfinished test case as failed', () => {
    const [outcome] = collectScenarios(
      fakeStream([{ name: 'a', tags: [], steps: null }]),
    );
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.stepStatus, 'UNFINISHED');
  });

  it('uses the final attempt of a retried case', () => {
    const [outcome] = collectScenarios(
      fakeStream([
        { name: 'a', tags: [], retried: ['FAILED'], steps: ['PASSED'] },
      ]),
    );
    assert.equal(outcome.status, 'passed');
  });

  it('reads rule ids and the level tag', () => {
    const [outcome] = collectScenarios(
      fakeStream([
        {
          name: 'a',
          tags: ['@BEARER-VALID', '@SPLUNK-VALID', '@doc', '@policy'],
          steps: ['PASSED'],
        },
      ]),
    );
    assert.deepEqual(outcome.ruleIds, ['BEARER-VALID', 'SPLUNK-VALID']);
    assert.equal(outcome.level, 'doc');
  });
});

describe('rule verdicts', () => {
  const profileFailure: FakeScenario = {
    name: 'exact code',
    tags: ['@IDX-REJECT-CODE', '@profile'],
    steps: ['FAILED'],
  };
  const docFailure: FakeScenario = {
    name: 'rejected',
    tags: ['@IDX-REJECT', '@doc'],
    steps: ['PASSED', 'FAILED'],
  };

  it('profile failure differs in normative mode', () => {
    assert.equal(
      verdictOf([profileFailure], 'IDX-REJECT-CODE', 'normative'),
      'differs',
    );
  });

  it('profile failure fails in reference mode', () => {
    assert.equal(
      verdictOf([profileFailure], 'IDX-REJECT-CODE', 'reference'),
      'fail',
    );
  });

  it('doc failure fails in both modes', () => {
    assert.equal(verdictOf([docFailure], 'IDX-REJECT', 'normative'), 'fail');
    assert.equal(verdictOf([docFailure], 'IDX-REJECT', 'reference'), 'fail');
  });

  it('one failure among passes fails the rule', () => {
    const passing = { ...docFailure, name: 'ok', steps: ['PASSED'] };
    assert.equal(
      verdictOf([passing, docFailure], 'IDX-REJECT', 'normative'),
      'fail',
    );
  });

  it('all skipped scenarios make the rule skipped', () => {
    const skipped = { ...docFailure, steps: ['SKIPPED'] };
    assert.equal(verdictOf([skipped], 'IDX-REJECT', 'normative'), 'skipped');
  });

  it('passes plus skips make the rule pass', () => {
    const passing = { ...docFailure, name: 'ok', steps: ['PASSED'] };
    const skipped = { ...docFailure, name: 'no hec', steps: ['SKIPPED'] };
    assert.equal(
      verdictOf([passing, skipped], 'IDX-REJECT', 'normative'),
      'pass',
    );
  });

  it('rule without scenarios is untested', () => {
    assert.equal(verdictOf([docFailure], 'OPEN-ENV', 'normative'), 'untested');
  });

  it('counts passed, failed and skipped', () => {
    const passing = { ...docFailure, name: 'ok', steps: ['PASSED'] };
    const skipped = { ...docFailure, name: 'no hec', steps: ['SKIPPED'] };
    const matrix = buildMatrix(fakeStream([passing, skipped, docFailure]), {
      mode: 'normative',
      checkCoverage: false,
    });
    const rule = matrix.rules.find((r) => r.id === 'IDX-REJECT');
    assert.deepEqual([rule?.passed, rule?.failed, rule?.skipped], [1, 1, 1]);
    assert.deepEqual(matrix.totals, { passed: 1, failed: 1, skipped: 1 });
  });
});

describe('matrixExitCode', () => {
  function exitCode(scenarios: FakeScenario[], mode: RunMode, coverage = true) {
    const matrix = buildMatrix(fakeStream(scenarios), {
      mode,
      checkCoverage: coverage,
    });
    return matrixExitCode(matrix);
  }

  it('full passing run exits 0', () => {
    assert.equal(exitCode(fullCoverage(), 'reference'), 0);
  });

  it('profile failure exits 0 in normative mode', () => {
    const scenarios = fullCoverage().map((s) =>
      s.tags.includes('@profile') ? { ...s, steps: ['FAILED'] } : s,
    );
    assert.equal(exitCode(scenarios, 'normative'), 0);
    assert.equal(exitCode(scenarios, 'reference'), 1);
  });

  it('http failure exits 1 in normative mode', () => {
    const scenarios = fullCoverage().map((s) =>
      s.tags.includes('@SCHEME-CASE') ? { ...s, steps: ['FAILED'] } : s,
    );
    assert.equal(exitCode(scenarios, 'normative'), 1);
  });

  it('skipped scenarios do not fail the run', () => {
    const scenarios = fullCoverage().map((s) => ({ ...s, steps: ['SKIPPED'] }));
    assert.equal(exitCode(scenarios, 'reference'), 0);
  });

  it('doc rule without scenario fails coverage', () => {
    const scenarios = fullCoverage().filter(
      (s) => !s.tags.includes('@ENV-PIN'),
    );
    const matrix = buildMatrix(fakeStream(scenarios), {
      mode: 'normative',
      checkCoverage: true,
    });
    assert.deepEqual(matrix.uncoveredRuleIds, ['ENV-PIN']);
    assert.equal(matrixExitCode(matrix), 1);
  });

  it('tag filter turns off the coverage check', () => {
    const scenarios = fullCoverage().filter(
      (s) => !s.tags.includes('@ENV-PIN'),
    );
    assert.equal(exitCode(scenarios, 'normative', false), 0);
  });

  it('profile rule without scenario is only untested', () => {
    const scenarios = fullCoverage().filter(
      (s) => !s.tags.includes('@OPEN-ENV'),
    );
    const matrix = buildMatrix(fakeStream(scenarios), {
      mode: 'reference',
      checkCoverage: true,
    });
    assert.deepEqual(matrix.untestedRuleIds, ['OPEN-ENV']);
    assert.deepEqual(matrix.uncoveredRuleIds, []);
    assert.equal(matrixExitCode(matrix), 0);
  });

  it('run without scenarios exits 1', () => {
    assert.equal(exitCode([], 'reference', false), 1);
  });

  it('unfinished run exits 1', () => {
    const envelopes = fakeStream(fullCoverage()).filter(
      (e) => !e.testRunFinished,
    );
    const matrix = buildMatrix(envelopes, {
      mode: 'reference',
      checkCoverage: true,
    });
    assert.deepEqual(matrix.runErrors, ['the run did not finish']);
    assert.equal(matrixExitCode(matrix), 1);
  });

  it('parse error exits 1', () => {
    const envelopes = [
      ...fakeStream(fullCoverage()),
      {
        parseError: {
          source: { uri: 'features/bad.feature' },
          message: '(3:5): expected a step',
        },
      },
    ];
    const matrix = buildMatrix(envelopes, {
      mode: 'reference',
      checkCoverage: true,
    });
    assert.equal(matrixExitCode(matrix), 1);
  });

  it('unknown rule tag is reported', () => {
    const scenarios = [
      { name: 'typo', tags: ['@BEARER-STRIKT', '@doc'], steps: ['PASSED'] },
    ];
    const matrix = buildMatrix(fakeStream(scenarios), {
      mode: 'reference',
      checkCoverage: false,
    });
    assert.deepEqual(matrix.unknownRuleTags, ['@BEARER-STRIKT']);
  });
});
