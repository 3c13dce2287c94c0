import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';

import { splitJsonValues } from '../../reference/endpoints/json-sequence';
import { ENDPOINT_CASES } from './catalogue';
import {
  createToken,
  freshReference,
  search,
  setPolicy,
  setRepeated,
  type TestReference,
} from './helpers';

let ref: TestReference;

beforeEach(async () => {
  ref = await freshReference();
});

afterEach(async () => {
  await ref.dispose();
});

describe('ingest endpoints', () => {
  for (const endpoint of ENDPOINT_CASES) {
    it(`${endpoint.id}: open path stores the fixture`, async () => {
      const res = await endpoint.sendFixture(ref.agent, 'app');
      assert.equal(res.status, endpoint.successStatus, res.text);

      const events = await search(ref, 'default', 'app');
      assert.equal(events.length, endpoint.fixtureEvents);
      assert.ok(events.every((event) => event.tokenId === null));
    });

    it(`${endpoint.id}: Bearer token stores in its env`, async () => {
      const token = await createToken(ref, { env: 'prod' });
      const res = await endpoint.sendFixture(
        ref.agent,
        'app',
        `Bearer ${token.secret}`,
      );
      assert.equal(res.status, endpoint.successStatus, res.text);
      assert.equal(res.headers['x-helios-env'], 'prod');

      const events = await search(ref, 'prod', 'app');
      assert.equal(events.length, endpoint.fixtureEvents);
      assert.ok(events.every((event) => event.tokenId === token.id));
    });

    it(`${endpoint.id}: unknown Splunk token is 401`, async () => {
      const res = await endpoint.sendFixture(
        ref.agent,
        'app',
        'Splunk hlt_unknown',
      );
      assert.equal(res.status, 401);
      assert.match(res.headers['www-authenticate'], /Bearer/);
      assert.equal((await search(ref, 'default')).length, 0);
    });

    it(`${endpoint.id}: disallowed index rejects whole batch`, async () => {
      const token = await createToken(ref, { env: 'prod', indexes: ['app'] });
      const auth = `Bearer ${token.secret}`;
      const res = await endpoint.sendMixed(
        ref.agent,
        'app',
        'secret-idx',
        auth,
      );
      assert.equal(res.status, 403, res.text);
      assert.equal(res.headers['x-helios-error'], 'index_not_allowed');
      // HEC bodies carry a fixed text and the event number instead.
      const isHec = endpoint.id.startsWith('hec');
      assert.match(res.text, isHec ? /Incorrect index/ : /secret-idx/);

      assert.equal((await search(ref, 'prod')).length, 0);
      const listed = await ref.admin(
        ref.agent.get(`/api/admin/ingest-tokens/${token.id}`),
      );
      assert.equal(listed.body.errors, 1);
    });

    it(`${endpoint.id}: disabled shims class is 403 first`, async () => {
      const off: Record<string, boolean> =
        endpoint.id === 'api' ? { apiEnabled: false } : { shimsEnabled: false };
      await setPolicy(ref, off);
      const res = await endpoint.sendFixture(
        ref.agent,
        'app',
        'Bearer hlt_unknown',
      );
      assert.equal(res.status, 403);
      assert.equal(res.headers['x-helios-error'], 'endpoint_disabled');
      assert.equal((await search(ref, 'default')).length, 0);
    });

    it(`${endpoint.id}: require-auth without token is 401`, async () => {
      await setPolicy(ref, { require: true });
      const res = await endpoint.sendFixture(ref.agent, 'app');
      assert.equal(res.status, 401);
      assert.ok(res.headers['www-authenticate']);
      assert.equal((await search(ref, 'default')).length, 0);
    });

    it(`${endpoint.id}: invalid index name is 400`, async () => {
      const res = await endpoint.sendMixed(
        ref.agent,
        'app',
        'Bad_Index',
        undefined,
      );
      assert.equal(res.status, 400, res.text);
      assert.equal((await search(ref, 'default')).length, 0);
    });
  }
});

