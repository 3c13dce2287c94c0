/**
 * How unit tests send events to each ingest endpoint: the fixture body, and
 * a three-event body where event 2 targets a given index in the place that
 * endpoint reads it from.
 */

import type request from 'supertest';

import { fixture } from './helpers';

export interface EndpointCase {
  id: string;
  successStatus: number;
  /** Events in the fixture payload. */
  fixtureEvents: number;
  /** Sends the fixture to `index` (through the query or the path). */
  sendFixture(
    agent: Agent,
    index: string,
    auth?: string,
  ): Promise<request.Response>;
  /** Sends three events, the second one to `secondIndex`, the others to `index`. */
  sendMixed(
    agent: Agent,
    index: string,
    secondIndex: string,
    auth?: string,
  ): Promise<request.Response>;
}

type Agent = ReturnType<typeof request>;

function withAuth(req: request.Test, auth?: string): request.Test {
  return auth === undefined ? req : req.set('Authorization', auth);
}

async function post(
  agent: Agent,
  url: string,
  body: string,
  auth?: string,
  contentType = 'text/plain',
) {
  const req = agent.post(url).set('Content-Type', contentType);
  return withAuth(req, auth).send(body);
}

const json = 'application/json';

function otlpBody(indexes: string[]) {
  const resourceLogs = indexes.map((index, i) => ({
    resource: {
      attributes: [{ key: 'helios.index', value: { stringValue: index } }],
    },
    scopeLogs: [{ logRecords: [{ body: { stringValue: `record ${i + 1}` } }] }],
  }));
  return JSON.stringify({ resourceLogs });
}

function lokiBody(indexes: string[]) {
  const streams = indexes.map((index, i) => ({
    stream: { index, job: 'unit' },
    values: [[`${1764842400000000000 + i}`, `line ${i + 1}`]],
  }));
  return JSON.stringify({ streams });
}

export const ENDPOINT_CASES: EndpointCase[] = [
  {
    id: 'api',
    successStatus: 200,
    fixtureEvents: 3,
    sendFixture: async (agent, index, auth) =>
      post(
        agent,
        `/api/ingest?index=${index}`,
        await fixture('api.ndjson'),
        auth,
      ),
    // The ingest API reads the index only from the query, so every event
    // of the batch targets `secondIndex`.
    sendMixed: (agent, _index, secondIndex, auth) =>
      post(
        agent,
        `/api/ingest?index=${secondIndex}`,
        '{"n":1}\n{"n":2}\n{"n":3}\n',
        auth,
      ),
  },
  {
    id: 'hec-event',
    successStatus: 200,
    fixtureEvents: 3,
    sendFixture: async (agent, index, auth) =>
      post(
        agent,
        `/services/collector/event?index=${index}`,
        await fixture('hec-event.json'),
        auth,
      ),
    sendMixed: (agent, index, secondIndex, auth) =>
      post(
        agent,
        '/services/collector',
        [index, secondIndex, index]
          .map((idx, i) => JSON.stringify({ event: { n: i + 1 }, index: idx }))
          .join(''),
        auth,
      ),
  },
  {
    id: 'hec-raw',
    successStatus: 200,
    fixtureEvents: 3,
    sendFixture: async (agent, index, auth) =>
      post(
        agent,
        `/services/collector/raw?index=${index}`,
        await fixture('hec-raw.txt'),
        auth,
      ),
    sendMixed: (agent, _index, secondIndex, auth) =>
      post(
        agent,
        `/services/collector/raw?index=${secondIndex}`,
        'a\nb\nc\n',
        auth,
      ),
  },
  {
    id: 'bulk',
    successStatus: 200,
    fixtureEvents: 2,
    sendFixture: async (agent, index, auth) =>
      post(
        agent,
        `/${index}/_bulk`,
        await fixture('bulk.ndjson'),
        auth,
        'application/x-ndjson',
      ),
    sendMixed: (agent, index, secondIndex, auth) =>
      post(
        agent,
        `/${index}/_bulk`,
        [
          '{"index":{}}',
          '{"n":1}',
          `{"create":{"_index":"${secondIndex}"}}`,
          '{"n":2}',
          '{"index":{}}',
          '{"n":3}',
          '',
        ].join('\n'),
        auth,
        'application/x-ndjson',
      ),
  },
  {
    id: 'otlp',
    successStatus: 200,
    fixtureEvents: 2,
    sendFixture: async (agent, index, auth) =>
      post(
        agent,
        `/v1/logs?index=${index}`,
        await fixture('otlp-logs.json'),
        auth,
        json,
      ),
    sendMixed: (agent, index, secondIndex, auth) =>
      post(
        agent,
        '/v1/logs',
        otlpBody([index, secondIndex, index]),
        auth,
        json,
      ),
  },
  {
    id: 'loki',
    successStatus: 204,
    fixtureEvents: 2,
    sendFixture: async (agent, index, auth) =>
      post(
        agent,
        `/loki/api/v1/push?index=${index}`,
        await fixture('loki-push.json'),
        auth,
        json,
      ),
    sendMixed: (agent, index, secondIndex, auth) =>
      post(
        agent,
        '/loki/api/v1/push',
        lokiBody([index, secondIndex, index]),
        auth,
        json,
      ),
  },
];
