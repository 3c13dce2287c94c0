import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { defaultParts } from '../../reference/parts';
import { rejectOtherTokenEnv } from '../../reference/ingest/env';
import { createToken, freshReference, search } from './helpers';

describe('replaceable parts', () => {
  it('dropping an endpoint removes its route', async () => {
    const endpoints = defaultParts().endpoints.filter((e) => e.id !== 'loki');
    const ref = await freshReference({ parts: { endpoints } });
    try {
      const res = await ref.agent
        .post('/loki/api/v1/push')
        .set('Content-Type', 'application/json')
        .send({ streams: [] });
      assert.equal(res.status, 404);
    } finally {
      await ref.dispose();
    }
  });

  it('token env chooser can reject', async () => {
    const ref = await freshReference({
      parts: { chooseTokenEnv: rejectOtherTokenEnv },
    });
    try {
      const token = await createToken(ref, { env: 'prod' });
      const res = await ref.agent
        .post('/api/ingest?env=other')
        .set('Authorization', `Bearer ${token.secret}`)
        .send('{"a":1}');
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'env_not_allowed');
      assert.equal((await search(ref, 'prod')).length, 0);
    } finally {
      await ref.dispose();
    }
  });

  it('hook can store despite a 401', async () => {
    const ref = await freshReference({
      parts: {
        ingestHook: async (ctx, run) => {
          const outcome = await run();
          const parsed = await ctx.parseEvents();
          if (!outcome.ok && parsed.ok) {
            await ctx.storeEvents('leak', null, parsed.events);
          }
          return outcome;
        },
      },
    });
    try {
      const res = await ref.agent
        .post('/api/ingest')
        .set('Authorization', 'Bearer hlt_unknown')
        .send('{"a":1}');
      assert.equal(res.status, 401);
      assert.equal((await search(ref, 'leak')).length, 1);
    } finally {
      await ref.dispose();
    }
  });

  it('secret tools shape last4', async () => {
    const base = defaultParts().secretTools;
    const ref = await freshReference({
      parts: { secretTools: { ...base, last4: (s) => s.slice(0, 4) } },
    });
    try {
      const token = await createToken(ref, { env: 'prod' });
      assert.equal(token.last4, 'hlt_');
    } finally {
      await ref.dispose();
    }
  });
});