describe('ingest API details', () => {
  it('message names the event number', async () => {
    const token = await createToken(ref, { env: 'prod', indexes: ['app'] });
    const res = await ref.agent
      .post('/services/collector')
      .set('Authorization', `Splunk ${token.secret}`)
      .send('{"event":1,"index":"app"}{"event":2,"index":"other"}');
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, {
      text: 'Incorrect index',
      code: 7,
      'invalid-event-number': 2,
    });
  });

  it('api rejection message names index and event', async () => {
    const token = await createToken(ref, { env: 'prod', indexes: ['app'] });
    const res = await ref.agent
      .post('/api/ingest?index=other')
      .set('Authorization', `Bearer ${token.secret}`)
      .send('{"a":1}\n');
    assert.equal(res.body.error.code, 'index_not_allowed');
    assert.match(res.body.error.message, /"other"/);
    assert.match(res.body.error.message, /event 1/);
  });

  it('invalid line 3 stores nothing', async () => {
    const res = await ref.agent
      .post('/api/ingest')
      .send('{"a":1}\n{"b":2}\nnot json\n{"d":4}\n');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_request');
    assert.match(res.body.error.message, /Line 3/);
    assert.equal((await search(ref, 'default')).length, 0);
  });

  it('empty body is 400 no events', async () => {
    const res = await ref.agent.post('/api/ingest').send('\n\n');
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /No events/);
  });

  it('bulk invalid source line names the item', async () => {
    const res = await ref.agent
      .post('/_bulk')
      .send('{"index":{}}\n{"a":1}\n{"index":{}}\n[1]\n');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.type, 'parse_exception');
    assert.match(res.body.error.reason, /Item 2/);
    assert.equal((await search(ref, 'default')).length, 0);
  });

  it('hec invalid envelope names the event', async () => {
    const res = await ref.agent
      .post('/services/collector/event')
      .send('{"event":1}{"noevent":2}');
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 6);
    assert.equal(res.body['invalid-event-number'], 2);
    assert.equal((await search(ref, 'default')).length, 0);
  });

  it('body over the limit is 413', async () => {
    const small = await freshReference({ bodyLimitBytes: 1024 });
    try {
      const body = `${JSON.stringify({ pad: 'x'.repeat(2000) })}\n`;
      const res = await small.agent.post('/api/ingest').send(body);
      assert.equal(res.status, 413);
      assert.equal(res.body.error.code, 'payload_too_large');
      const hec = await small.agent.post('/services/collector/raw').send(body);
      assert.equal(hec.status, 413);
      assert.equal((await search(small, 'default')).length, 0);
    } finally {
      await small.dispose();
    }
  });

  it('protobuf is 415 on otlp and loki', async () => {
    for (const url of ['/v1/logs', '/loki/api/v1/push']) {
      const res = await ref.agent
        .post(url)
        .set('Content-Type', 'application/x-protobuf')
        .send('\x0a\x00');
      assert.equal(res.status, 415, url);
    }
  });

  it('search returns the sent event shapes', async () => {
    await ref.agent
      .post('/services/collector/raw?index=raw')
      .send('line one\n');
    await ref.agent
      .post('/loki/api/v1/push')
      .set('Content-Type', 'application/json')
      .send({
        streams: [{ stream: { index: 'lk', a: 'b' }, values: [['5', 'l']] }],
      });

    const raw = await search(ref, 'default', 'raw');
    assert.deepEqual(raw[0].event, { message: 'line one' });
    assert.equal(raw[0].source, 'hec');
    const loki = await search(ref, 'default', 'lk');
    assert.deepEqual(loki[0].event, {
      line: 'l',
      labels: { index: 'lk', a: 'b' },
      ts: '5',
    });
  });
});

