import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { checkTarget, TargetError } from '../../src/target-check';

const BIN = path.resolve(__dirname, '../../bin/helios-conformance.js');
const ADMIN_KEY = 'cliAdminKeyThatMustNeverAppear5678';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Spawns the bin with the suite variables cleared, so the caller's shell
// cannot change the outcome.
function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const cleanEnv = { ...process.env };
  for (const key of Object.keys(cleanEnv)) {
    if (key.startsWith('HELIOS_')) delete cleanEnv[key];
  }

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...cleanEnv, ...env },
      timeout: 20_000,
    });
    let stdout = '';
    let stderr = '';

    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a local server that replies to every request with one status. */
async function startStatusServer(status: number): Promise<http.Server> {
  const server = http.createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end('{"policy":{},"tokens":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function urlOf(server: http.Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Returns the URL of a port that was just freed, so connections fail. */
async function closedPortUrl(): Promise<string> {
  const server = await startStatusServer(200);
  const url = urlOf(server);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

function assertUsageError(
  result: CliResult,
  pattern: RegExp,
  maxLines = 1,
): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, pattern);
  assert.ok(result.stderr.trim().split('\n').length <= maxLines, result.stderr);
}

function assertNoKey(result: CliResult): void {
  assert.ok(!result.stdout.includes(ADMIN_KEY), 'admin key on stdout');
  assert.ok(!result.stderr.includes(ADMIN_KEY), 'admin key on stderr');
}

describe('helios-conformance option validation', { concurrency: 4 }, () => {
  it('help exits 0 and explains options', async () => {
    const result = await runCli(['--help']);
    assert.equal(result.code, 0);
    for (const flag of [
      '--target',
      '--admin-key',
      '--mode',
      '--tags',
      '--without',
      '--parallel',
      '--report-dir',
      '--seed',
      '--fuzz-runs',
      '--fuzz-path',
    ]) {
      assert.ok(result.stdout.includes(flag), `help lacks ${flag}`);
    }
  });

  // Commander adds a "Did you mean" line to unknown options.
  const cases: [string, string[], RegExp, number?][] = [
    [
      'invalid URL',
      ['--target', 'not a url', '--admin-key', ADMIN_KEY],
      /--target.*not a URL/,
    ],
    [
      'non-http URL',
      ['--target', 'ftp://127.0.0.1', '--admin-key', ADMIN_KEY],
      /--target.*protocol ftp:/,
    ],
    [
      'URL with credentials',
      ['--target', `http://u:${ADMIN_KEY}@127.0.0.1`, '--admin-key', ADMIN_KEY],
      /--target.*credentials/,
    ],
    [
      'target without key',
      ['--target', 'http://127.0.0.1:7300'],
      /--admin-key.*required/,
    ],
    ['unknown mode', ['--mode', 'strict'], /--mode.*normative, reference/],
    [
      'unknown shim',
      ['--without', 'hec', '--without', 'syslog'],
      /--without.*syslog/,
    ],
    ['unknown shim in list', ['--without', 'hec,kafka'], /--without.*kafka/],
    ['fractional parallel', ['--parallel', '1.5'], /--parallel.*whole number/],
    ['negative parallel', ['--parallel', '-1'], /--parallel.*whole number/],
    ['text seed', ['--seed', 'abc'], /--seed.*whole number/],
    ['zero fuzz runs', ['--fuzz-runs', '0'], /--fuzz-runs.*whole number/],
    [
      'invalid tag expression',
      ['--tags', 'not ('],
      /--tags.*Invalid tag expression, syntax error/,
    ],
    ['dangling tag operator', ['--tags', '@a and'], /--tags.*Invalid tag/],
    ['fuzz path without id', ['--fuzz-path', '3:1'], /--fuzz-path.*<path>/],
    ['unknown option', ['--targt', 'http://127.0.0.1'], /unknown option/, 2],
  ];
  for (const [name, args, pattern, maxLines] of cases) {
    it(`${name} exits 2`, async () => {
      const result = await runCli(args);
      assertUsageError(result, pattern, maxLines);
      assertNoKey(result);
    });
  }

  it('report dir below a file exits 2', async () => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'helios-cli-')),
      'afile',
    );
    writeFileSync(file, '');

    const result = await runCli(['--report-dir', path.join(file, 'x')]);
    assertUsageError(result, /--report-dir.*afile is not a directory/);
    assert.ok(!result.stdout.includes('helios-conformance:'), 'run started');
  });

  it('report dir that is a file exits 2', async () => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'helios-cli-')),
      'afile',
    );
    writeFileSync(file, '');

    const result = await runCli(['--report-dir', file]);
    assertUsageError(result, /--report-dir.*afile is not a directory/);
  });

  it('invalid env value exits 2', async () => {
    const result = await runCli([], { HELIOS_WITHOUT: 'hec,nope' });
    assertUsageError(result, /HELIOS_WITHOUT/);
  });

  it('env target without key exits 2', async () => {
    const result = await runCli([], {
      HELIOS_TARGET_URL: 'http://127.0.0.1:9',
    });
    assertUsageError(result, /--admin-key.*required/);
  });
});

