/**
 * Steps about token secrets: where the full secret may appear (only in the
 * creation response) and where it must not (later responses, the embedded
 * reference's data files and logs).
 */

import { randomBytes } from 'node:crypto';

import { Given, Then, When } from '@cucumber/cucumber';

import {
  adminState,
  authorizationHeader,
  creationExchange,
  envLabelOf,
  findListed,
  knownSecrets,
  leakedSecrets,
  listTokens,
  presentedCredentials,
  scenarioSecrets,
  secretsInFiles,
  tokenPath,
} from './support/admin';
import { presentSecret } from './support/credentials';
import { markerOfAnyEvent, type EndpointId } from './support/endpoints';
import type { HeliosWorld } from './support/world';

/** Events read back by the reader's search; the search API's maximum. */
const SEARCH_LIMIT = '1000';

function expectNoLeak(world: HeliosWorld, text: string, where: string) {
  const leaked = leakedSecrets(text, knownSecrets(world));
  if (leaked.length > 0) {
    const found = leaked.join('; ');
    throw world.failure(`expected no secret in ${where}, found ${found}`);
  }
}

/** A secret of the shape the reference issues, unknown to the target. */
function randomTokenLike(): string {
  return `hlt_${randomBytes(32).toString('base64url')}`;
}

// Setting up and acting.

Given(
  'a second ingest token for the same env',
  async function (this: HeliosWorld) {
    const first = this.token('default');
    await this.createToken('second', { env: envLabelOf(this, first) });
  },
);

When('the admin lists the tokens', async function (this: HeliosWorld) {
  adminState(this).lastList = await listTokens(this);
});

When('the admin fetches the token by id', async function (this: HeliosWorld) {
  await this.adminRequest('GET', tokenPath(this.token('default').id));
});

When(
  'the admin fetches the token {string} by id',
  async function (this: HeliosWorld, label: string) {
    await this.adminRequest('GET', tokenPath(this.token(label).id));
  },
);

When('the admin switches require-auth on', async function (this: HeliosWorld) {
  await this.setPolicy({ require: true });
});

When(
  'the reader {string} searches index {string} of env {string}',
  async function (this: HeliosWorld, key: string, index: string, env: string) {
    const reader = this.apiKey(key);
    const secret = { value: reader.secret, variable: reader.variable };
    const query = new URLSearchParams({
      env: this.envName(env),
      index,
      limit: SEARCH_LIMIT,
    });

    await this.request({
      method: 'GET',
      path: `/api/search?${query}`,
      headers: [authorizationHeader(presentSecret('bearer', secret))],
    });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token in the query string',
  async function (this: HeliosWorld, count: number, endpoint: EndpointId) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const secret = this.token('default').secret;
    await this.sendEvents({ endpoint, count, extraQuery: [['token', secret]] });
    return undefined;
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with an unknown token in the query string',
  async function (this: HeliosWorld, count: number, endpoint: EndpointId) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const value = randomTokenLike();
    const description = 'a random token sent as ?token=';
    this.rememberSecret(value, 'HELIOS_QUERY_TOKEN', description);
    await this.sendEvents({ endpoint, count, extraQuery: [['token', value]] });
    return undefined;
  },
);

// Where the secret appears.

Then(
  'the creation response contained the secret',
  function (this: HeliosWorld) {
    const token = this.token('default');
    const created = creationExchange(this, token);

    if (created.received.secret !== token.secret) {
      throw this.failure(
        'expected the creation response to carry the secret in "secret"',
      );
    }
  },
);

Then(
  'the response reveals no part of a secret',
  function (this: HeliosWorld) {
    const response = this.lastResponse;
    if (response === undefined) {
      throw new Error('no response received in this scenario yet');
    }

    expectNoLeak(this, response.text, 'the response body');
    const headers = JSON.stringify(response.headers);
    expectNoLeak(this, headers, 'the response headers');
  },
);

Then(
  'both tokens are listed with the last four characters of their secrets',
  function (this: HeliosWorld) {
    const list = adminState(this).lastList;
    if (list === undefined) {
      throw new Error('the token list was not read in this scenario');
    }

    for (const token of [this.token('default'), this.token('second')]) {
      const listed = findListed(list, token.id);
      const expected = token.secret.slice(-4);
      if (listed === undefined) {
        throw this.failure(`expected token ${token.id} in the token list`);
      }
      if (listed.last4 !== expected) {
        throw this.failure(
          `expected token ${token.id} listed with last4 "${expected}", ` +
            `got ${JSON.stringify(listed.last4)}`,
        );
      }
    }
  },
);

Then(
  'the search found the events the token wrote',
  function (this: HeliosWorld) {
    this.expectStatus(200);
    const body = this.lastResponse?.json as { events?: { event?: unknown }[] };
    const ours = (body.events ?? []).filter((stored) =>
      markerOfAnyEvent(stored.event)?.startsWith(`${this.marker}_`),
    );

    if (ours.length === 0) {
      throw this.failure(
        `expected events with marker ${this.marker}_* in the search ` +
          'result, found none',
      );
    }
  },
);

Then(
  "no file in the reference's data directory contains a scenario secret",
  async function (this: HeliosWorld) {
    const embedded = this.embeddedOnly();
    if (embedded === undefined) {
      return this.skip('only the embedded reference exposes its data files');
    }

    const secrets = scenarioSecrets(this);
    const findings = await secretsInFiles(embedded.dataDir, secrets);
    if (findings.length > 0) {
      const found = findings.join('; ');
      throw this.failure(`expected no secret at rest, found ${found}`);
    }
    return undefined;
  },
);

Then(
  'no log line of the reference contains a presented credential',
  function (this: HeliosWorld) {
    const embedded = this.embeddedOnly();
    if (embedded === undefined) {
      return this.skip('only the embedded reference exposes its logs');
    }

    const lines = embedded.logLines();
    if (lines.length === 0) {
      throw new Error('the embedded reference wrote no log line to check');
    }
    const credentials = [...presentedCredentials(this), ...knownSecrets(this)];
    const leaks = lines.flatMap((line) => leakedSecrets(line, credentials));
    if (leaks.length > 0) {
      const found = [...new Set(leaks)].join('; ');
      throw this.failure(`expected no credential in the logs, found ${found}`);
    }
    return undefined;
  },
);
