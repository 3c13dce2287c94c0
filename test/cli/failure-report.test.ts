import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';

import { runConformance, RunResult } from '../../src/run';
import { writeScratchSuite } from './scratch-suite';

const SUPPORT_DIR = path.resolve(__dirname, '../../steps/support');

// Steps on the real World and hooks, against the embedded reference. They
// run in this process (parallel 0) and hand the secrets they saw to the
// test through a global, so the test can look for them in every report.
const STEPS = `
const { Given } = require(${JSON.stringify(require.resolve('@cucumber/cucumber'))});

function remember(value) {
  globalThis.heliosSeenSecrets = [...(globalThis.heliosSeenSecrets ?? []), value];
}

Given('a token sent as Bearer must be refused', async function () {
  const token = await this.createToken('leak');
  remember(token.secret);
  remember(this.target.adminKey);
  await this.sendEvents({
    endpoint: 'ingest',
    credential: { token: 'leak', presentation: 'bearer' },
  });
  this.expectStatus(401);
});
`;

const FEATURE = `
Feature: Failure output of the real World

  @BEARER-STRICT @doc
  Scenario: accepted token fails a refusal check
    Given a token sent as Bearer must be refused
`;

function seenSecrets(): string[] {
  const seen = (globalThis as { heliosSeenSecrets?: string[] })
    .heliosSeenSecrets;
  return seen ?? [];
}

describe('failure output in reports', () => {
  const layout = writeScratchSuite({ 'failure.feature': FEATURE });
  const stepsDir = layout.requirePaths[0].split('**')[0];
  layout.requirePaths.unshift(path.join(SUPPORT_DIR, '**', '*.ts'));
  const reportDir = mkdtempSync(path.join(tmpdir(), 'helios-failure-'));
  let result: RunResult;

  before(async () => {
    writeFileSync(path.join(stepsDir, 'world-steps.js'), STEPS);
    result = await runConformance(
      { reportDir, parallel: 0, quiet: true, tags: '@BEARER-STRICT' },
      layout,
    );
  });

  const read = (name: string) =>
    readFileSync(path.join(reportDir, name), 'utf8');

  it('fails the scenario', () => {
    assert.deepEqual(result.scenarios, { passed: 0, failed: 1, skipped: 0 });
    assert.equal(seenSecrets().length, 2, 'the step saw no secrets');
  });

  it('junit message has request and curl', () => {
    const junit = read('junit.xml');
    assert.match(junit, /expected 401 Unauthorized, got 20\d/);
    assert.match(junit, /request: POST http:\/\/127\.0\.0\.1:\d+\/api\/ingest/);
    assert.match(junit, /reproduce with:/);
    assert.match(junit, /curl -sS -i -X POST/);
    assert.match(junit, /Bearer \$HELIOS_TOKEN_1/);
  });

  it('markdown gives first failure line', () => {
    const markdown = read('conformance.md');
    assert.match(
      markdown,
      /- accepted token fails a refusal check \(.*\)\n {2}`expected 401 Unauthorized, got 20\d[^`]*`\n/,
    );
  });

  it('no secret reaches the reports', () => {
    for (const name of ['junit.xml', 'conformance.md', 'conformance.json']) {
      const text = read(name);
      for (const secret of seenSecrets()) {
        assert.ok(!text.includes(secret), `${name} contains a secret`);
      }
    }
  });
});
