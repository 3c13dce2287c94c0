import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';

import {
  createToken,
  dataDirText,
  freshReference,
  type TestReference,
} from './helpers';

let ref: TestReference;

beforeEach(async () => {
  ref = await freshReference();
});

afterEach(async () => {
  await ref.dispose();
});

async function createReaderKey(): Promise<string> {
  const res = await ref
    .admin(ref.agent.post('/api/admin/api-keys'))
    .send({ name: 'reader', role: 'reader' });
  assert.equal(res.status, 201);
  return res.body.secret as string;
}

describe('admin tokens', () => {
  it('create returns the secret once', async () => {
    const res = await ref
      .admin(ref.agent.post('/api/admin/ingest-tokens'))
      .send({ name: 'shipper', env: 'prod', indexes: ['app'] });
    assert.equal(res.status, 201);
    assert.match(res.body.secret, /^hlt_[A-Za-z0-9_-]{43}$/);
    assert.equal(res.body.last4, res.body.secret.slice(-4));
    assert.equal(res.body.enabled, true);
    assert.equal(res.body.errors, 0);
    assert.deepEqual(res.body.indexes, ['app']);
    assert.ok(!Number.isNaN(Date.parse(res.body.createdAt)));
  });

  it('list, get and patch never show the secret', async () => {
    const token = await createToken(ref, { env: 'prod' });
    const responses = [
      await ref.admin(ref.agent.get('/api/admin/ingest-tokens')),
      await ref.admin(ref.agent.get(`/api/admin/ingest-tokens/${token.id}`)),
      await ref
        .admin(ref.agent.patch(`/api/admin/ingest-tokens/${token.id}`))
        .send({ enabled: false }),
    ];
    for (const [position, res] of responses.entries()) {
      assert.equal(res.status, 200, `response ${position}`);
      assert.ok(!res.text.includes(token.secret), `response ${position}`);
      assert.ok(!('secret' in res.body), `response ${position}`);
    }
    const list = responses[0].body;
    assert.deepEqual(list.policy, {
      require: false,
      apiEnabled: true,
      shimsEnabled: true,
    });
    assert.equal(list.tokens[0].last4, token.secret.slice(-4));
    assert.equal(responses[2].body.enabled, false);
  });

  it('delete revokes at once', async () => {
    const token = await createToken(ref, { env: 'prod' });
    const del = await ref.admin(
      ref.agent.delete(`/api/admin/ingest-tokens/${token.id}`),
    );
    assert.equal(del.status, 204);
    const res = await ref.agent
      .post('/api/ingest')
      .set('Authorization', `Bearer ${token.secret}`)
      .send('{"a":1}');
    assert.equal(res.status, 401);
    const list = await ref.admin(ref.agent.get('/api/admin/ingest-tokens'));
    assert.equal(list.body.tokens.length, 0);
  });

  it('re-enable restores the same secret', async () => {
    const token = await createToken(ref, { env: 'prod' });
    const path = `/api/admin/ingest-tokens/${token.id}`;
    await ref.admin(ref.agent.patch(path)).send({ enabled: false });
    const off = await ref.agent
      .post('/api/ingest')
      .set('Authorization', `Splunk ${token.secret}`)
      .send('{"a":1}');
    assert.equal(off.status, 401);
    await ref.admin(ref.agent.patch(path)).send({ enabled: true });
    const on = await ref.agent
      .post('/api/ingest')
      .set('Authorization', `Splunk ${token.secret}`)
      .send('{"a":1}');
    assert.equal(on.status, 200);
  });

  const invalidBodies: Array<[string, unknown, RegExp]> = [
    ['missing name', { env: 'prod' }, /"name"/],
    ['bad env', { name: 'a', env: 'Prod!' }, /"env"/],
    [
      'bad index',
      { name: 'a', env: 'prod', indexes: ['ok', 'NO'] },
      /"indexes.1"/,
    ],
    ['unknown field', { name: 'a', env: 'prod', secret: 'x' }, /"secret"/],
    ['not an object', [1], /body/i],
  ];
  for (const [label, body, field] of invalidBodies) {
    it(`create rejects ${label}`, async () => {
      const res = await ref
        .admin(ref.agent.post('/api/admin/ingest-tokens'))
        .send(body as object);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'invalid_request');
      assert.match(res.body.error.message, field);
    });
  }

  it('patch rejects a non-boolean', async () => {
    const token = await createToken(ref, { env: 'prod' });
    const res = await ref
      .admin(ref.agent.patch(`/api/admin/ingest-tokens/${token.id}`))
      .send({ enabled: 'yes' });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /"enabled"/);
  });

  it('invalid JSON is 400', async () => {
    const res = await ref
      .admin(ref.agent.post('/api/admin/ingest-tokens'))
      .set('Content-Type', 'application/json')
      .send('{"name":');
    assert.equal(res.status, 400);
  });

  it('unknown ids are 404', async () => {
    const base = '/api/admin/ingest-tokens/nope';
    const get = await ref.admin(ref.agent.get(base));
    const patch = await ref
      .admin(ref.agent.patch(base))
      .send({ enabled: true });
    const del = await ref.admin(ref.agent.delete(base));
    const key = await ref.admin(ref.agent.delete('/api/admin/api-keys/nope'));
    for (const res of [get, patch, del, key]) {
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'not_found');
    }
  });
});

