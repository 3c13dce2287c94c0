import { startReference } from '../../reference/listen';
import { runConformance } from '../../src/run';
(async () => {
  const ref = await startReference({});
  const t0 = Date.now();
  const r = await runConformance({ targetUrl: ref.url, adminKey: ref.adminKey, mode: 'normative', reportDir: null, quiet: true, parallel: Number(process.argv[2] ?? 1) });
  console.log('ms', Date.now() - t0, r.exitCode, r.scenarios, 'failed', r.failedRuleIds, 'untested', r.untestedRuleIds);
  console.log(r.rules.filter(x=>x.verdict!=='pass').map(x=>x.id+':'+x.verdict).join(' '));
  await ref.close();
})();
