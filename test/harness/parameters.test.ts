import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';

import { readSuiteParameters } from '../../steps/support/parameters';

const VARIABLES = [
  'HELIOS_TARGET_URL',
  'HELIOS_ADMIN_KEY',
  'HELIOS_WITHOUT',
  'HELIOS_RUN_PREFIX',
  'HELIOS_SEED',
  'HELIOS_FUZZ_RUNS',
  'HELIOS_FUZZ_PATH',
];
let saved: Record<string, string | undefined> = {};

beforeEach(() => {
  saved = Object.fromEntries(
    VARIABLES.map((name) => [name, process.env[name]]),
  );
  for (const name of VARIABLES) delete process.env[name];
});

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

test('parameters default to an embedded reference run', () => {
  const parameters = readSuiteParameters({});

  assert.equal(parameters.targetUrl, undefined);
  assert.equal(parameters.mode, 'reference');
  assert.deepEqual(parameters.without, []);
  assert.match(parameters.runPrefix, /^hc[a-z0-9]{6}$/);
});

test('generated run prefix is stable within a process', () => {
  assert.equal(
    readSuiteParameters({}).runPrefix,
    readSuiteParameters(undefined).runPrefix,
  );
});

test('world parameters win over the environment', () => {
  process.env.HELIOS_RUN_PREFIX = 'fromenv';
  process.env.HELIOS_WITHOUT = 'loki';

  const parameters = readSuiteParameters({
    runPrefix: 'given',
    without: ['otlp'],
  });

  assert.equal(parameters.runPrefix, 'given');
  assert.deepEqual(parameters.without, ['otlp']);
});

test('environment fills absent keys', () => {
  process.env.HELIOS_TARGET_URL = 'http://127.0.0.1:7311';
  process.env.HELIOS_ADMIN_KEY = 'secret-admin';
  process.env.HELIOS_WITHOUT = 'loki, hec';
  process.env.HELIOS_SEED = '42';
  process.env.HELIOS_FUZZ_RUNS = '7';

  const parameters = readSuiteParameters({});

  assert.equal(parameters.targetUrl, 'http://127.0.0.1:7311');
  assert.equal(parameters.adminKey, 'secret-admin');
  assert.equal(parameters.mode, 'normative');
  assert.deepEqual(parameters.without, ['loki', 'hec']);
  assert.equal(parameters.seed, 42);
  assert.equal(parameters.fuzzRuns, 7);
});

test('target URL without admin key is rejected', () => {
  assert.throws(
    () => readSuiteParameters({ targetUrl: 'http://127.0.0.1:7311' }),
    /missing admin key/,
  );
});

test('unknown shim family is rejected', () => {
  assert.throws(
    () => readSuiteParameters({ without: ['kafka'] }),
    /invalid shim family "kafka"/,
  );
});

test('invalid mode is rejected naming the key', () => {
  assert.throws(
    () => readSuiteParameters({ mode: 'strict' }),
    /invalid suite parameter mode/,
  );
});

test('run prefix with a dash is rejected', () => {
  assert.throws(() => readSuiteParameters({ runPrefix: 'a-b' }), /runPrefix/);
});

test('fuzz path from parameters wins', () => {
  process.env.HELIOS_FUZZ_PATH = 'robust-header:1:2';
  const parameters = readSuiteParameters({ fuzzPath: 'require-auth:3:0' });

  assert.equal(parameters.fuzzPath, 'require-auth:3:0');
});

test('fuzz path falls back to env', () => {
  process.env.HELIOS_FUZZ_PATH = 'robust-header:1:2';

  assert.equal(readSuiteParameters({}).fuzzPath, 'robust-header:1:2');
});
