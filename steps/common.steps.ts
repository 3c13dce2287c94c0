/**
 * Steps shared by every feature: policy, tokens, sending marked events and
 * checking where they were stored. The phrases are listed in
 * steps/support/API.md.
 */

import { Given, Then, When } from '@cucumber/cucumber';

import type { PresentationId } from './support/credentials';
import type { EndpointId } from './support/endpoints';
import { DEFAULT_ENV, type HeliosWorld } from './support/world';

function indexList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

// Policy and credentials.

Given('require-auth is on', async function (this: HeliosWorld) {
  await this.setPolicy({ require: true });
});

Given('require-auth is off', async function (this: HeliosWorld) {
  await this.setPolicy({ require: false });
});

Given(
  'an ingest token {string} for env {string}',
  async function (this: HeliosWorld, label: string, env: string) {
    await this.createToken(label, { env });
  },
);

Given(
  'an ingest token {string} for env {string} limited to indexes {string}',
  async function (this: HeliosWorld, label: string, env: string, list: string) {
    await this.createToken(label, { env, indexes: indexList(list) });
  },
);

Given(
  'an ingest token {string}',
  async function (this: HeliosWorld, label: string) {
    await this.createToken(label);
  },
);

Given('an ingest token for a fresh env', async function (this: HeliosWorld) {
  await this.createToken('default');
});

Given(
  'the admin disables the token {string}',
  async function (this: HeliosWorld, label: string) {
    await this.setTokenEnabled(label, false);
  },
);

Given('the admin disables the token', async function (this: HeliosWorld) {
  await this.setTokenEnabled('default', false);
});

Given(
  'a reader API key {string}',
  async function (this: HeliosWorld, label: string) {
    await this.createApiKey(label, 'reader');
  },
);

// Sending events.

When(
  'a shipper sends {int} event(s) to {endpoint} with the token {string} as {presentation}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    label: string,
    presentation: PresentationId,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const credential = { token: label, presentation };
    await this.sendEvents({ endpoint, count, credential });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const credential = { token: 'default', presentation };
    await this.sendEvents({ endpoint, count, credential });
  },
);

When(
  'a shipper sends {int} event(s) to index {string} on {endpoint} with the token {string} as {presentation}',
  async function (
    this: HeliosWorld,
    count: number,
    index: string,
    endpoint: EndpointId,
    label: string,
    presentation: PresentationId,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const credential = { token: label, presentation };
    await this.sendEvents({ endpoint, count, index, credential });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} without a credential',
  async function (this: HeliosWorld, count: number, endpoint: EndpointId) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    await this.sendEvents({ endpoint, count });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with an unknown token as {presentation}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const header = this.unknownTokenAs(presentation);
    await this.sendEvents({ endpoint, count, credential: { header } });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the Authorization header {string}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    value: string,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const credential = {
      authorization: value,
      description: `the literal value written in the scenario`,
    };
    await this.sendEvents({ endpoint, count, credential });
  },
);

// Outcomes.

Then('the request is accepted', function (this: HeliosWorld) {
  this.expectStatus('2xx');
});

Then('the request is rejected', function (this: HeliosWorld) {
  this.expectStatus('4xx');
});

Then(
  'the response status is {int}',
  function (this: HeliosWorld, status: number) {
    this.expectStatus(status);
  },
);

Then(
  'the events are stored in env {string}',
  async function (this: HeliosWorld, label: string) {
    await this.expectStored(this.envName(label));
  },
);

Then(
  "the events are stored in the token's env",
  async function (this: HeliosWorld) {
    await this.expectStored(this.lastSendToken().env);
  },
);

Then(
  'the events are stored in the default env',
  async function (this: HeliosWorld) {
    await this.expectStored(DEFAULT_ENV);
  },
);

Then('nothing is stored', async function (this: HeliosWorld) {
  await this.expectNothingStored();
});

Then(
  'nothing is stored in env {string}',
  async function (this: HeliosWorld, label: string) {
    await this.expectNothingStored([{ env: this.envName(label) }]);
  },
);

Then(
  "nothing is stored in the token's env",
  async function (this: HeliosWorld) {
    await this.expectNothingStored([{ env: this.lastSendToken().env }]);
  },
);

// One keep-alive connection.

Given(
  'a shipper holding one keep-alive connection to the target',
  function (this: HeliosWorld) {
    this.keepAliveAgent();
  },
);

When(
  'the shipper sends {int} event(s) to {endpoint} with the token {string} as {presentation} over that connection',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    label: string,
    presentation: PresentationId,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const credential = { token: label, presentation };
    await this.sendOverConnection({ endpoint, count, credential });
  },
);

When(
  'the shipper sends {int} event(s) to {endpoint} without a credential over that connection, naming env {string} in the query',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    label: string,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const env = { label, via: 'query' as const };
    await this.sendOverConnection({ endpoint, count, env });
  },
);

Then(
  'every request after the first used the same connection',
  function (this: HeliosWorld) {
    const [first, ...later] = this.connectionResults;
    if (first === undefined || later.length === 0) {
      throw new Error('expected at least two requests over the connection');
    }

    later.forEach((result, i) => {
      const sameSocket = result.localPort === first.localPort;
      if (!result.reusedSocket || !sameSocket) {
        throw this.failure(
          `expected request ${i + 2} to reuse the connection of request 1 ` +
            `(local port ${first.localPort}), got a new one (local port ${result.localPort})`,
        );
      }
    });
  },
);
