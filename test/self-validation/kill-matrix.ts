/**
 * The kill matrix: runs the suite in normative mode against every fault
 * variant and checks that each run fails on the rule the variant breaks.
 *
 *   npx ts-node test/self-validation/kill-matrix.ts [--jobs N] [--seed N]
 *     [--only NAME,...]
 *
 * Writes reports/kill-matrix.md and reports/kill-matrix.json, and exits 1
 * unless every variant was killed. `--jobs N` (default 2) runs N child
 * processes, each one variant at a time; `--jobs 1` runs in this process.
 */

import { fork, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { PACKAGE_ROOT } from '../../src/run';
import { killVariant, type KillRow } from './harness';
import { FAULT_VARIANTS, findVariant } from './variants';
import type { FaultVariant } from './variant';

const REPORT_DIR = path.join(PACKAGE_ROOT, 'reports');
const WORKER_FLAG = '--worker';

/** Upper bound on child processes; each one runs the suite in-process. */
const MAX_JOBS = 8;

/**
 * Time one variant may take in a child process. A run takes 5 to 25 s on a
 * busy 2-core machine, so this only stops a hung run.
 */
const VARIANT_TIMEOUT_MS = 180_000;

const USAGE = 'use --jobs N (1 to 8), --seed N or --only NAME,...';

export interface KillMatrix {
  rows: KillRow[];
  killed: number;
  total: number;
  /** Killed variants as a percentage of all variants, 0 to 100. */
  killRate: number;
  totalMs: number;
  jobs: number;
  /** fast-check seed every run of this matrix used; replay with --seed. */
  seed: number;
}

interface CliOptions {
  jobs: number;
  only?: string[];
  seed?: number;
}

/** A variant to run and the fuzz seed to run it with. */
interface WorkItem {
  name: string;
  seed: number;
}

/** Called with each row as soon as its variant has run. */
export type RowListener = (row: KillRow) => void;

/**
 * Runs the given variants, `jobs` at a time, in the given order. All runs
 * share one fuzz seed, drawn at random unless given.
 */
export async function runKillMatrix(
  variants: readonly FaultVariant[],
  options: { jobs?: number; seed?: number; onRow?: RowListener } = {},
): Promise<KillMatrix> {
  const startedAt = Date.now();
  const jobs = options.jobs ?? 1;
  const seed = options.seed ?? randomInt(2 ** 31);
  const onRow = options.onRow ?? (() => undefined);
  const rows =
    jobs <= 1
      ? await runInProcess(variants, seed, onRow)
      : await runInChildren(variants, { jobs, seed }, onRow);

  const killed = rows.filter((row) => row.killed).length;
  const total = rows.length;
  return {
    rows,
    killed,
    total,
    killRate: total === 0 ? 0 : (100 * killed) / total,
    totalMs: Date.now() - startedAt,
    jobs,
    seed,
  };
}

async function runInProcess(
  variants: readonly FaultVariant[],
  seed: number,
  onRow: RowListener,
): Promise<KillRow[]> {
  const rows: KillRow[] = [];
  for (const variant of variants) {
    const row = await killVariant(variant, { parallel: 0, seed });
    onRow(row);
    rows.push(row);
  }
  return rows;
}

/** Hands variants to `jobs` child processes, one variant per message. */
async function runInChildren(
  variants: readonly FaultVariant[],
  { jobs, seed }: { jobs: number; seed: number },
  onRow: RowListener,
): Promise<KillRow[]> {
  const queue = variants.map((variant, position) => ({ variant, position }));
  const rows: KillRow[] = new Array(variants.length);

  const drain = async () => {
    let child = startChild();
    for (let next = queue.shift(); next; next = queue.shift()) {
      const row = await askChild(child, next.variant, seed);
      onRow(row);
      rows[next.position] = row;
      // A worker that crashed or timed out is replaced for the next variant.
      if (!child.connected) child = startChild();
    }
    child.disconnect();
  };

  await Promise.all(Array.from({ length: jobs }, drain));
  return rows;
}

function startChild(): ChildProcess {
  return fork(__filename, [WORKER_FLAG], {
    cwd: PACKAGE_ROOT,
    execArgv: ['--require', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Runs one variant in `child`; kills the child when it takes too long. */
function askChild(
  child: ChildProcess,
  variant: FaultVariant,
  seed: number,
): Promise<KillRow> {
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, VARIANT_TIMEOUT_MS);

    const onExit = (code: number | null) => {
      clearTimeout(timer);
      const seconds = VARIANT_TIMEOUT_MS / 1000;
      const reason = timedOut
        ? `timed out after ${seconds} s`
        : `worker exited with code ${code}`;
      resolve(failedRow(variant, reason));
    };
    child.once('exit', onExit);
    child.once('message', (row: KillRow) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(row);
    });
    const item: WorkItem = { name: variant.name, seed };
    child.send(item);
  });
}

function failedRow(variant: FaultVariant, error: string): KillRow {
  return {
    variant: variant.name,
    breaks: variant.breaks,
    description: variant.description,
    failedRuleIds: [],
    exitCode: 1,
    killed: false,
    durationMs: 0,
    error,
  };
}

/** Child side: runs each variant the parent names and sends its row. */
function serveParent(): void {
  process.on('message', async ({ name, seed }: WorkItem) => {
    const variant = findVariant(name);
    if (variant === undefined) throw new Error(`No variant named "${name}".`);
    process.send?.(await killVariant(variant, { parallel: 0, seed }));
  });
}

function printProgress(row: KillRow): void {
  const verdict = row.killed ? 'killed' : 'SURVIVED';
  const seconds = (row.durationMs / 1000).toFixed(1);
  const line = `${verdict} ${row.variant} (${row.breaks}) ${seconds} s`;
  process.stderr.write(`${line}\n`);
}

/** Renders the matrix as a Markdown table with a summary line. */
export function formatKillMatrix(matrix: KillMatrix): string {
  const header = [
    '| variant | rule broken | rule ids that failed | verdict | seconds |',
    '| --- | --- | --- | --- | --- |',
  ];
  const lines = matrix.rows.map((row) => {
    const failed = row.error ?? (row.failedRuleIds.join(' ') || '(none)');
    const verdict = row.killed ? 'killed' : 'SURVIVED';
    const seconds = (row.durationMs / 1000).toFixed(1);
    const cells = [row.variant, row.breaks, failed, verdict, seconds];
    return `| ${cells.join(' | ')} |`;
  });

  const rate = matrix.killRate.toFixed(1);
  const minutes = (matrix.totalMs / 60000).toFixed(1);
  const summary =
    `Kill rate: ${matrix.killed}/${matrix.total} (${rate}%), ` +
    `${minutes} min with ${matrix.jobs} job(s), fuzz seed ${matrix.seed}.`;
  return [...header, ...lines, '', summary, ''].join('\n');
}

/** Writes reports/kill-matrix.md and reports/kill-matrix.json. */
export async function writeKillMatrix(matrix: KillMatrix, markdown: string) {
  await mkdir(REPORT_DIR, { recursive: true });
  const json = { generatedAt: new Date().toISOString(), ...matrix };
  await writeFile(
    path.join(REPORT_DIR, 'kill-matrix.md'),
    `# Kill matrix\n\n${markdown}`,
  );
  await writeFile(
    path.join(REPORT_DIR, 'kill-matrix.json'),
    `${JSON.stringify(json, null, 2)}\n`,
  );
}

function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = { jobs: 2 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs') options.jobs = Number(argv[++i]);
    else if (argv[i] === '--only') options.only = argv[++i]?.split(',');
    else if (argv[i] === '--seed') options.seed = Number(argv[++i]);
    else throw new Error(`Unknown argument "${argv[i]}"; ${USAGE}`);
  }
  const { jobs } = options;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS) {
    throw new Error(`--jobs must be an integer from 1 to ${MAX_JOBS}.`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new Error('--seed must be an integer.');
  }
  return options;
}

function selectVariants(only?: string[]): FaultVariant[] {
  if (only === undefined) return [...FAULT_VARIANTS];
  return only.map((name) => {
    const variant = findVariant(name);
    if (variant === undefined) throw new Error(`No variant named "${name}".`);
    return variant;
  });
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const variants = selectVariants(options.only);

  const matrix = await runKillMatrix(variants, {
    jobs: options.jobs,
    seed: options.seed,
    onRow: printProgress,
  });
  const markdown = formatKillMatrix(matrix);
  process.stdout.write(`${markdown}\n`);
  await writeKillMatrix(matrix, markdown);
  return matrix.killed === matrix.total ? 0 : 1;
}

if (require.main === module) {
  if (process.argv.includes(WORKER_FLAG)) {
    serveParent();
  } else {
    main().then(
      (code) => process.exit(code),
      (error: Error) => {
        process.stderr.write(`kill matrix: ${error.message}\n`);
        process.exit(2);
      },
    );
  }
}