describe('admin client errors', () => {
  const badPaths = [
    ['delete', '/api/admin/ingest-tokens/%E0%A4%A'],
    ['get', '/api/admin/ingest-tokens/%E0%A4%A'],
    ['patch', '/api/admin/ingest-tokens/%E0%A4%A'],
    ['delete', '/api/admin/api-keys/%E0%A4%A'],
  ] as const;
  for (const [method, path] of badPaths) {
    it(`${method} bad percent-encoding is 400`, async () => {
      const res = await ref.admin(ref.agent[method](path)).send({});
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.error.code, 'invalid_request');
      assert.match(res.body.error.message, /percent-encoding/);
    });
  }

  it('unsupported charset is 415', async () => {
    const res = await ref
      .admin(ref.agent.post('/api/admin/ingest-tokens'))
      .set('Content-Type', 'application/json; charset=bogus')
      .send('{}');
    assert.equal(res.status, 415, res.text);
    assert.equal(res.body.error.code, 'unsupported_media_type');
  });

  it('unsupported content encoding is 415', async () => {
    const res = await ref
      .admin(ref.agent.post('/api/admin/ingest-tokens'))
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send('{}');
    assert.equal(res.status, 415, res.text);
    assert.equal(res.body.error.code, 'unsupported_media_type');
  });

  for (const [body, type] of [
    ['null', 'null'],
    ['[]', 'an array'],
    ['"x"', 'a string'],
  ]) {
    it(`JSON body ${body} names its type`, async () => {
      const res = await ref
        .admin(ref.agent.post('/api/admin/ingest-tokens'))
        .set('Content-Type', 'application/json')
        .send(body);
      assert.equal(res.status, 400);
      assert.equal(
        res.body.error.message,
        `The body must be a JSON object, got ${type}.`,
      );
    });
  }
});

describe('admin policy', () => {
  it('switches change independently', async () => {
    const first = await ref
      .admin(ref.agent.put('/api/admin/ingest-auth'))
      .send({ require: true });
    assert.deepEqual(first.body, {
      require: true,
      apiEnabled: true,
      shimsEnabled: true,
    });
    const second = await ref
      .admin(ref.agent.put('/api/admin/ingest-auth'))
      .send({ shimsEnabled: false });
    assert.deepEqual(second.body, {
      require: true,
      apiEnabled: true,
      shimsEnabled: false,
    });
  });

  it('rejects empty and non-boolean bodies', async () => {
    const put = () => ref.admin(ref.agent.put('/api/admin/ingest-auth'));
    const empty = await put().send({});
    assert.equal(empty.status, 400);
    const wrong = await put().send({ require: 'true' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.error.message, /"require"/);
  });
});

describe('admin authz', () => {
  const routes: Array<[string, string]> = [
    ['get', '/api/admin/ingest-tokens'],
    ['post', '/api/admin/ingest-tokens'],
    ['put', '/api/admin/ingest-auth'],
    ['get', '/api/admin/api-keys'],
  ];

  for (const [method, path] of routes) {
    it(`${method} ${path} rejects non-admins`, async () => {
      const token = await createToken(ref, { env: 'prod' });
      const reader = await createReaderKey();
      const send = (auth?: string) => {
        const agent = ref.agent as unknown as Record<
          string,
          (p: string) => import('supertest').Test
        >;
        const req = agent[method](path);
        return (auth ? req.set('Authorization', auth) : req).send({
          name: 'x',
          env: 'prod',
          require: true,
        });
      };

      const none = await send();
      assert.equal(none.status, 401);
      assert.match(none.headers['www-authenticate'], /^Bearer/);
      assert.equal((await send(`Bearer ${token.secret}`)).status, 401);
      assert.equal((await send('Bearer hlk_unknown')).status, 401);
      assert.equal(
        (
          await send(
            `Basic ${Buffer.from(`${ref.adminKey}:`).toString('base64')}`,
          )
        ).status,
        401,
      );
      assert.equal((await send(`Bearer ${reader}`)).status, 403);

      const list = await ref.admin(ref.agent.get('/api/admin/ingest-tokens'));
      assert.equal(list.body.tokens.length, 1);
      assert.equal(list.body.policy.require, false);
    });
  }

  it('search accepts reader, rejects token', async () => {
    const token = await createToken(ref, { env: 'prod' });
    const reader = await createReaderKey();
    const ok = await ref.agent
      .get('/api/search?env=prod')
      .set('Authorization', `Bearer ${reader}`);
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, { events: [] });
    const rejected = await ref.agent
      .get('/api/search?env=prod')
      .set('Authorization', `Bearer ${token.secret}`);
    assert.equal(rejected.status, 401);
  });

  it('search validates its parameters', async () => {
    for (const query of ['', '?env=BAD', '?env=a&limit=0', '?env=a&env=b']) {
      const res = await ref.admin(ref.agent.get(`/api/search${query}`));
      assert.equal(res.status, 400, query);
    }
  });
});

