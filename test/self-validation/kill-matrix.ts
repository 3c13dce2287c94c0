/**
 * The kill matrix: runs the suite in normative mode against every fault
 * variant and checks that each run fails on the rule the variant breaks.
 *
 *   npx ts-node test/self-validation/kill-matrix.ts [--jobs N] [--only NAME,...]
 *
 * Writes reports/kill-matrix.md and reports/kill-matrix.json, and exits 1
 * unless every variant was killed. With `--jobs N`, N child processes each
 * run one variant at a time.
 */

import { fork, type ChildProcess } from 'node:child_process';
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

export interface KillMatrix {
  rows: KillRow[];
  killed: number;
  total: number;
  /** Killed variants as a percentage of all variants, 0 to 100. */
  killRate: number;
  totalMs: number;
  jobs: number;
}

interface CliOptions {
  jobs: number;
  only?: string[];
}

/** Called with each row as soon as its variant has run. */
export type RowListener = (row: KillRow) => void;

/** Runs the given variants, `jobs` at a time, in the given order. */
export async function runKillMatrix(
  variants: readonly FaultVariant[],
  jobs = 1,
  onRow: RowListener = () => undefined,
): Promise<KillMatrix> {
  const startedAt = Date.now();
  const rows =
    jobs <= 1
      ? await runInProcess(variants, onRow)
      : await runInChildren(variants, jobs, onRow);

  const killed = rows.filter((row) => row.killed).length;
  const total = rows.length;
  return {
    rows,
    killed,
    total,
    killRate: total === 0 ? 0 : (100 * killed) / total,
    totalMs: Date.now() - startedAt,
    jobs,
  };
}

async function runInProcess(
  variants: readonly FaultVariant[],
  onRow: RowListener,
): Promise<KillRow[]> {
  const rows: KillRow[] = [];
  for (const variant of variants) {
    const row = await killVariant(variant, 0);
    onRow(row);
    rows.push(row);
  }
  return rows;
}

/** Hands variants to `jobs` child processes, one variant per message. */
async function runInChildren(
  variants: readonly FaultVariant[],
  jobs: number,
  onRow: RowListener,
): Promise<KillRow[]> {
  const queue = variants.map((variant, position) => ({ variant, position }));
  const rows: KillRow[] = new Array(variants.length);

  const drain = async (child: ChildProcess) => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const row = await askChild(child, next.variant);
      onRow(row);
      rows[next.position] = row;
    }
    child.disconnect();
  };

  const children = Array.from({ length: jobs }, () => startChild());
  await Promise.all(children.map(drain));
  return rows;
}

function startChild(): ChildProcess {
  return fork(__filename, [WORKER_FLAG], {
    cwd: PACKAGE_ROOT,
    execArgv: ['--require', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function askChild(child: ChildProcess, variant: FaultVariant): Promise<KillRow> {
  return new Promise((resolve) => {
    const onExit = (code: number | null) =>
      resolve(failedRow(variant, `worker exited with code ${code}`));
    child.once('exit', onExit);
    child.once('message', (row: KillRow) => {
      child.off('exit', onExit);
      resolve(row);
    });
    child.send(variant.name);
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
  process.on('message', async (name: string) => {
    const variant = findVariant(name);
    if (variant === undefined) throw new Error(`No variant named "${name}".`);
    process.send?.(await killVariant(variant, 0));
  });
}

function printProgress(row: KillRow): void {
  const verdict = row.killed ? 'killed' : 'SURVIVED';
  const seconds = (row.durationMs / 1000).toFixed(1);
  process.stderr.write(`${verdict} ${row.variant} (${row.breaks}) ${seconds} s\n`);
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
    return `| ${row.variant} | ${row.breaks} | ${failed} | ${verdict} | ${seconds} |`;
  });

  const rate = matrix.killRate.toFixed(1);
  const minutes = (matrix.totalMs / 60000).toFixed(1);
  const summary =
    `Kill rate: ${matrix.killed}/${matrix.total} (${rate}%), ` +
    `${minutes} min with ${matrix.jobs} job(s).`;
  return [...header, ...lines, '', summary, ''].join('\n');
}

/** Writes reports/kill-matrix.md and reports/kill-matrix.json. */
export async function writeKillMatrix(matrix: KillMatrix, markdown: string) {
  await mkdir(REPORT_DIR, { recursive: true });
  const json = { generatedAt: new Date().toISOString(), ...matrix };
  await writeFile(path.join(REPORT_DIR, 'kill-matrix.md'), `# Kill matrix\n\n${markdown}`);
  await writeFile(
    path.join(REPORT_DIR, 'kill-matrix.json'),
    `${JSON.stringify(json, null, 2)}\n`,
  );
}

function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = { jobs: 1 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs') options.jobs = Number(argv[++i]);
    else if (argv[i] === '--only') options.only = argv[++i]?.split(',');
    else throw new Error(`Unknown argument "${argv[i]}"; use --jobs N or --only NAME,...`);
  }
  if (!Number.isInteger(options.jobs) || options.jobs < 1 || options.jobs > MAX_JOBS) {
    throw new Error(`--jobs must be an integer from 1 to ${MAX_JOBS}.`);
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

  const matrix = await runKillMatrix(variants, options.jobs, printProgress);
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