describe('helios-conformance target check', { concurrency: 4 }, () => {
  const servers: http.Server[] = [];

  before(async () => {
    servers.push(await startStatusServer(401), await startStatusServer(403));
    servers.push(await startStatusServer(404));
  });
  after(() => servers.forEach((server) => server.close()));

  for (const [index, status] of [401, 403].entries()) {
    it(`rejected key (${status}) exits 2`, async () => {
      const result = await runCli([
        '--target',
        urlOf(servers[index]),
        '--admin-key',
        ADMIN_KEY,
      ]);
      assertUsageError(
        result,
        new RegExp(`rejected the admin key \\(HTTP ${status}`),
      );
      assertNoKey(result);
    });
  }

  it('key from env is masked', async () => {
    const result = await runCli(['--target', urlOf(servers[0])], {
      HELIOS_ADMIN_KEY: ADMIN_KEY,
    });
    assertUsageError(result, /rejected the admin key/);
    assertNoKey(result);
  });

  it('other status exits 2', async () => {
    const result = await runCli([
      `--target=${urlOf(servers[2])}`,
      `--admin-key=${ADMIN_KEY}`,
    ]);
    assertUsageError(result, /HTTP 404.*HeliosLogs server/);
    assertNoKey(result);
  });

  it('refused connection exits 2', async () => {
    const result = await runCli([
      '--target',
      await closedPortUrl(),
      '--admin-key',
      ADMIN_KEY,
    ]);
    assertUsageError(result, /connection refused/);
    assertNoKey(result);
  });
});

describe('helios-conformance run start', () => {
  it('masks the key once the run starts', async () => {
    const server = await startStatusServer(200);
    const reportDir = mkdtempSync(path.join(tmpdir(), 'helios-cli-'));

    try {
      // A tag that matches no scenario: the run starts, then fails fast.
      const result = await runCli([
        '--target',
        urlOf(server),
        '--admin-key',
        ADMIN_KEY,
        '--tags',
        '@NO-SUCH-RULE-TAG',
        '--parallel',
        '0',
        '--report-dir',
        reportDir,
      ]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(
        result.stdout,
        /normative mode against .* \(admin key \*\*\*\*\)/,
      );
      assert.match(result.stdout, /No scenario ran/);
      assertNoKey(result);
      for (const file of readdirSync(reportDir)) {
        const text = readFileSync(path.join(reportDir, file), 'utf8');
        assert.ok(!text.includes(ADMIN_KEY), `${file} contains the key`);
      }
    } finally {
      server.close();
    }
  });
});

describe('checkTarget', () => {
  it('accepts a 200 token list', async () => {
    const server = await startStatusServer(200);
    try {
      await checkTarget(urlOf(server), ADMIN_KEY);
    } finally {
      server.close();
    }
  });

  it('sends the key as Bearer', async () => {
    let seen: string | undefined;
    const server = http.createServer((request, response) => {
      seen = request.headers.authorization;
      response.end('{}');
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    try {
      await checkTarget(urlOf(server), ADMIN_KEY);
      assert.equal(seen, `Bearer ${ADMIN_KEY}`);
    } finally {
      server.close();
    }
  });

  it('rejects a 401 with TargetError', async () => {
    const server = await startStatusServer(401);
    try {
      await assert.rejects(checkTarget(urlOf(server), 'x'), TargetError);
    } finally {
      server.close();
    }
  });
});