describe('api keys', () => {
  it('list masks, delete removes', async () => {
    const created = await ref
      .admin(ref.agent.post('/api/admin/api-keys'))
      .send({ name: 'ci', role: 'reader' });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^hlk_/);

    const list = await ref.admin(ref.agent.get('/api/admin/api-keys'));
    assert.equal(list.body.keys.length, 2);
    assert.ok(!list.text.includes(created.body.secret));
    assert.ok(!list.text.includes(ref.adminKey));

    const del = await ref.admin(
      ref.agent.delete(`/api/admin/api-keys/${created.body.id}`),
    );
    assert.equal(del.status, 204);
    const search = await ref.agent
      .get('/api/search?env=a')
      .set('Authorization', `Bearer ${created.body.secret}`);
    assert.equal(search.status, 401);
  });

  it('last admin key cannot be deleted', async () => {
    const list = await ref.admin(ref.agent.get('/api/admin/api-keys'));
    const [only] = list.body.keys;
    const path = `/api/admin/api-keys/${only.id}`;

    const refused = await ref.admin(ref.agent.delete(path));
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'conflict');
    assert.match(refused.body.error.message, /create another admin key/);
    const after = await ref.admin(ref.agent.get('/api/admin/api-keys'));
    assert.equal(after.status, 200);
    assert.equal(after.body.keys.length, 1);
  });

  it('admin key deletes once another exists', async () => {
    const list = await ref.admin(ref.agent.get('/api/admin/api-keys'));
    const bootstrapId = list.body.keys[0].id as string;
    const created = await ref
      .admin(ref.agent.post('/api/admin/api-keys'))
      .send({ name: 'second', role: 'admin' });
    assert.equal(created.status, 201);
    const second = `Bearer ${created.body.secret}`;

    const del = await ref.agent
      .delete(`/api/admin/api-keys/${bootstrapId}`)
      .set('Authorization', second);
    assert.equal(del.status, 204);
    const last = await ref.agent
      .delete(`/api/admin/api-keys/${created.body.id}`)
      .set('Authorization', second);
    assert.equal(last.status, 409);
  });

  it('concurrent deletes keep one admin', async () => {
    const created = await ref
      .admin(ref.agent.post('/api/admin/api-keys'))
      .send({ name: 'second', role: 'admin' });
    const list = await ref.admin(ref.agent.get('/api/admin/api-keys'));
    const ids = (list.body.keys as Array<{ id: string }>).map((k) => k.id);
    assert.equal(ids.length, 2);

    const statuses = await Promise.all(
      ids.map(async (id) => {
        const res = await ref.agent
          .delete(`/api/admin/api-keys/${id}`)
          .set('Authorization', `Bearer ${created.body.secret}`);
        return res.status;
      }),
    );
    assert.deepEqual([...statuses].sort(), [204, 409]);
  });

  it('create validates the role', async () => {
    const res = await ref
      .admin(ref.agent.post('/api/admin/api-keys'))
      .send({ name: 'x', role: 'root' });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /"role"/);
  });
});

describe('secrets at rest and in logs', () => {
  it('data files and logs hold no secret', async () => {
    const token = await createToken(ref, { env: 'prod' });
    const wrong = `${token.secret.slice(0, -1)}X`;
    await ref.agent
      .post(`/api/ingest?token=${token.secret}`)
      .set('Authorization', `Bearer ${token.secret}`)
      .send('{"a":1}');
    await ref.agent
      .post('/services/collector/raw')
      .set('Authorization', `Splunk ${wrong}`)
      .send('x');
    await ref.agent
      .post('/api/ingest')
      .auth('user', token.secret)
      .send('{"b":1}');

    const files = await dataDirText(ref.dataDir);
    const logs = ref.logs.join('');
    for (const secret of [token.secret, wrong, ref.adminKey]) {
      assert.ok(!files.includes(secret), 'secret in data files');
      assert.ok(!logs.includes(secret), 'secret in logs');
    }
    assert.ok(!logs.includes('?token='), 'query string in logs');
    assert.match(logs, /"tokenId":"[0-9a-f-]{36}"/);
    assert.match(logs, /"status":401/);
  });
});

describe('request log', () => {
  it('names the reason of a rejection', async () => {
    const token = await createToken(ref, { env: 'prod' });
    await ref
      .admin(ref.agent.patch(`/api/admin/ingest-tokens/${token.id}`))
      .send({ enabled: false });

    await ref.agent
      .post('/api/ingest')
      .set('Authorization', `Bearer ${token.secret}`)
      .send('{"a":1}');

    const lines = ref.logs
      .join('')
      .split('\n')
      .filter((line) => line.includes('"path":"/api/ingest"'))
      .map((line) => JSON.parse(line));
    const rejected = lines.find((line) => line.status === 401);
    assert.ok(rejected, 'no log line for the rejected request');
    assert.equal(rejected.error, 'unauthorized');
    assert.equal(rejected.authFailure, 'token_disabled');
  });
});
