/**
 * A tiny cucumber suite written to a temporary directory, so the run
 * pipeline can be tested without the real features and step definitions.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SuiteLayout } from '../../src/run';

// Step definitions in plain CommonJS. They load cucumber by absolute path
// because the temporary directory has no node_modules of its own.
const STEPS = `
const { Given } = require(${JSON.stringify(require.resolve('@cucumber/cucumber'))});

Given('a passing step', function () {});
Given('a failing step', function () {
  throw new Error('expected 401 Unauthorized, got 200 OK');
});
Given('a step skipped for a missing shim', function () {
  this.log('skipped: the target declared the hec shim missing');
  return 'skipped';
});
Given('a step that attaches the admin key', function () {
  this.attach('admin key in use: ' + this.parameters.adminKey);
  throw new Error('request with key ' + this.parameters.adminKey + ' failed');
});
Given('the World parameters are recorded', function () {
  this.attach(JSON.stringify(Object.keys(this.parameters).sort()));
});
`;

/** Writes the features and steps; returns the layout for runConformance. */
export function writeScratchSuite(
  features: Record<string, string>,
): SuiteLayout {
  const root = mkdtempSync(path.join(tmpdir(), 'helios-scratch-'));
  mkdirSync(path.join(root, 'features'));
  mkdirSync(path.join(root, 'steps'));

  writeFileSync(path.join(root, 'steps', 'steps.js'), STEPS);
  for (const [name, text] of Object.entries(features)) {
    writeFileSync(path.join(root, 'features', name), text);
  }

  return {
    featurePaths: [path.join(root, 'features', '**', '*.feature')],
    requirePaths: [path.join(root, 'steps', '**', '*.js')],
  };
}
