import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';

import { runConformance, RunResult } from '../../src/run';
import { writeScratchSuite } from './scratch-suite';

// The target URL is never contacted: the scratch steps send no traffic.
const TARGET_URL = 'http://127.0.0.1:9';
const ADMIN_KEY = 'adminKeyThatMustNeverAppear1234';

const layout = writeScratchSuite({
  'scratch.feature': `
Feature: Scratch suite of the run pipeline tests

  @BEARER-STRICT @doc
  Scenario: unknown bearer token is rejected
    Given a passing step

  @IDX-REJECT-CODE @profile
  Scenario: rejection uses the reference code
    Given a failing step

  @OPEN-DEFAULT @doc
  Scenario: open path on a missing shim
    Given a step skipped for a missing shim
    And a passing step

  @ADMIN-LIST @doc @leak
  Scenario: failing step prints the admin key
    Given a step that attaches the admin key

  @ADMIN-CREATE @doc @parameters
  Scenario: world parameters arrive
    Given the World parameters are recorded
`,
});

/** Runs with stdout captured, so tests can inspect what was printed. */
async function captureRun(
  options: Parameters<typeof runConformance>[0],
): Promise<{ result: RunResult; stdout: string }> {
  const chunks: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });

  const result = await runConformance({ ...options, output }, layout);
  return { result, stdout: chunks.join('') };
}

function testcaseNamed(junit: string, name: string): string {
  const feature = 'Scratch suite of the run pipeline tests';
  const start = junit.indexOf(
    `<testcase classname="${feature}" name="${name}"`,
  );
  assert.ok(start >= 0, `no testcase named ${name}`);
  return junit.slice(start, junit.indexOf('</testcase>', start));
}

function ruleOf(result: RunResult, id: string) {
  return result.rules.find((rule) => rule.id === id);
}

describe('runConformance on a scratch suite', () => {
  const reportDir = mkdtempSync(path.join(tmpdir(), 'helios-reports-'));
  const run = captureRun({
    targetUrl: TARGET_URL,
    adminKey: ADMIN_KEY,
    reportDir,
    parallel: 1,
  });

  it('computes verdicts in normative mode', async () => {
    const { result } = await run;

    assert.equal(ruleOf(result, 'BEARER-STRICT')?.verdict, 'pass');
    assert.equal(ruleOf(result, 'IDX-REJECT-CODE')?.verdict, 'differs');
    assert.equal(ruleOf(result, 'OPEN-DEFAULT')?.verdict, 'skipped');
    assert.equal(ruleOf(result, 'ADMIN-LIST')?.verdict, 'fail');
    assert.equal(ruleOf(result, 'OPEN-ENV')?.verdict, 'untested');
    assert.deepEqual(result.failedRuleIds, ['ADMIN-LIST']);
    assert.deepEqual(result.scenarios, { passed: 2, failed: 2, skipped: 1 });
    assert.equal(result.exitCode, 1);
  });

  it('writes every report file', async () => {
    await run;
    assert.deepEqual(readdirSync(reportDir).sort(), [
      'conformance.json',
      'conformance.md',
      'cucumber.html',
      'junit.xml',
      'messages.ndjson',
    ]);
  });

  it('writes the matrix with host only', async () => {
    await run;
    const matrix = JSON.parse(
      readFileSync(path.join(reportDir, 'conformance.json'), 'utf8'),
    );

    assert.deepEqual(matrix.target, { kind: 'remote', host: '127.0.0.1:9' });
    assert.equal(matrix.mode, 'normative');
    assert.equal(matrix.totals.verdicts.fail, 1);
    assert.deepEqual(
      matrix.failedScenarios.map((s: { name: string }) => s.name).sort(),
      [
        'failing step prints the admin key',
        'rejection uses the reference code',
      ],
    );
  });

  it('masks the admin key in report files', async () => {
    await run;
    const ndjson = readFileSync(
      path.join(reportDir, 'messages.ndjson'),
      'utf8',
    );
    assert.ok(ndjson.includes('admin key in use: ****'), 'attachment kept');

    for (const file of readdirSync(reportDir)) {
      const text = readFileSync(path.join(reportDir, file), 'utf8');
      assert.ok(!text.includes(ADMIN_KEY), `${file} contains the admin key`);
    }
  });

  it('masks the admin key on stdout', async () => {
    const { stdout } = await run;
    assert.ok(stdout.includes('request with key **** failed'), stdout);
    assert.ok(!stdout.includes(ADMIN_KEY));
  });

  it('junit counts only required failures', async () => {
    await run;
    const junit = readFileSync(path.join(reportDir, 'junit.xml'), 'utf8');
    const suite = /<testsuite [^>]*>/.exec(junit)?.[0] ?? '';

    assert.match(suite, / failures="1"/);
    assert.match(suite, / tests="5"/);
    assert.equal(junit.match(/<failure/g)?.length, 1);
  });

  it('junit notes the profile difference', async () => {
    await run;
    const junit = readFileSync(path.join(reportDir, 'junit.xml'), 'utf8');
    const testcase = testcaseNamed(junit, 'rejection uses the reference code');

    assert.doesNotMatch(testcase, /<failure/);
    assert.match(
      testcase,
      /differs from the reference's choice for rule IDX-REJECT-CODE/,
    );
    assert.match(
      testcase,
      /First failure: expected 401 Unauthorized, got 200 OK/,
    );
    assert.match(testcase, /Given a failing step\.+failed/);
  });

  it('junit and markdown give skip reasons', async () => {
    await run;
    const junit = readFileSync(path.join(reportDir, 'junit.xml'), 'utf8');
    const markdown = readFileSync(
      path.join(reportDir, 'conformance.md'),
      'utf8',
    );
    const reason = 'the target declared the hec shim missing';

    assert.match(
      testcaseNamed(junit, 'open path on a missing shim'),
      new RegExp(`<skipped message="${reason}"/>`),
    );
    assert.match(
      markdown,
      new RegExp(
        `## Skipped scenarios\n\n` +
          `- open path on a missing shim \\(.*\\): ${reason}\n`,
      ),
    );
  });

  it('prints the differing profile rules', async () => {
    const { stdout } = await run;
    assert.match(
      stdout,
      new RegExp(
        'Differs from the reference \\(profile, informational\\): ' +
          'IDX-REJECT-CODE \\(1 scenario\\)\n',
      ),
    );
  });

  it('prints the failing rule with its scenario', async () => {
    const { stdout } = await run;
    assert.match(
      stdout,
      /FAIL ADMIN-LIST\n\s+failing step prints the admin key/,
    );
    assert.match(stdout, /2 pass, 1 fail, 1 differs, 1 skipped/);
  });
});

