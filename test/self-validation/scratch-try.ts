import { runSuiteAgainst } from './harness';
import { findVariant } from './variants';
(async () => {
  for (const name of process.argv.slice(2)) {
    const parts = name === 'ref' ? {} : findVariant(name)!.parts();
    const run = await runSuiteAgainst(parts, { mode: 'normative', parallel: 0 });
    const r = run.result;
    console.log(name, run.durationMs, r.exitCode, JSON.stringify(r.scenarios), 'failed:', r.rules.filter(x => x.failed > 0).map(x => `${x.id}(${x.failed})`).join(' '));
  }
})();
