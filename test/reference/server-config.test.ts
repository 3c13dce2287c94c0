import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';

import {
  DEFAULT_PORT,
  prepareDataDir,
  readServerConfig,
} from '../../reference/server-config';
import { makeDataDir } from './helpers';

const VALID_KEY = 'hlk_unit-admin-key-0123456789';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  const result = readServerConfig(env);
  return result.ok ? [] : result.problems;
}

describe('readServerConfig', () => {
  it('empty environment uses defaults', () => {
    const result = readServerConfig({});
    assert.ok(result.ok);
    assert.equal(result.config.port, DEFAULT_PORT);
    assert.equal(result.config.host, '127.0.0.1');
    assert.equal(result.config.logLevel, 'info');
    assert.equal(result.config.adminKey, undefined);
  });

  it('valid values are read', () => {
    const result = readServerConfig({
      PORT: '0',
      HELIOS_LOG: 'silent',
      HELIOS_ADMIN_KEY: VALID_KEY,
      HELIOS_BODY_LIMIT: '1024',
    });
    assert.ok(result.ok);
    assert.equal(result.config.port, 0);
    assert.equal(result.config.logLevel, 'silent');
    assert.equal(result.config.adminKey, VALID_KEY);
    assert.equal(result.config.bodyLimitBytes, 1024);
  });

  const invalid: Array<[string, NodeJS.ProcessEnv, RegExp]> = [
    ['unknown log level', { HELIOS_LOG: 'bogus' }, /trace, debug, info/],
    ['short admin key', { HELIOS_ADMIN_KEY: 'short' }, /at least 16/],
    [
      'admin key with a space',
      { HELIOS_ADMIN_KEY: 'hlk_has a space in it' },
      /Bearer credential/,
    ],
    ['port above 65535', { PORT: '99999' }, /PORT "99999".*0 to 65535/],
    ['non-numeric port', { PORT: 'abc' }, /PORT "abc"/],
    ['port in exponent form', { PORT: '8e3' }, /PORT "8e3"/],
    ['body limit with a unit', { HELIOS_BODY_LIMIT: '5mb' }, /bytes/],
    ['zero body limit', { HELIOS_BODY_LIMIT: '0' }, /at least 1/],
  ];
  for (const [label, env, expected] of invalid) {
    it(`rejects ${label}`, () => {
      const problems = problemsOf(env);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], expected);
      assert.ok(!problems[0].includes('\n'));
    });
  }

  it('never prints the admin key', () => {
    const [problem] = problemsOf({ HELIOS_ADMIN_KEY: 'secret-part' });
    assert.ok(!problem.includes('secret-part'), problem);
  });

  it('reports every invalid variable', () => {
    const problems = problemsOf({ PORT: 'x', HELIOS_LOG: 'y' });
    assert.equal(problems.length, 2);
  });
});

describe('prepareDataDir', () => {
  it('a file is not a directory', async () => {
    const parent = await makeDataDir();
    const file = path.join(parent, 'file');
    await writeFile(file, '');
    try {
      assert.match((await prepareDataDir(file)) ?? '', /is not a directory/);
      const under = path.join(file, 'sub');
      assert.match((await prepareDataDir(under)) ?? '', /under a file/);
      assert.equal(await prepareDataDir(path.join(parent, 'new')), undefined);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

describe('server start-up', () => {
  it('invalid setting exits 1 with one line', () => {
    const serverPath = path.join(__dirname, '..', '..', 'reference', 'server.ts');
    const run = spawnSync(
      process.execPath,
      ['--require', 'ts-node/register', serverPath],
      {
        env: { ...process.env, PORT: '99999', HELIOS_LOG: 'silent' },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stderr,
      'Reference server failed to start: Invalid PORT "99999"; ' +
        'use a whole number from 0 to 65535.\n',
    );
  });
});
