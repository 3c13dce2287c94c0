import { startReference } from '../../reference/listen';
import { runConformance } from '../../src/run';
import { CONFORMANT_VARIANT } from './conformant';
(async () => {
  const server = await startReference({ parts: CONFORMANT_VARIANT.parts() });
  const r = await runConformance({ targetUrl: server.url, adminKey: server.adminKey, mode: 'normative', without: ['loki'], parallel: 0, reportDir: null, tags: process.argv[2] });
  await server.close();
})();
