import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import pino from 'pino';

import { RunningReference, startReference } from '../../reference/listen';

const BIN = path.resolve(__dirname, '../../bin/helios-conformance.js');

/** Maximum wait for the run to create something on the target. */
const CREATION_WAIT_MS = 15_000;
/** Maximum wait for the CLI to exit after the signal. */
const EXIT_WAIT_MS = 22_000;
const POLL_MS = 25;

interface TargetState {
  tokens: unknown[];
  keys: unknown[];
  policy: Record<string, unknown>;
}

async function getJson(reference: RunningReference, path: string) {
  const response = await fetch(`${reference.url}${path}`, {
    headers: { authorization: `Bearer ${reference.adminKey}` },
  });
  return (await response.json()) as Record<string, never>;
}

async function readState(reference: RunningReference): Promise<TargetState> {
  const tokens = await getJson(reference, '/api/admin/ingest-tokens');
  const keys = await getJson(reference, '/api/admin/api-keys');

  return { tokens: tokens.tokens, keys: keys.keys, policy: tokens.policy };
}

/** Polls until the run created a token or key, or changed the policy. */
async function waitForChange(
  reference: RunningReference,
  initial: TargetState,
): Promise<void> {
  const deadline = Date.now() + CREATION_WAIT_MS;

  while (Date.now() < deadline) {
    const state = await readState(reference);
    const changed =
      state.tokens.length > 0 ||
      state.keys.length > initial.keys.length ||
      JSON.stringify(state.policy) !== JSON.stringify(initial.policy);
    if (changed) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  assert.fail('the run changed nothing on the target in time');
}

interface InterruptedRun {
  code: number | null;
  stderr: string;
  seconds: number;
  reportDir: string;
}

/** Starts the CLI, sends `signal` to it alone once it changed the target. */
async function interruptRun(
  reference: RunningReference,
  signal: NodeJS.Signals,
  extraArgs: string[],
): Promise<InterruptedRun> {
  const reportDir = mkdtempSync(path.join(tmpdir(), 'helios-interrupt-'));
  const initial = await readState(reference);
  const child = spawn(
    process.execPath,
    [
      BIN,
      ...['--target', reference.url, '--admin-key', reference.adminKey],
      ...['--report-dir', reportDir, ...extraArgs],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 40_000 },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );

  await waitForChange(reference, initial);
  const signalledAt = Date.now();
  child.kill(signal);

  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exited,
    new Promise<null>((resolve) => {
      timer = setTimeout(resolve, EXIT_WAIT_MS, null);
    }),
  ]);
  clearTimeout(timer);
  if (code === null) child.kill('SIGKILL');
  const seconds = (Date.now() - signalledAt) / 1000;
  return { code, stderr, seconds, reportDir };
}

function assertCleaned(
  run: InterruptedRun,
  state: TargetState,
  initialPolicy: Record<string, unknown>,
): void {
  const output = `\nCLI stderr:\n${run.stderr}`;
  assert.deepEqual(state.tokens, [], `ingest tokens left${output}`);
  assert.equal(state.keys.length, 1, `API keys left${output}`);
  assert.deepEqual(state.policy, initialPolicy, `policy changed${output}`);
  assert.ok(run.seconds < 20, `exit took ${run.seconds} s`);
}

function readMatrix(reportDir: string) {
  const file = path.join(reportDir, 'conformance.json');
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('helios-conformance interrupted', () => {
  let reference: RunningReference;
  let initialPolicy: Record<string, unknown>;

  before(async () => {
    reference = await startReference({ logger: pino({ level: 'silent' }) });
    initialPolicy = (await readState(reference)).policy;
  });
  after(async () => reference.close());

  it('SIGINT in process cleans up', async () => {
    const run = await interruptRun(reference, 'SIGINT', ['--tags', '@policy']);

    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /SIGINT received, cleaning up/);
    assertCleaned(run, await readState(reference), initialPolicy);
    assert.equal(readMatrix(run.reportDir).interrupted, 'SIGINT');
    assert.doesNotMatch(run.stderr, /ERR_IPC_CHANNEL_CLOSED|EPIPE/);
  });

  it('SIGTERM relayed to workers', async () => {
    const run = await interruptRun(reference, 'SIGTERM', [
      ...['--tags', '@policy or @TOKEN-DISABLE', '--parallel', '2'],
    ]);

    assert.equal(run.code, 143, run.stderr);
    assert.match(run.stderr, /SIGTERM received, cleaning up/);
    assertCleaned(run, await readState(reference), initialPolicy);
    assert.equal(readMatrix(run.reportDir).interrupted, 'SIGTERM');
    assert.doesNotMatch(run.stderr, /ERR_IPC_CHANNEL_CLOSED|EPIPE/);
  });
});
