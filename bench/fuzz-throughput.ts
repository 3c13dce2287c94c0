// Measures fuzz throughput against the embedded reference: header cases per
// second through each HTTP property, and, in the same run, the raw rate of
// one fixed valid request sent in a loop by the same client.
//
// Usage: npx ts-node bench/fuzz-throughput.ts [runs per property]

import os from 'node:os';

import { startReference } from '../reference/listen';
import { ENDPOINTS } from '../steps/support/endpoints';
import type { FuzzClient } from '../steps/support/fuzz/client';
import { HTTP_PROPERTIES } from '../steps/support/fuzz/properties';
import { checkHttpProperty } from '../steps/support/fuzz/runner';
import { FUZZ_TIME_LIMIT_MS } from '../steps/support/fuzz/settings';
import { createFixture, setRequireAuth } from './fuzz-setup';

/** Runs per property: enough for a stable rate, a few seconds each. */
const DEFAULT_RUNS = 1000;

/** Requests of the raw-rate loop. */
const RAW_REQUESTS = 2000;

/** Fixed seed, so repeated measurements send the same cases. */
const SEED = 42;

function runsFromArguments(): number {
  const runs = Number(process.argv[2] ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `invalid run count "${process.argv[2]}": give a positive integer`,
    );
  }
  return runs;
}

function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${model}, ${cpus.length} cores, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Sends one valid Bearer request `count` times; returns requests per second. */
async function measureRawRate(
  client: FuzzClient,
  secret: string,
  count: number,
): Promise<number> {
  const built = ENDPOINTS.ingest.build({
    count: 1,
    marker: 'raw',
    index: 'raw',
  });
  const request = {
    method: built.method,
    path: `${built.path}?${new URLSearchParams(built.query)}`,
    headers: [
      ['Content-Type', built.contentType],
      ['Authorization', `Bearer ${secret}`],
    ] as [string, string][],
    body: built.body,
  };

  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const response = await client.send(request);
    if (response.status !== 200) {
      throw new Error(
        `raw request ${i + 1} failed: got ${response.status ?? response.failure}`,
      );
    }
  }
  return count / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const runs = runsFromArguments();
  const reference = await startReference();
  console.log(`machine: ${describeMachine()}`);

  try {
    const fixture = await createFixture(
      reference.url,
      reference.adminKey,
      'tput',
    );
    for (const property of HTTP_PROPERTIES) {
      const require = property.id === 'require-auth';
      await setRequireAuth(reference.url, reference.adminKey, require);

      const started = performance.now();
      const outcome = await checkHttpProperty(property, fixture, {
        seed: SEED,
        numRuns: runs,
        timeLimitMs: FUZZ_TIME_LIMIT_MS,
      });
      const seconds = (performance.now() - started) / 1000;
      const verdict = outcome.passed ? 'passed' : `FAILED: ${outcome.reason}`;
      const rate = (outcome.numRuns / seconds).toFixed(0);
      console.log(
        `${property.id}: ${outcome.numRuns} cases in ${seconds.toFixed(2)} s, ${rate} cases/s (${verdict})`,
      );
    }

    await setRequireAuth(reference.url, reference.adminKey, false);
    const rawRate = await measureRawRate(
      fixture.client,
      fixture.secrets.valid,
      RAW_REQUESTS,
    );
    console.log(
      `raw valid request: ${RAW_REQUESTS} requests, ${rawRate.toFixed(0)} requests/s`,
    );
    fixture.client.close();
  } finally {
    await reference.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
