import { strict as assert } from 'node:assert';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';

import { createReferenceApp } from '../../reference/app';
import { startReference } from '../../reference/listen';
import { CONFIG_FILE_NAME, openConfigDb } from '../../reference/store/config';
import { EVENTS_FILE_NAME } from '../../reference/store/events';
import {
  createToken,
  freshReference,
  makeDataDir,
  search,
  setPolicy,
} from './helpers';

describe('restart persistence', () => {
  it('tokens, policy, events survive restart', async () => {
    const dataDir = await makeDataDir();
    const adminKey = 'hlk_unit-admin-key-0123456789';
    const first = await freshReference({ dataDir, adminKey });
    const token = await createToken(first, { env: 'prod' });
    await setPolicy(first, { require: true });
    await first.agent
      .post('/api/ingest?index=app')
      .set('Authorization', `Bearer ${token.secret}`)
      .send('{"n":1}\n{"n":2}\n');
    await first.close();

    const second = await freshReference({ dataDir, adminKey });
    try {
      const res = await second.agent
        .post('/api/ingest?index=app')
        .set('Authorization', `Bearer ${token.secret}`)
        .send('{"n":3}\n');
      assert.equal(res.status, 200);
      assert.equal((await search(second, 'prod', 'app')).length, 3);
      const list = await second.admin(
        second.agent.get('/api/admin/ingest-tokens'),
      );
      assert.equal(list.body.policy.require, true);
      const keys = await second.admin(second.agent.get('/api/admin/api-keys'));
      assert.equal(keys.body.keys.length, 1);
    } finally {
      await second.dispose();
    }
  });

  it('admin key is created only once', async () => {
    const dataDir = await makeDataDir();
    const first = await createReferenceApp({ dataDir });
    assert.equal(first.adminKeyCreated, true);
    assert.match(first.adminKey, /^hlk_/);
    await first.close();

    const second = await createReferenceApp({ dataDir });
    assert.equal(second.adminKeyCreated, false);
    assert.equal(second.adminKey, '');
    await second.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('parallel creations all persist', async () => {
    const dataDir = await makeDataDir();
    const ref = await freshReference({ dataDir });
    const count = 25;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        createToken(ref, { name: `t${i}`, env: 'prod' }),
      ),
    );
    await ref.close();

    const config = JSON.parse(
      await readFile(path.join(dataDir, CONFIG_FILE_NAME), 'utf8'),
    );
    assert.equal(config.tokens.length, count);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('parallel batches are each whole', async () => {
    const ref = await freshReference();
    try {
      const batches = Array.from({ length: 10 }, (_, i) =>
        ref.agent
          .post(`/api/ingest?index=b${i}`)
          .send('{"a":1}\n{"a":2}\n{"a":3}\n'),
      );
      await Promise.all(batches);
      const stored = await readFile(
        path.join(ref.dataDir, EVENTS_FILE_NAME),
        'utf8',
      );
      const lines = stored
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.equal(lines.length, 30);
      for (let i = 0; i < 30; i += 3) {
        const indexes = new Set(lines.slice(i, i + 3).map((e) => e.index));
        assert.equal(indexes.size, 1, 'batches interleaved');
      }
    } finally {
      await ref.dispose();
    }
  });
});

describe('corrupt data files', () => {
  it('corrupt config fails and is kept', async () => {
    const dataDir = await makeDataDir();
    const file = path.join(dataDir, CONFIG_FILE_NAME);
    await writeFile(file, '{"policy": {');
    await assert.rejects(createReferenceApp({ dataDir }), (error: Error) =>
      error.message.includes(file),
    );
    assert.equal(await readFile(file, 'utf8'), '{"policy": {');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('config with a wrong shape fails', async () => {
    const dataDir = await makeDataDir();
    const file = path.join(dataDir, CONFIG_FILE_NAME);
    await writeFile(
      file,
      '{"policy":{"require":"yes"},"tokens":[],"apiKeys":[]}',
    );
    await assert.rejects(createReferenceApp({ dataDir }), /policy\.require/);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('corrupt events line fails naming it', async () => {
    const dataDir = await makeDataDir();
    const file = path.join(dataDir, EVENTS_FILE_NAME);
    const good = JSON.stringify({
      env: 'a',
      index: 'b',
      source: 'api',
      tokenId: null,
      receivedAt: new Date().toISOString(),
      event: {},
    });
    await writeFile(file, `${good}\n{oops\n`);
    await assert.rejects(
      createReferenceApp({ dataDir }),
      (error: Error) =>
        error.message.includes(file) && error.message.includes('line 2'),
    );
    assert.equal(await readFile(file, 'utf8'), `${good}\n{oops\n`);
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('events file tail', () => {
  const storedLine = (n: number) =>
    JSON.stringify({
      env: 'a',
      index: 'b',
      source: 'api',
      tokenId: null,
      receivedAt: new Date().toISOString(),
      event: { n },
    });

  it('torn last line is dropped with a warning', async () => {
    const dataDir = await makeDataDir();
    const file = path.join(dataDir, EVENTS_FILE_NAME);
    const complete = `${storedLine(1)}\n${storedLine(2)}\n`;
    const torn = '{"env":"a","index":"b","sou';
    await writeFile(file, complete + torn);

    const adminKey = 'hlk_unit-admin-key-0123456789';
    const ref = await freshReference({ dataDir, adminKey });
    try {
      assert.equal(await readFile(file, 'utf8'), complete);
      assert.equal((await search(ref, 'a')).length, 2);
      const warning = ref.logs.map((line) => JSON.parse(line)).find(
        (entry) => entry.level === 40 && entry.file === file,
      );
      assert.ok(warning, ref.logs.join(''));
      assert.equal(warning.droppedBytes, Buffer.byteLength(torn));

      const res = await ref.agent.post('/api/ingest?env=a').send('{"n":3}');
      assert.equal(res.status, 200);
    } finally {
      await ref.close();
    }
    const reopened = await freshReference({ dataDir, adminKey });
    assert.equal((await search(reopened, 'a')).length, 3);
    await reopened.dispose();
  });

  it('complete last line gets its newline', async () => {
    const dataDir = await makeDataDir();
    const file = path.join(dataDir, EVENTS_FILE_NAME);
    await writeFile(file, storedLine(1));

    const ref = await freshReference({ dataDir });
    await ref.agent.post('/api/ingest?env=a&index=b').send('{"n":2}');
    assert.equal((await search(ref, 'a')).length, 2);
    await ref.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    assert.equal(lines.length, 3);
    assert.equal(lines[2], '');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('corrupt line before a torn tail keeps the file', async () => {
    const dataDir = await makeDataDir();
    const file = path.join(dataDir, EVENTS_FILE_NAME);
    const text = `${storedLine(1)}\n{oops\n{"env":`;
    await writeFile(file, text);

    await assert.rejects(
      createReferenceApp({ dataDir }),
      (error: Error) =>
        error.message.includes(file) && error.message.includes('line 2'),
    );
    assert.equal(await readFile(file, 'utf8'), text);
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('startReference', () => {
  it('binds to localhost and cleans its dir', async () => {
    const running = await startReference({});
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${running.url}/services/collector/health`);
    assert.equal(res.status, 200);
    await running.close();
    await assert.rejects(
      readFile(path.join(running.dataDir, CONFIG_FILE_NAME)),
    );
  });

  it('keeps a data dir it did not create', async () => {
    const dataDir = await makeDataDir();
    const running = await startReference({ dataDir, adminKey: 'hlk_given' });
    assert.equal(running.adminKey, 'hlk_given');
    await running.close();
    await readFile(path.join(dataDir, CONFIG_FILE_NAME));
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('config updates', () => {
  it('failed write keeps the data unchanged', async () => {
    const dataDir = await makeDataDir();
    const db = await openConfigDb(dataDir);
    // lowdb writes through `.config.json.tmp`; a directory there makes the
    // write fail.
    const tempPath = path.join(dataDir, `.${CONFIG_FILE_NAME}.tmp`);
    await mkdir(tempPath);

    const change = db.update((data) => {
      data.policy.require = true;
    });

    await assert.rejects(change);
    assert.equal(db.data().policy.require, false);
    const onDisk = JSON.parse(
      await readFile(path.join(dataDir, CONFIG_FILE_NAME), 'utf8'),
    );
    assert.equal(onDisk.policy.require, false);
    await rm(dataDir, { recursive: true, force: true });
  });
});
