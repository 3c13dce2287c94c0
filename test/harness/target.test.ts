import assert from 'node:assert/strict';
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';

import { Target } from '../../steps/support/target';

let server: Server;
let target: Target;
const hanging = new Set<import('node:http').ServerResponse>();

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') {
      hanging.add(res);
      return;
    }
    const lines = req.rawHeaders.filter((_, i) => i % 2 === 0);
    const authorizations = lines.filter(
      (n) => n.toLowerCase() === 'authorization',
    );
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({ authorizations: authorizations.length, url: req.url }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  target = await Target.start({
    targetUrl: `http://127.0.0.1:${port}`,
    adminKey: 'unused',
    mode: 'normative',
    without: [],
    runPrefix: 'hctest01',
  });
});

after(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('target reports a timeout without throwing', async () => {
  const outcome = await target.send({
    method: 'GET',
    path: '/hang',
    timeoutMs: 200,
  });

  assert.equal(outcome.result, undefined);
  assert.match(outcome.exchange.failure ?? '', /timed out after 200 ms/);
});

test('target sends repeated header lines', async () => {
  const outcome = await target.send({
    method: 'POST',
    path: '/x',
    headers: [
      { name: 'Authorization', value: 'Bearer a' },
      { name: 'Authorization', value: 'Bearer b' },
    ],
    body: 'x',
  });

  assert.deepEqual(outcome.result?.json, { authorizations: 2, url: '/x' });
});

test('target keeps repeated query parameters', async () => {
  const outcome = await target.send({
    method: 'GET',
    path: '/q',
    query: [
      ['env', 'a'],
      ['env', 'b'],
    ],
  });

  assert.equal((outcome.result?.json as { url: string }).url, '/q?env=a&env=b');
});

test('target detects socket reuse', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const first = await target.send({ method: 'GET', path: '/1', agent });
  const second = await target.send({ method: 'GET', path: '/2', agent });
  agent.destroy();

  assert.equal(first.result?.reusedSocket, false);
  assert.equal(second.result?.reusedSocket, true);
  assert.equal(second.result?.localPort, first.result?.localPort);
});
