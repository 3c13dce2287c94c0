/**
 * Steps that present an API key where an ingest token belongs, and an
 * ingest token where an API key belongs.
 */

import { Then, When } from '@cucumber/cucumber';

import { TOKENS_PATH, authorizationHeader } from './support/admin';
import {
  presentSecret,
  type PresentationId,
  type SecretRef,
} from './support/credentials';
import type { EndpointId } from './support/endpoints';
import type { HeliosWorld } from './support/world';

/** Events a search may return; the search API's default maximum. */
const SEARCH_LIMIT = '1000';

/** Label of the env the key-as-token sends name with `?env=`. */
const PROBE_ENV_LABEL = 'probe';

function apiKeySecret(world: HeliosWorld, role: string): SecretRef {
  if (role === 'admin') {
    return { value: world.target.adminKey, variable: 'HELIOS_ADMIN_KEY' };
  }
  if (role === 'reader') {
    const key = world.apiKey('reader');
    return { value: key.secret, variable: key.variable };
  }
  throw new Error(`unknown API key role "${role}"; use admin or reader`);
}

function ingestTokenHeader(world: HeliosWorld) {
  const token = world.token('default');
  const secret = { value: token.secret, variable: token.variable };
  return authorizationHeader(presentSecret('bearer', secret));
}

When(
  'a shipper sends {int} event(s) to {endpoint} naming a fresh env with the {word} API key as {presentation}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    role: string,
    presentation: PresentationId,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const header = presentSecret(presentation, apiKeySecret(this, role));
    await this.sendEvents({
      endpoint,
      count,
      env: { label: PROBE_ENV_LABEL, via: 'query' },
      credential: { header },
    });
    return undefined;
  },
);

When(
  "the ingest token is used to search the token's env",
  async function (this: HeliosWorld) {
    const query = new URLSearchParams({
      env: this.token('default').env,
      index: this.lastSend?.index ?? 'main',
      limit: SEARCH_LIMIT,
    });
    await this.request({
      method: 'GET',
      path: `/api/search?${query}`,
      headers: [ingestTokenHeader(this)],
    });
  },
);

When(
  'the ingest token is used to list the ingest tokens',
  async function (this: HeliosWorld) {
    await this.request({
      method: 'GET',
      path: TOKENS_PATH,
      headers: [ingestTokenHeader(this)],
    });
  },
);

Then(
  "the response contains none of the scenario's events",
  function (this: HeliosWorld) {
    const text = this.lastResponse?.text ?? '';
    if (text.includes(`${this.marker}_`)) {
      throw this.failure(
        `expected no event with marker ${this.marker}_* in the response, ` +
          'found one',
      );
    }
  },
);
