// Seed, run count, replay path and time limits of the fuzz properties.

import { randomInt } from 'node:crypto';

import { FUZZ_REQUEST_TIMEOUT_MS } from './client';
import type { FuzzSettings } from './runner';

/**
 * Runs per HTTP property when the suite parameters name none: enough to find
 * each injected fault from every tried seed (docs/benchmarks.md), and small
 * enough that the feature takes a few seconds on the embedded reference.
 */
export const DEFAULT_FUZZ_RUNS = 100;

/** Maximum duration of one property run in ms, shrinking included. */
export const FUZZ_TIME_LIMIT_MS = 60_000;

/** Step timeout: the time limit plus one last request and the read-backs. */
export const FUZZ_STEP_TIMEOUT_MS =
  FUZZ_TIME_LIMIT_MS + 3 * FUZZ_REQUEST_TIMEOUT_MS + 5_000;

/**
 * Command line option naming a property and a path to replay, as
 * `<property id>:<path>`. It sets the `fuzzPath` suite parameter, whose
 * fallback is the HELIOS_FUZZ_PATH environment variable.
 */
export const FUZZ_PATH_OPTION = '--fuzz-path';

let generatedSeed: number | undefined;

/** Draws the seed once per process, so every property of a run shares it. */
function processSeed(): number {
  generatedSeed ??= randomInt(2 ** 31);
  return generatedSeed;
}

/**
 * Returns the path to replay for this property when the `fuzzPath` suite
 * parameter names it, e.g. `robust-header:37:2:0` gives `37:2:0`.
 */
export function replayPathFor(
  fuzzPath: string | undefined,
  propertyId: string,
): string | undefined {
  const prefix = `${propertyId}:`;
  if (fuzzPath === undefined || !fuzzPath.startsWith(prefix)) return undefined;
  return fuzzPath.slice(prefix.length);
}

/** Builds the settings of one property from the suite parameters. */
export function resolveFuzzSettings(
  parameters: { seed?: number; fuzzRuns?: number; fuzzPath?: string },
  propertyId: string,
): FuzzSettings {
  return {
    seed: parameters.seed ?? processSeed(),
    numRuns: parameters.fuzzRuns ?? DEFAULT_FUZZ_RUNS,
    path: replayPathFor(parameters.fuzzPath, propertyId),
    timeLimitMs: FUZZ_TIME_LIMIT_MS,
  };
}
