/**
 * Runs the conformance suite against one variant of the reference: start
 * the variant on a local port, run the suite over HTTP, stop the variant.
 */

import type { ReferenceParts } from '../../reference/parts';
import { startReference } from '../../reference/listen';
import type { RunMode } from '../../src/matrix';
import { runConformance, type RunResult } from '../../src/run';
import type { FaultVariant } from './variant';

export interface VariantRunOptions {
  mode: RunMode;
  /** Shim families the variant lacks. */
  without?: string[];
  /** Cucumber worker processes; 0 runs the suite in this process. */
  parallel?: number;
  /** fast-check seed of the fuzz feature; absent draws one per process. */
  seed?: number;
}

export interface TimedRun {
  result: RunResult;
  durationMs: number;
}

/** Starts a reference with `parts`, runs the suite quietly, stops it. */
export async function runSuiteAgainst(
  parts: Partial<ReferenceParts>,
  options: VariantRunOptions,
): Promise<TimedRun> {
  const startedAt = Date.now();
  const server = await startReference({ parts });

  try {
    const result = await runConformance({
      targetUrl: server.url,
      adminKey: server.adminKey,
      mode: options.mode,
      without: options.without ?? [],
      parallel: options.parallel ?? 1,
      seed: options.seed,
      reportDir: null,
      quiet: true,
    });
    return { result, durationMs: Date.now() - startedAt };
  } finally {
    await server.close();
  }
}

/** One row of the kill matrix. */
export interface KillRow {
  variant: string;
  breaks: string;
  description: string;
  failedRuleIds: string[];
  exitCode: number;
  killed: boolean;
  durationMs: number;
  /** Set when the run itself could not be completed. */
  error?: string;
}

/**
 * Tells whether the suite killed a variant: the normative run failed and
 * named the rule the variant breaks among its failed rules.
 */
export function isKilled(breaks: string, result: RunResult): boolean {
  return result.exitCode !== 0 && result.failedRuleIds.includes(breaks);
}

/** Runs the suite in normative mode against one fault variant. */
export async function killVariant(
  variant: FaultVariant,
  options: { parallel?: number; seed?: number } = {},
): Promise<KillRow> {
  const row = {
    variant: variant.name,
    breaks: variant.breaks,
    description: variant.description,
  };

  try {
    const run = await runSuiteAgainst(variant.parts(), {
      ...options,
      mode: 'normative',
    });
    return {
      ...row,
      failedRuleIds: run.result.failedRuleIds,
      exitCode: run.result.exitCode,
      killed: isKilled(variant.breaks, run.result),
      durationMs: run.durationMs,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...row,
      failedRuleIds: [],
      exitCode: 1,
      killed: false,
      durationMs: 0,
      error: message,
    };
  }
}