describe('shim info routes', () => {
  it('GET / carries X-Elastic-Product', async () => {
    const res = await ref.agent.get('/');
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-elastic-product'], 'Elasticsearch');
    assert.match(res.body.version.number, /^8\./);
  });

  it('cluster health and bulk success carry it', async () => {
    const health = await ref.agent.get('/_cluster/health');
    assert.equal(health.body.status, 'green');
    assert.equal(health.headers['x-elastic-product'], 'Elasticsearch');
    const bulk = await ref.agent.post('/_bulk').send('{"index":{}}\n{"a":1}\n');
    assert.equal(bulk.headers['x-elastic-product'], 'Elasticsearch');
  });

  it('HEC health needs no credential', async () => {
    await setPolicy(ref, { require: true });
    for (const url of [
      '/services/collector/health',
      '/services/collector/health/1.0',
    ]) {
      const res = await ref.agent.get(url);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { text: 'HEC is healthy', code: 17 });
    }
  });
});

describe('credentials and envs', () => {
  it('open path env: query, header, default', async () => {
    const both = await ref.agent
      .post('/api/ingest?env=from-query')
      .set('X-Helios-Env', 'from-header')
      .send('{"a":1}');
    assert.equal(both.body.env, 'from-query');
    const header = await ref.agent
      .post('/api/ingest')
      .set('X-Helios-Env', 'from-header')
      .send('{"a":1}');
    assert.equal(header.body.env, 'from-header');
    const none = await ref.agent.post('/api/ingest').send('{"a":1}');
    assert.equal(none.body.env, 'default');
  });

  it('open path: several envs are 400', async () => {
    const cases = [
      ref.agent.post('/api/ingest?env=a&env=b'),
      ref.agent.post('/api/ingest').set('X-Helios-Env', 'a,b'),
      setRepeated(ref.agent.post('/api/ingest'), 'X-Helios-Env', ['a', 'b']),
      ref.agent.post('/api/ingest?env=Bad!'),
    ];
    for (const req of cases) {
      const res = await req.send('{"a":1}');
      assert.equal(res.status, 400, res.text);
    }
    for (const env of ['a', 'b', 'default']) {
      assert.equal((await search(ref, env)).length, 0);
    }
  });

  it('token write naming another env lands in its env', async () => {
    const token = await createToken(ref, { env: 'prod' });
    const res = await ref.agent
      .post('/api/ingest?env=other&env=third')
      .set('X-Helios-Env', 'other')
      .set('Authorization', `Bearer ${token.secret}`)
      .send('{"a":1}');
    assert.equal(res.status, 200);
    assert.equal(res.body.env, 'prod');
    assert.equal((await search(ref, 'other')).length, 0);
    assert.equal((await search(ref, 'prod')).length, 1);
  });

  it('two Authorization headers are 400', async () => {
    const token = await createToken(ref, { env: 'prod' });
    const auth = `Bearer ${token.secret}`;
    const req = ref.agent.post('/api/ingest');
    const res = await setRepeated(req, 'Authorization', [auth, auth]).send(
      '{"a":1}',
    );
    assert.equal(res.status, 400);
    assert.equal((await search(ref, 'prod')).length, 0);
  });

  it('query token is not a credential', async () => {
    const token = await createToken(ref, { env: 'prod' });
    await setPolicy(ref, { require: true });
    const res = await ref.agent
      .post(`/api/ingest?token=${token.secret}`)
      .send('{"a":1}');
    assert.equal(res.status, 401);
  });

  it('basic username token writes to its env', async () => {
    const token = await createToken(ref, { env: 'prod' });
    await setPolicy(ref, { require: true });
    const res = await ref.agent
      .post('/api/ingest')
      .auth(token.secret, '')
      .send('{"a":1}');
    assert.equal(res.status, 200);
    assert.equal(res.body.env, 'prod');
  });

  it('disabled token in basic is 401 on open path', async () => {
    const token = await createToken(ref, { env: 'prod' });
    await ref
      .admin(ref.agent.patch(`/api/admin/ingest-tokens/${token.id}`))
      .send({ enabled: false });
    const res = await ref.agent
      .post('/api/ingest')
      .auth('x', token.secret)
      .send('{"a":1}');
    assert.equal(res.status, 401);
    const unknown = await ref.agent
      .post('/api/ingest')
      .auth('x', 'nothing')
      .send('{"a":1}');
    assert.equal(unknown.status, 200);
  });

  it('api key is not an ingest token', async () => {
    const res = await ref.agent
      .post('/api/ingest')
      .set('Authorization', `Bearer ${ref.adminKey}`)
      .send('{"a":1}');
    assert.equal(res.status, 401);
  });

  it('unusual headers never give 5xx', async () => {
    const values = [
      'Bearer',
      'Basic',
      'Basic ====',
      'Bearer a b c',
      ' ',
      'x'.repeat(4000),
      'Basic /w==',
      'Negotiate abc',
    ];
    for (const value of values) {
      const res = await ref.agent
        .post('/api/ingest')
        .set('Authorization', value)
        .send('{"a":1}');
      assert.ok(
        [200, 400, 401, 403].includes(res.status),
        `${value}: ${res.status}`,
      );
    }
  });
});

