// Measures the power of the HTTP properties: for each fault of
// bench/faults.ts and each seed, how many runs each property needs to fail
// on a reference with that fault. The unmodified reference runs first and
// must pass everything. Exits 1 when a fault escapes any seed.
//
// Usage: npx ts-node bench/fuzz-power.ts [first seed] [last seed]

import { parseAuthorization } from '../reference/auth/parse';
import { startReference } from '../reference/listen';
import { HTTP_PROPERTIES } from '../steps/support/fuzz/properties';
import { checkHttpProperty } from '../steps/support/fuzz/runner';
import {
  DEFAULT_FUZZ_RUNS,
  FUZZ_TIME_LIMIT_MS,
} from '../steps/support/fuzz/settings';
import { FAULTS, type Fault } from './faults';
import { createFixture, setRequireAuth } from './fuzz-setup';

/** Seeds 1 to 5 unless the command line names others. */
const DEFAULT_SEEDS = { first: 1, last: 5 };

/** Maximum number of seeds per invocation, so the run stays bounded. */
const MAX_SEEDS = 100;

const UNMODIFIED: Fault = {
  id: 'none',
  description: 'unmodified reference',
  wrap: (parse) => parse,
};

interface Row {
  fault: Fault;
  seed: number;
  /** Runs to the first failure per property id, undefined if it passed. */
  runs: Map<string, number | undefined>;
}

function seedsFromArguments(): number[] {
  const first = Number(process.argv[2] ?? DEFAULT_SEEDS.first);
  const last = Number(process.argv[3] ?? process.argv[2] ?? DEFAULT_SEEDS.last);
  if (!Number.isInteger(first) || !Number.isInteger(last) || last < first) {
    throw new Error(`invalid seed range ${first}..${last}: give two integers`);
  }
  if (last - first + 1 > MAX_SEEDS) {
    throw new Error(`too many seeds: at most ${MAX_SEEDS} per run`);
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

async function measure(fault: Fault, seed: number): Promise<Row> {
  const parts = { parseAuthorization: fault.wrap(parseAuthorization) };
  const reference = await startReference({ parts });
  const runs = new Map<string, number | undefined>();

  try {
    const prefix = `power${seed}`;
    const fixture = await createFixture(
      reference.url,
      reference.adminKey,
      prefix,
    );
    for (const property of HTTP_PROPERTIES) {
      const require = property.id === 'require-auth';
      await setRequireAuth(reference.url, reference.adminKey, require);
      const outcome = await checkHttpProperty(property, fixture, {
        seed,
        numRuns: DEFAULT_FUZZ_RUNS,
        timeLimitMs: FUZZ_TIME_LIMIT_MS,
        endOnFailure: true,
      });
      runs.set(property.id, outcome.passed ? undefined : outcome.numRuns);
    }
    fixture.client.close();
  } finally {
    await reference.close();
  }
  return { fault, seed, runs };
}

function found(row: Row): boolean {
  return [...row.runs.values()].some((runs) => runs !== undefined);
}

function formatTable(rows: Row[]): string {
  const ids = HTTP_PROPERTIES.map((property) => property.id);
  const header = `| fault | seed | ${ids.join(' | ')} | found |`;
  const rule = `|${' --- |'.repeat(ids.length + 3)}`;
  const lines = rows.map((row) => {
    const cells = ids.map((id) => String(row.runs.get(id) ?? '-'));
    const verdict = found(row) ? 'yes' : 'no';
    return `| ${row.fault.description} | ${row.seed} | ${cells.join(' | ')} | ${verdict} |`;
  });
  return [header, rule, ...lines].join('\n');
}

async function main(): Promise<void> {
  const seeds = seedsFromArguments();
  const rows: Row[] = [];
  for (const fault of [UNMODIFIED, ...FAULTS]) {
    for (const seed of seeds) {
      rows.push(await measure(fault, seed));
    }
  }

  console.log(
    `Runs to the first failure (${DEFAULT_FUZZ_RUNS} runs per property, '-' = passed):\n`,
  );
  console.log(formatTable(rows));

  const falseAlarms = rows.filter(
    (row) => row.fault === UNMODIFIED && found(row),
  );
  const escaped = rows.filter((row) => row.fault !== UNMODIFIED && !found(row));
  for (const row of falseAlarms) {
    console.error(
      `unmodified reference failed a property with seed ${row.seed}`,
    );
  }
  for (const row of escaped) {
    console.error(
      `fault "${row.fault.description}" not found with seed ${row.seed}`,
    );
  }
  process.exitCode = falseAlarms.length + escaped.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
