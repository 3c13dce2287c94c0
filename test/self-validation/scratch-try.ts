import { runSuiteAgainst, killVariant } from './harness';
import { findVariant } from './variants';
(async () => {
  const args = process.argv.slice(2);
  const parallel = Number(args[0]);
  if (args[1]) {
    for (const name of args.slice(1)) {
      const row = await killVariant(findVariant(name)!, parallel);
      console.log(JSON.stringify(row));
    }
    return;
  }
  const run = await runSuiteAgainst({}, { mode: 'normative', parallel });
  const r = run.result;
  console.log('parallel', parallel, 'ms', run.durationMs, r.exitCode, r.scenarios, 'failed', r.failedRuleIds.join(' '), 'untested', r.untestedRuleIds.join(' '));
})();
