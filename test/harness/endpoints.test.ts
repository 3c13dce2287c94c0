import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ENDPOINT_IDS, ENDPOINTS } from '../../steps/support/endpoints';

const MARKER = 'hcabc123xyz_1';

test('every endpoint builds a body carrying the marker', () => {
  for (const id of ENDPOINT_IDS) {
    const built = ENDPOINTS[id].build({
      count: 3,
      marker: MARKER,
      index: 'app',
    });
    const occurrences = built.body.split(MARKER).length - 1;
    assert.ok(occurrences >= 3, `${id}: marker found ${occurrences} times`);
  }
});

test('index lands in the default place', () => {
  const expectations: Record<
    string,
    (built: {
      path: string;
      query: [string, string][];
      body: string;
    }) => boolean
  > = {
    ingest: (b) => b.query.some(([k, v]) => k === 'index' && v === 'app'),
    'hec-event': (b) => b.body.includes('"index":"app"'),
    'hec-collector': (b) => b.body.includes('"index":"app"'),
    'hec-raw': (b) => b.query.some(([k, v]) => k === 'index' && v === 'app'),
    bulk: (b) => b.body.includes('{"index":{"_index":"app"}}'),
    'bulk-path': (b) => b.path === '/app/_bulk',
    otlp: (b) =>
      b.body.includes('"helios.index"') &&
      b.body.includes('"stringValue":"app"'),
    loki: (b) => b.body.includes('"index":"app"'),
  };
  for (const id of ENDPOINT_IDS) {
    const built = ENDPOINTS[id].build({
      count: 1,
      marker: MARKER,
      index: 'app',
    });
    assert.ok(expectations[id](built), `${id}: index not in its default place`);
  }
});

test('absent index names no index', () => {
  for (const id of ENDPOINT_IDS) {
    const built = ENDPOINTS[id].build({ count: 1, marker: MARKER });
    assert.ok(
      !built.query.some(([k]) => k === 'index'),
      `${id}: unexpected index query`,
    );
    assert.ok(!built.body.includes('"app"'), `${id}: unexpected index in body`);
  }
});

test('unsupported index place is rejected', () => {
  assert.throws(
    () =>
      ENDPOINTS.ingest.build({
        count: 1,
        marker: MARKER,
        index: 'a',
        indexVia: 'label',
      }),
    /invalid index place "label"/,
  );
});

test('markerOf reads the stored event shapes', () => {
  const line = `conformance event marker=${MARKER} seq=0`;
  const samples: Record<string, unknown> = {
    ingest: { marker: MARKER, seq: 0 },
    'hec-event': { event: { marker: MARKER }, sourcetype: 'x' },
    'hec-collector': { event: { marker: MARKER } },
    'hec-raw': { message: line },
    bulk: { marker: MARKER },
    'bulk-path': { marker: MARKER },
    otlp: { body: { stringValue: line }, attributes: [] },
    loki: { line, labels: { job: 'x' }, ts: '1' },
  };
  for (const id of ENDPOINT_IDS) {
    assert.equal(ENDPOINTS[id].markerOf(samples[id]), MARKER, id);
  }
});

test('markerOf ignores a longer marker', () => {
  const line = `conformance event marker=${MARKER}0 seq=0`;
  assert.equal(ENDPOINTS.loki.markerOf({ line }), `${MARKER}0`);
  assert.equal(ENDPOINTS.ingest.markerOf('not an object'), undefined);
});
