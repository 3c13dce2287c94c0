/**
 * Programmatic run API: one call runs the cucumber suite against the
 * embedded reference or a remote target and returns the rule verdicts.
 * Several runs may share one process, which loads the support code once.
 */
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';

import {
  IRunEnvironment,
  ISupportCodeLibrary,
  loadConfiguration,
  loadSupport,
  runCucumber,
} from '@cucumber/cucumber/api';

import {
  buildMatrix,
  Matrix,
  matrixExitCode,
  MatrixEnvelope,
  RuleResult,
  RunMode,
} from './matrix';
import {
  INTERRUPT_CLEANUP_MS,
  InterruptOutcome,
  SIGNAL_EXIT_CODES,
  SignalGuard,
  StopSignal,
} from './interrupt';
import { rewriteJunitReport } from './junit';
import { describeTarget, formatSummary, writeReports } from './report';
import { redactingStream } from './secrets';

export type { RuleResult } from './matrix';

export interface RunOptions {
  /** Base URL of the target. Without it, the embedded reference runs. */
  targetUrl?: string;
  /** Admin API key of the target, required with `targetUrl`. */
  adminKey?: string;
  /** Default: `reference` when embedded, `normative` with a target URL. */
  mode?: RunMode;
  /** Cucumber tag expression. Rule coverage is checked only without it. */
  tags?: string;
  /** Shim families the target lacks: `hec`, `bulk`, `otlp`, `loki`. */
  without?: string[];
  /**
   * Worker processes: default 2 embedded, 1 remote. 0 and 1 both run the
   * scenarios in this process.
   */
  parallel?: number;
  /** Report directory, default `reports`. Null writes no report files. */
  reportDir?: string | null;
  /** fast-check seed for the fuzz feature. */
  seed?: number;
  /** fast-check runs per HTTP property. */
  fuzzRuns?: number;
  /** `<property id>:<path>` of a fuzz counterexample to replay. */
  fuzzPath?: string;
  /**
   * When true, SIGINT and SIGTERM during the run clean up every running
   * scenario (at most 20 s), write the reports marked as interrupted and
   * resolve with exit code 130 or 143. The caller should then exit.
   */
  handleSignals?: boolean;
  /** When true, nothing is written to stdout. */
  quiet?: boolean;
  /** Stream for progress and the summary instead of process.stdout. */
  output?: NodeJS.WritableStream;
}

export interface RunResult {
  exitCode: number;
  rules: RuleResult[];
  failedRuleIds: string[];
  untestedRuleIds: string[];
  scenarios: { passed: number; failed: number; skipped: number };
  /** The signal that stopped the run early, if any. */
  interrupted?: StopSignal;
}

/**
 * Globs of the feature files and step definitions of a run, absolute or
 * relative to the package root.
 */
export interface SuiteLayout {
  featurePaths: string[];
  requirePaths: string[];
}

export const PACKAGE_ROOT = path.resolve(__dirname, '..');

export const DEFAULT_LAYOUT: SuiteLayout = {
  featurePaths: ['features/**/*.feature'],
  requirePaths: ['steps/**/*.ts'],
};

const DEFAULT_REPORT_DIR = 'reports';
const TRANSPILER_MODULE = 'ts-node/register/transpile-only';

// Environment variables the step definitions fall back to. A run strips
// them from the worker environment so only its own options apply.
const SUITE_ENV_KEYS = [
  'HELIOS_TARGET_URL',
  'HELIOS_ADMIN_KEY',
  'HELIOS_WITHOUT',
  'HELIOS_RUN_PREFIX',
  'HELIOS_SEED',
  'HELIOS_FUZZ_RUNS',
  'HELIOS_FUZZ_PATH',
];

const supportCache = new Map<string, Promise<ISupportCodeLibrary>>();