describe('ingest client errors', () => {
  it('bulk path with bad percent-encoding is 400', async () => {
    const res = await ref.agent
      .post('/%E0%A4%A/_bulk')
      .send('{"index":{}}\n{"a":1}\n');
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.error.type, 'parse_exception');
    assert.match(res.body.error.reason, /percent-encoding/);
    assert.equal(res.headers['x-helios-error'], 'invalid_request');
  });

  it('unsupported content encoding is 415', async () => {
    const res = await ref.agent
      .post('/api/ingest')
      .set('Content-Encoding', 'compress')
      .send('{"a":1}');
    assert.equal(res.status, 415, res.text);
    assert.equal(res.body.error.code, 'unsupported_media_type');
  });

  const nonObjects: Array<[string, string]> = [
    ['null', 'null'],
    ['1', 'a number'],
    ['"x"', 'a string'],
    ['[1]', 'an array'],
    ['true', 'a boolean'],
  ];
  for (const [body, type] of nonObjects) {
    it(`JSON ${body} names the expected object`, async () => {
      const send = (url: string) =>
        ref.agent.post(url).set('Content-Type', 'application/json').send(body);
      const expected = `must be a JSON object, got ${type}.`;

      const api = await send('/api/ingest');
      assert.equal(api.status, 400);
      assert.equal(api.body.error.message, `Line 1 ${expected}`);
      const bulk = await send('/_bulk');
      assert.equal(bulk.status, 400);
      assert.equal(
        bulk.body.error.reason,
        `Item 1: the action line ${expected}`,
      );
      const otlp = await send('/v1/logs');
      assert.equal(otlp.status, 400);
      assert.equal(otlp.body.message, `The body ${expected}`);
      const loki = await send('/loki/api/v1/push');
      assert.equal(loki.status, 400);
      assert.equal(loki.text, `The body ${expected}\n`);
      const hec = await send('/services/collector/event');
      assert.equal(hec.status, 400);
      assert.equal(hec.body['invalid-event-number'], 1);
    });
  }

  it('hec splitter names the non-object', () => {
    assert.equal(
      splitJsonValues('{"event":1} null').error,
      'expected a JSON object, got null.',
    );
    assert.equal(splitJsonValues('nope').error, 'expected a JSON object.');
  });

  it('invalid JSON is named as such', async () => {
    const api = await ref.agent.post('/api/ingest').send('{"a":1}\n{oops\n');
    assert.equal(api.body.error.message, 'Line 2 is not valid JSON.');
    const bulk = await ref.agent
      .post('/_bulk')
      .send('{"index":{}}\n{"a":1}\n{"index":{}}\nnull\n');
    assert.equal(
      bulk.body.error.reason,
      'Item 2: the source line must be a JSON object, got null.',
    );
  });
});