describe('runConformance options', () => {
  it('fails every scenario in reference mode', async () => {
    const reportDir = mkdtempSync(path.join(tmpdir(), 'helios-reports-'));
    const { result } = await captureRun({
      reportDir,
      quiet: true,
      parallel: 0,
      tags: '@IDX-REJECT-CODE',
    });
    assert.equal(ruleOf(result, 'IDX-REJECT-CODE')?.verdict, 'fail');
    assert.equal(result.exitCode, 1);

    const junit = readFileSync(path.join(reportDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testsuite [^>]* failures="1"/);
    assert.match(
      testcaseNamed(junit, 'rejection uses the reference code'),
      /<failure/,
    );
  });

  it('passes a tag-filtered run without coverage check', async () => {
    const { result, stdout } = await captureRun({
      reportDir: null,
      quiet: true,
      parallel: 0,
      tags: '@BEARER-STRICT',
    });
    assert.equal(result.exitCode, 0);
    assert.equal(stdout, '');
  });

  it('notes the tag filter in the matrix', async () => {
    const reportDir = mkdtempSync(path.join(tmpdir(), 'helios-tags-'));
    await captureRun({
      reportDir,
      quiet: true,
      parallel: 0,
      tags: '@BEARER-STRICT',
    });

    const markdown = readFileSync(
      path.join(reportDir, 'conformance.md'),
      'utf8',
    );
    const json = JSON.parse(
      readFileSync(path.join(reportDir, 'conformance.json'), 'utf8'),
    );
    assert.match(markdown, /Filtered by tags\*\* `@BEARER-STRICT`/);
    assert.equal(json.tagFilter, '@BEARER-STRICT');
  });

  it('reuses the support code in one process', async () => {
    for (let i = 0; i < 3; i++) {
      const { result } = await captureRun({
        reportDir: null,
        quiet: true,
        parallel: 0,
        tags: '@BEARER-STRICT',
      });
      assert.deepEqual(result.scenarios, { passed: 1, failed: 0, skipped: 0 });
    }
  });

  it('fails when no scenario matches the tags', async () => {
    const { result } = await captureRun({
      reportDir: null,
      quiet: true,
      parallel: 0,
      tags: '@NO-SUCH-RULE',
    });
    assert.equal(result.exitCode, 1);
  });

  it('fails an untagged run on rule coverage', async () => {
    const { result } = await captureRun({
      reportDir: null,
      quiet: true,
      parallel: 0,
      tags: undefined,
      mode: 'normative',
    });
    assert.equal(ruleOf(result, 'ENV-PIN')?.verdict, 'untested');
    assert.equal(result.exitCode, 1);
  });

  it('sends only the given World parameters', async () => {
    const reportDir = mkdtempSync(path.join(tmpdir(), 'helios-reports-'));
    await captureRun({ reportDir, quiet: true, tags: '@parameters' });

    const ndjson = readFileSync(
      path.join(reportDir, 'messages.ndjson'),
      'utf8',
    );
    assert.ok(ndjson.includes('[\\"mode\\",\\"runPrefix\\",\\"without\\"]'));
  });

  it('passes the fuzz path parameter', async () => {
    const reportDir = mkdtempSync(path.join(tmpdir(), 'helios-reports-'));
    await captureRun({
      reportDir,
      quiet: true,
      tags: '@parameters',
      fuzzPath: 'robust-header:3:1',
    });

    const ndjson = readFileSync(
      path.join(reportDir, 'messages.ndjson'),
      'utf8',
    );
    assert.ok(ndjson.includes('[\\"fuzzPath\\",\\"mode\\",'), ndjson);
  });
});
