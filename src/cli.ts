/**
 * Command line of `helios-conformance`: parses and validates the options,
 * checks the admin key against a remote target, then runs the suite.
 * Exit codes: 0 conformant, 1 a required scenario failed or the run broke,
 * 2 invalid options or an unusable target.
 */
import { accessSync, constants, Stats, statSync } from 'node:fs';
import path from 'node:path';

import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import parseTagExpressionSyntax from '@cucumber/tag-expressions';

import { RunMode } from './matrix';
import type { RunOptions } from './run';
import { maskSecret, redactSecret } from './secrets';
import { checkTarget, TargetError } from './target-check';

export const EXIT_USAGE = 2;

export const SHIM_FAMILIES = ['hec', 'bulk', 'otlp', 'loki'];
const MODES: RunMode[] = ['normative', 'reference'];
const MAX_PARALLEL = 16;

interface ParsedOptions {
  target?: string;
  adminKey?: string;
  mode?: RunMode;
  tags?: string;
  without?: string[];
  parallel?: number;
  reportDir: string;
  seed?: number;
  fuzzRuns?: number;
  fuzzPath?: string;
}

// `<property id>:<fast-check path>`, the path being numbers joined by `:`.
const fuzzPathRegExp = /^[a-z][a-z0-9-]*:\d+(?::\d+)*$/;

/** A bad option value: printed as one line, then exit code 2. */
class UsageError extends Error {}

/** Runs the command line and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const secret = findAdminKey(argv);
  const print = (text: string) =>
    process.stderr.write(redactSecret(text, secret));

  let options: RunOptions;
  try {
    options = toRunOptions(parseArguments(argv, print));
  } catch (error) {
    return reportStartError(error, print);
  }

  try {
    if (options.targetUrl) {
      await checkTarget(options.targetUrl, options.adminKey ?? '');
    }
    printStart(options);
    const result = await loadRunModule().runConformance({
      ...options,
      handleSignals: true,
    });
    return result.exitCode;
  } catch (error) {
    return reportStartError(error, print);
  }
}

// Loaded on demand: cucumber takes about half a second to load, which
// option errors and help should not wait for.
function loadRunModule(): typeof import('./run') {
  return require('./run');
}

function reportStartError(error: unknown, print: (t: string) => void): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (error instanceof UsageError || error instanceof TargetError) {
    print(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }

  const message = error instanceof Error ? error.message : String(error);
  print(`error: the run failed: ${message}\n`);
  return 1;
}

function parseArguments(
  argv: string[],
  print: (text: string) => void,
): ParsedOptions {
  const program = buildProgram()
    .exitOverride()
    .configureOutput({ outputError: (text) => print(text) });

  program.parse(argv);
  return program.opts<ParsedOptions>();
}

/** Declares the options, with help text that names what each one sets. */
export function buildProgram(): Command {
  return new Command('helios-conformance')
    .description(
      'Run the HeliosLogs ingest authentication conformance suite against ' +
        'the embedded reference server or a running target.',
    )
    .addOption(
      new Option(
        '--target <url>',
        'base URL of the server under test; without it an embedded ' +
          'reference server is started for each worker',
      ).env('HELIOS_TARGET_URL'),
    )
    .addOption(
      new Option(
        '--admin-key <key>',
        'admin API key of the target, required with --target; masked in ' +
          'all output',
      ).env('HELIOS_ADMIN_KEY'),
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'normative: only doc and http scenarios must pass; reference: all ' +
          'must pass (default: reference when embedded, normative with ' +
          '--target)',
      ).choices(MODES),
    )
    .option(
      '--tags <expr>',
      'cucumber tag expression selecting the scenarios to run, for example ' +
        '"not @policy"; skips the rule coverage check',
      parseTagExpression,
    )
    .addOption(
      new Option(
        '--without <shim...>',
        `shim families the target lacks (${SHIM_FAMILIES.join(', ')}); ` +
          'their examples are reported as skipped. Repeatable or ' +
          'comma-separated',
      )
        .env('HELIOS_WITHOUT')
        .argParser(collectShims),
    )
    .option(
      '--parallel <n>',
      `number of worker processes, 0 to ${MAX_PARALLEL}; 0 runs in this ` +
        'process (default: 2 embedded, 1 with --target)',
      (value) => parseInteger(value, 0, MAX_PARALLEL),
    )
    .option(
      '--report-dir <dir>',
      'directory for the cucumber HTML, JUnit XML, message NDJSON and ' +
        'conformance matrix reports',
      'reports',
    )
    .addOption(
      new Option(
        '--seed <n>',
        'fast-check seed of the fuzz feature, to replay a failure',
      )
        .env('HELIOS_SEED')
        .argParser((value) => parseInteger(value, -(2 ** 31), 2 ** 31 - 1)),
    )
    .addOption(
      new Option(
        '--fuzz-runs <n>',
        'fast-check runs per HTTP property, 1 to 100000',
      )
        .env('HELIOS_FUZZ_RUNS')
        .argParser((value) => parseInteger(value, 1, 100_000)),
    )
    .addOption(
      new Option(
        '--fuzz-path <path>',
        'fuzz counterexample to replay, as <property id>:<fast-check path> ' +
          '(printed with a fuzz failure); use it with the same --seed',
      )
        .env('HELIOS_FUZZ_PATH')
        .argParser(parseFuzzPath),
    );
}

