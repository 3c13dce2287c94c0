import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  replayPathFor,
  resolveFuzzSettings,
} from '../../steps/support/fuzz/settings';
import { replayCommand } from '../../steps/support/fuzz/world-fuzz';

test('replay path names its property', () => {
  assert.equal(replayPathFor('robust-header:37:2:0', 'robust-header'), '37:2:0');
  assert.equal(replayPathFor('robust-header:37:2:0', 'require-auth'), undefined);
  assert.equal(replayPathFor(undefined, 'robust-header'), undefined);
});

test('settings take the fuzzPath parameter', () => {
  const settings = resolveFuzzSettings(
    { seed: 5, fuzzRuns: 3, fuzzPath: 'strict-unknown:4:1' },
    'strict-unknown',
  );

  assert.equal(settings.path, '4:1');
  assert.equal(settings.seed, 5);
});

test('replay command passes --fuzz-path', () => {
  const command = replayCommand(
    { kind: 'remote', url: 'http://127.0.0.1:7300' },
    'robust-header:37:2:0',
    '@ROBUST-HEADER',
    42,
  );

  assert.equal(
    command,
    "npx helios-conformance --target 'http://127.0.0.1:7300' " +
      '--admin-key "$HELIOS_ADMIN_KEY" --seed 42 ' +
      "--fuzz-path 'robust-header:37:2:0' --tags '@ROBUST-HEADER'",
  );
});

test('embedded replay has no target', () => {
  const command = replayCommand(
    { kind: 'embedded', url: 'http://127.0.0.1:1' },
    'require-auth:1',
    '@REQ-401 and @policy',
    7,
  );

  assert.equal(
    command,
    "npx helios-conformance --seed 7 --fuzz-path 'require-auth:1' " +
      "--tags '@REQ-401 and @policy'",
  );
});