/** Runs the suite once and returns the conformance matrix in brief. */
export async function runConformance(
  options: RunOptions,
  layout: SuiteLayout = DEFAULT_LAYOUT,
): Promise<RunResult> {
  const mode = options.mode ?? (options.targetUrl ? 'normative' : 'reference');
  const reportDir = resolveReportDir(options.reportDir);
  const environment = makeEnvironment(options);
  const worldParameters = buildWorldParameters(options, mode);
  const envelopes: MatrixEnvelope[] = [];
  const guard = options.handleSignals ? new SignalGuard() : undefined;

  try {
    const run = runCucumberOnce(
      { options, layout, reportDir, worldParameters, environment },
      (envelope) => envelopes.push(envelope),
    );
    const interruption = await waitForRunOrSignal(run, guard, {
      runPrefix: String(worldParameters.runPrefix),
      usesWorkers: workerCount(options) > 0,
    });

    // An interrupted run may still add messages: the matrix takes a copy.
    const matrix = buildMatrix([...envelopes], {
      mode,
      checkCoverage: !options.tags,
    });
    const signal = interruption?.signal;
    const exitCode = signal ? SIGNAL_EXIT_CODES[signal] : matrixExitCode(matrix);
    if (reportDir !== null) {
      await adjustJunitReport(reportDir, matrix, envelopes);
    }
    await publishMatrix(matrix, exitCode, options, reportDir, signal);

    return toRunResult(matrix, exitCode, signal);
  } finally {
    guard?.dispose();
  }
}

/**
 * Waits for the run to end, or with a guard, for the first signal and the
 * clean-up after it. Resolves with the interruption, if any.
 */
async function waitForRunOrSignal(
  run: Promise<void>,
  guard: SignalGuard | undefined,
  details: { runPrefix: string; usesWorkers: boolean },
): Promise<InterruptOutcome | undefined> {
  const { runPrefix, usesWorkers } = details;
  if (guard === undefined) {
    await run;
    return undefined;
  }

  const first = await Promise.race([run.then(() => undefined), guard.signal]);
  if (first === undefined) return undefined;

  const seconds = INTERRUPT_CLEANUP_MS / 1000;
  process.stderr.write(
    `\nhelios-conformance: ${first} received, cleaning up the tokens, API ` +
      `keys and policy changes of this run (at most ${seconds} s)\n`,
  );
  const outcome = await guard.stop(first, run, usesWorkers);
  if (!outcome.cleanedUp) {
    process.stderr.write(
      `helios-conformance: clean-up did not finish within ${seconds} s: ` +
        `ingest tokens and API keys named ${runPrefix}-*, or a changed ` +
        'ingest policy (require-auth, endpoint switches), may be left on ' +
        'the target\n',
    );
  }
  return outcome;
}

interface CucumberRunSetup {
  options: RunOptions;
  layout: SuiteLayout;
  reportDir: string | null;
  worldParameters: Record<string, string | number | string[]>;
  environment: IRunEnvironment;
}

async function runCucumberOnce(
  setup: CucumberRunSetup,
  onMessage: (envelope: MatrixEnvelope) => void,
): Promise<void> {
  const { options, layout, reportDir, worldParameters, environment } = setup;
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: layout.featurePaths,
        require: layout.requirePaths,
        requireModule: [TRANSPILER_MODULE],
        format: buildFormats(reportDir),
        parallel: workerCount(options),
        tags: options.tags ?? '',
        worldParameters,
      },
    },
    environment,
  );

  // Never upload reports, even when CUCUMBER_PUBLISH_* variables are set.
  runConfiguration.formats.publish = false;

  const support = await loadSupportOnce(runConfiguration, environment);
  await runCucumber({ ...runConfiguration, support }, environment, (envelope) =>
    onMessage(envelope as MatrixEnvelope),
  );
}

/**
 * Returns cucumber's `parallel` value. One worker process would add only a
 * process boundary, so it runs in this process instead, where a signal
 * reaches the scenarios' clean-up directly.
 */
function workerCount(options: RunOptions): number {
  const requested = options.parallel ?? (options.targetUrl ? 1 : 2);
  return requested === 1 ? 0 : requested;
}

/**
 * Loads the step definitions once per process and layout. Requiring them a
 * second time would register nothing, because Node caches the modules.
 */
function loadSupportOnce(
  runConfiguration: Parameters<typeof loadSupport>[0],
  environment: IRunEnvironment,
): Promise<ISupportCodeLibrary> {
  const key = JSON.stringify([environment.cwd, runConfiguration.support]);
  let support = supportCache.get(key);

  if (!support) {
    support = loadSupport(runConfiguration, environment);
    supportCache.set(key, support);
    support.catch(() => supportCache.delete(key));
  }

  return support;
}

type FormatEntry = [name: string, file?: string];

function buildFormats(reportDir: string | null): FormatEntry[] {
  const formats: FormatEntry[] = [['progress']];
  if (reportDir === null) return formats;

  return [
    ...formats,
    ['html', path.join(reportDir, 'cucumber.html')],
    ['junit', path.join(reportDir, 'junit.xml')],
    ['message', path.join(reportDir, 'messages.ndjson')],
  ];
}

