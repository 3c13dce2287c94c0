import { startReference } from '../reference/listen';
import { HTTP_PROPERTIES } from '../steps/support/fuzz/properties';
import { checkHttpProperty, formatFailure } from '../steps/support/fuzz/runner';
import { createFixture, setRequireAuth } from './fuzz-setup';

async function main() {
  const ref = await startReference();
  try {
    const fixture = await createFixture(ref.url, ref.adminKey, 'smoke');
    for (const property of HTTP_PROPERTIES) {
      await setRequireAuth(ref.url, ref.adminKey, property.id === 'require-auth');
      const started = performance.now();
      const outcome = await checkHttpProperty(property, fixture, { seed: Number(process.argv[2] ?? 1), numRuns: 100, timeLimitMs: 60000 });
      console.log(property.id, outcome.passed, outcome.numRuns, Math.round(performance.now() - started), 'ms');
      if (!outcome.passed) console.log(formatFailure(property, fixture, outcome, (s, p) => `--seed ${s} HELIOS_FUZZ_PATH=${property.id}:${p}`));
    }
    fixture.client.close();
  } finally { await ref.close(); }
}
main();
