// @elastic/elasticsearch against the bulk shim of the reference server, with
// the token as the Basic password and again as the Basic username.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { startReference } from '../../reference/listen';
import { describeShipper } from './scenarios';
import {
  createElasticsearchClient,
  elasticsearchClient,
} from './clients/elasticsearch';

describeShipper(
  'elasticsearch client, token as Basic password',
  elasticsearchClient('password'),
);

describeShipper(
  'elasticsearch client, token as Basic username',
  elasticsearchClient('username'),
);

// `info()` requests `GET /` without a credential. The client rejects a 2xx
// response that lacks `X-Elastic-Product: Elasticsearch`, and an 8.x client
// expects an 8.x version number.
test('elasticsearch info reports version 8', async () => {
  const reference = await startReference({});
  const url = reference.url;
  const client = createElasticsearchClient(url, undefined, 'password');

  try {
    const info = await client.info();
    assert.match(info.version.number, /^8\.\d+\.\d+/);
  } finally {
    await client.close();
    await reference.close();
  }
});