/** Builds the World parameters; absent options stay absent. */
export function buildWorldParameters(
  options: RunOptions,
  mode: RunMode,
): Record<string, string | number | string[]> {
  const parameters: Record<string, string | number | string[]> = {
    mode,
    without: options.without ?? [],
    runPrefix: generateRunPrefix(),
  };

  if (options.targetUrl) parameters.targetUrl = options.targetUrl;
  if (options.adminKey) parameters.adminKey = options.adminKey;
  if (options.seed !== undefined) parameters.seed = options.seed;
  if (options.fuzzRuns !== undefined) parameters.fuzzRuns = options.fuzzRuns;
  if (options.fuzzPath !== undefined) parameters.fuzzPath = options.fuzzPath;
  return parameters;
}

/** Generates `hc` followed by six random lower-case letters or digits. */
export function generateRunPrefix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += alphabet[randomInt(alphabet.length)];
  return `hc${suffix}`;
}

/**
 * Builds the cucumber environment. The working directory is always the
 * package root: worker processes inherit the parent's node flags, such as
 * `--require ts-node/register`, and resolve them from there.
 */
function makeEnvironment(options: RunOptions): IRunEnvironment {
  // NOTE: with parallel 0 or 1 the steps run in this process and read
  // process.env itself, so HELIOS_* variables of the caller still apply.
  // Worker output to the console (not attachments) bypasses the masking,
  // because cucumber gives workers the parent's stdout directly.
  const env = { ...process.env };
  for (const key of SUITE_ENV_KEYS) delete env[key];

  const stdout = options.quiet
    ? discardStream()
    : redactingStream(options.output ?? process.stdout, options.adminKey);
  const stderr = redactingStream(process.stderr, options.adminKey);

  return { cwd: PACKAGE_ROOT, env, stdout, stderr };
}

function discardStream(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

function resolveReportDir(reportDir: string | null | undefined) {
  if (reportDir === null) return null;
  return path.resolve(reportDir ?? DEFAULT_REPORT_DIR);
}

/**
 * Keeps the JUnit report in line with the exit code: in normative mode a
 * failed profile scenario is informational, so it is not a JUnit failure.
 * Also gives each skipped testcase the reason its scenario logged.
 */
async function adjustJunitReport(
  reportDir: string,
  matrix: Matrix,
  envelopes: readonly MatrixEnvelope[],
): Promise<void> {
  const hasWork = matrix.scenarios.some(
    (s) => s.status === 'failed' || s.skipReason !== undefined,
  );
  if (!hasWork) return;

  const file = path.join(reportDir, 'junit.xml');
  const outcome = await rewriteJunitReport(file, matrix, [...envelopes]);
  if (outcome.problem !== undefined) {
    process.stderr.write(
      `helios-conformance: ${file} was left as cucumber wrote it ` +
        `(${outcome.problem}), so it may count failed profile scenarios ` +
        'of a normative run as failures and lacks skip reasons\n',
    );
  }
  if (outcome.unmatched > 0) {
    process.stderr.write(
      `helios-conformance: ${outcome.unmatched} failed profile scenario(s) ` +
        'share a JUnit testcase name with a required scenario, so they stay ' +
        `failures in ${file}\n`,
    );
  }
}

async function publishMatrix(
  matrix: Matrix,
  exitCode: number,
  options: RunOptions,
  reportDir: string | null,
  interrupted?: StopSignal,
): Promise<void> {
  const context = {
    matrix,
    exitCode,
    target: describeTarget(options.targetUrl),
    generatedAt: new Date(),
    interrupted,
    tagFilter: options.tags,
  };

  if (reportDir !== null) {
    await writeReports(reportDir, context, options.adminKey);
  }
  if (!options.quiet) {
    const output = options.output ?? process.stdout;
    output.write(`\n${formatSummary(context)}\n`);
  }
}

function toRunResult(
  matrix: Matrix,
  exitCode: number,
  interrupted?: StopSignal,
): RunResult {
  return {
    exitCode,
    interrupted,
    rules: matrix.rules,
    failedRuleIds: matrix.failedRuleIds,
    untestedRuleIds: matrix.untestedRuleIds,
    scenarios: matrix.totals,
  };
}
