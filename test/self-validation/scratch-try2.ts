import { runSuiteAgainst } from './harness';
import { CONFORMANT_VARIANT as v } from './conformant';
(async () => {
  for (const mode of ['normative', 'reference'] as const) {
    const { result: r, durationMs } = await runSuiteAgainst(v.parts(), { mode, without: v.without, parallel: 0 });
    console.log(mode, durationMs, r.exitCode, JSON.stringify(r.scenarios), r.failedRuleIds.join(' '), '| differs:', r.rules.filter(x => x.verdict === 'differs').map(x => x.id).join(' '));
  }
})();