/**
 * Checks a tag expression with the parser cucumber uses (the same pinned
 * version), so that a syntax
 * error stops the run before it starts. Returns the expression unchanged.
 */
function parseTagExpression(value: string): string {
  try {
    parseTagExpressionSyntax(value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message
      .split('\n')[0]
      .replace(/^Tag expression .* could not be parsed because of /, '');
    throw new InvalidArgumentError(`Invalid tag expression, ${reason}`);
  }
  return value;
}

function parseFuzzPath(value: string): string {
  if (!fuzzPathRegExp.test(value)) {
    throw new InvalidArgumentError(
      'Expected <property id>:<path> such as robust-header:37:2:0.',
    );
  }
  return value;
}

function parseInteger(value: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value.trim())) {
    throw new InvalidArgumentError(
      `Expected a whole number from ${min} to ${max}.`,
    );
  }

  const number = Number(value);
  if (number < min || number > max) {
    throw new InvalidArgumentError(
      `Expected a whole number from ${min} to ${max}.`,
    );
  }
  return number;
}

function collectShims(value: string, previous: string[] | undefined) {
  const shims = value.split(',').map((shim) => shim.trim().toLowerCase());
  const unknown = shims.filter((shim) => !SHIM_FAMILIES.includes(shim));

  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `Unknown shim family "${unknown.join(', ')}": use ${SHIM_FAMILIES.join(', ')}.`,
    );
  }
  return [...new Set([...(previous ?? []), ...shims])];
}

/** Checks the combination of options and converts them for the run API. */
export function toRunOptions(parsed: ParsedOptions): RunOptions {
  const options: RunOptions = {
    mode: parsed.mode,
    tags: parsed.tags,
    without: parsed.without,
    parallel: parsed.parallel,
    reportDir: parsed.reportDir,
    seed: parsed.seed,
    fuzzRuns: parsed.fuzzRuns,
    fuzzPath: parsed.fuzzPath,
  };
  checkReportDir(parsed.reportDir);
  if (parsed.target === undefined) return options;

  if (!parsed.adminKey) {
    throw new UsageError(
      "option '--admin-key <key>' is required with --target: pass the " +
        "target's admin API key or set HELIOS_ADMIN_KEY.",
    );
  }
  return {
    ...options,
    targetUrl: validateTargetUrl(parsed.target),
    adminKey: parsed.adminKey,
  };
}

/**
 * Checks that the report directory exists as a writable directory, or can
 * be created: its closest existing ancestor is a writable directory.
 */
function checkReportDir(reportDir: string): void {
  const wanted = path.resolve(reportDir);
  let current = wanted;
  let stats = statIfPresent(current);

  while (stats === undefined && path.dirname(current) !== current) {
    current = path.dirname(current);
    stats = statIfPresent(current);
  }

  const problem =
    stats === undefined || !stats.isDirectory()
      ? `${current} is not a directory`
      : unwritableReason(current);
  if (problem !== undefined) {
    throw new UsageError(
      `option '--report-dir <dir>' cannot be used for ${wanted}: ${problem}; ` +
        'pass a directory that exists or can be created.',
    );
  }
}

// A path below a file fails with ENOTDIR rather than ENOENT: both mean
// that the path itself is absent, and the walk goes on to its parent.
function statIfPresent(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function unwritableReason(directory: string): string | undefined {
  try {
    accessSync(directory, constants.W_OK | constants.X_OK);
    return undefined;
  } catch {
    return `${directory} is not writable`;
  }
}

function validateTargetUrl(value: string): string {
  const hint = 'pass an http or https base URL such as http://127.0.0.1:7300.';
  let url: URL;

  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`option '--target <url>' value is not a URL: ${hint}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `option '--target <url>' has protocol ${url.protocol}: ${hint}`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new UsageError(
      "option '--target <url>' must not contain credentials, a query or a " +
        `fragment: ${hint}`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

// Finds the admin key before parsing so that even parse errors are masked.
function findAdminKey(argv: string[]): string | undefined {
  const index = argv.indexOf('--admin-key');
  if (index >= 0 && index + 1 < argv.length) return argv[index + 1];

  const inline = argv.find((arg) => arg.startsWith('--admin-key='));
  if (inline) return inline.slice('--admin-key='.length);
  return process.env.HELIOS_ADMIN_KEY || undefined;
}

function printStart(options: RunOptions): void {
  const target = options.targetUrl
    ? `${options.targetUrl} (admin key ${maskSecret(options.adminKey)})`
    : 'embedded reference';
  const mode = options.mode ?? (options.targetUrl ? 'normative' : 'reference');

  process.stdout.write(`helios-conformance: ${mode} mode against ${target}\n`);
}
