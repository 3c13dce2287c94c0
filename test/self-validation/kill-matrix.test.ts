/**
 * The kill matrix as a test: every fault variant must make a normative run
 * fail on the rule it breaks. Takes minutes, not seconds: the suite runs
 * once per variant. HELIOS_KILL_JOBS sets the child processes (default 2),
 * HELIOS_SEED the fuzz seed (default random, printed in the report).
 */

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import {
  formatKillMatrix,
  runKillMatrix,
  writeKillMatrix,
  type KillMatrix,
} from './kill-matrix';
import { FAULT_VARIANTS } from './variants';

const jobs = Number(process.env.HELIOS_KILL_JOBS ?? 2);
const seedText = process.env.HELIOS_SEED;
const seed = seedText === undefined ? undefined : Number(seedText);

describe('kill matrix', () => {
  let matrix: KillMatrix;

  before(async () => {
    matrix = await runKillMatrix(FAULT_VARIANTS, { jobs, seed });
    await writeKillMatrix(matrix, formatKillMatrix(matrix));
  });

  for (const variant of FAULT_VARIANTS) {
    it(`kills ${variant.name}`, () => {
      const row = matrix.rows.find((r) => r.variant === variant.name);
      assert.ok(row, `no row for ${variant.name}`);
      assert.equal(row.error, undefined, `run failed: ${row.error}`);
      assert.notEqual(row.exitCode, 0, 'the normative run passed');
      assert.ok(
        row.failedRuleIds.includes(variant.breaks),
        `expected ${variant.breaks} among the failed rules, got ` +
          `[${row.failedRuleIds.join(', ')}] (fuzz seed ${matrix.seed})`,
      );
    });
  }
});
