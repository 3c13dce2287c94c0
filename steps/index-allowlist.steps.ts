/**
 * Steps of the index allowlist feature: tokens limited to indexes, sends
 * that name an index in each place an endpoint reads it from, and the
 * token's `errors` counter. Also the error body checks of the Ingest API,
 * which the switch and body features share.
 */

import { Given, Then, When, defineParameterType } from '@cucumber/cucumber';

import type { PresentationId } from './support/credentials';
import {
  DEFAULT_INDEX,
  ENDPOINTS,
  type EndpointId,
  type IndexPlace,
} from './support/endpoints';
import {
  indexOptions,
  onePerGroup,
  readTokenErrors,
  scopingState,
  sendChangedEvents,
} from './support/scoping';
import type { HeliosWorld } from './support/world';

// The words a scenario uses for each place, and the catalogue's name.
const PLACE_WORDS: Record<string, IndexPlace> = {
  query: 'query',
  path: 'path',
  envelope: 'envelope',
  'action line': 'action',
  label: 'label',
  'resource attribute': 'attribute',
};

defineParameterType({
  name: 'indexPlace',
  regexp: new RegExp(Object.keys(PLACE_WORDS).join('|')),
  transformer: (words: string): IndexPlace => PLACE_WORDS[words],
});

function indexList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Returns an index the token may write to: its first listed one, or main. */
function allowedIndex(world: HeliosWorld): string {
  return world.token('default').indexes[0] ?? DEFAULT_INDEX;
}

/** Skips an endpoint the target lacks or a place the endpoint never reads. */
function skipUnlessPlace(
  world: HeliosWorld,
  endpoint: EndpointId,
  place: IndexPlace,
): 'skipped' | undefined {
  const skip = world.skipUnlessAvailable(endpoint);
  if (skip) return skip;

  if (!ENDPOINTS[endpoint].indexPlaces.includes(place)) {
    throw new Error(`endpoint ${endpoint} reads no index from the ${place}`);
  }
  return undefined;
}

Given(
  'an ingest token for a fresh env limited to indexes {string}',
  async function (this: HeliosWorld, list: string) {
    const token = await this.createToken('default', {
      indexes: indexList(list),
    });
    scopingState(this).errorsBefore = await readTokenErrors(this, token.id);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation}, naming index {string} in the {indexPlace}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
    index: string,
    place: IndexPlace,
  ) {
    const skip = skipUnlessPlace(this, endpoint, place);
    if (skip) return skip;

    const credential = { token: 'default', presentation };
    const allowed = allowedIndex(this);
    const named = indexOptions(endpoint, place, () => index, allowed);
    await this.sendEvents({ endpoint, count, credential, ...named });
  },
);

When(
  'a shipper sends {int} events to {endpoint} with the token as {presentation}, only the second naming index {string} in the {indexPlace}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
    index: string,
    place: IndexPlace,
  ) {
    const skip = skipUnlessPlace(this, endpoint, place);
    if (skip) return skip;

    const allowed = allowedIndex(this);
    const indexAt = (position: number) => (position === 1 ? index : allowed);
    const credential = { token: 'default', presentation };
    const named = indexOptions(endpoint, place, indexAt, allowed);
    const options = { endpoint, count, credential, ...named };

    if (endpoint === 'otlp' || endpoint === 'loki') {
      // The catalogue puts all events in one resource or stream.
      await sendChangedEvents(this, options, onePerGroup(endpoint, indexAt));
    } else {
      await this.sendEvents(options);
    }
  },
);

Then(
  "the events are stored in the token's env under index {string}",
  async function (this: HeliosWorld, index: string) {
    await this.expectStored(this.lastSendToken().env, index);
  },
);

Then(
  "nothing is stored in the token's env under index {string}",
  async function (this: HeliosWorld, index: string) {
    const env = this.lastSendToken().env;
    await this.expectNothingStored([{ env, index }]);
  },
);

Then(
  "the token's errors count has gone up",
  async function (this: HeliosWorld) {
    const before = scopingState(this).errorsBefore;
    if (before === undefined) {
      throw new Error('no errors count was read when the token was created');
    }

    const after = await readTokenErrors(this, this.lastSendToken().id);
    if (after <= before) {
      throw this.failure(
        `expected the token's errors count to exceed ${before}, got ${after}`,
      );
    }
  },
);

/** Returns the `{"error": {"code", "message"}}` object of the last response. */
function errorOfLastResponse(world: HeliosWorld): {
  code?: unknown;
  message?: unknown;
} {
  const body = world.lastResponse?.json as { error?: unknown } | undefined;
  const error = body?.error;
  return typeof error === 'object' && error !== null ? error : {};
}

Then(
  'the response error code is {string}',
  function (this: HeliosWorld, expected: string) {
    const actual = errorOfLastResponse(this).code;
    if (actual !== expected) {
      throw this.failure(
        `expected error code "${expected}", got ${JSON.stringify(actual)}`,
      );
    }
  },
);

Then(
  'the response error message mentions {string}',
  function (this: HeliosWorld, expected: string) {
    const message = errorOfLastResponse(this).message;
    const found =
      typeof message === 'string' &&
      message.toLowerCase().includes(expected.toLowerCase());

    if (!found) {
      throw this.failure(
        `expected the error message to mention "${expected}", got ${JSON.stringify(message)}`,
      );
    }
  },
);
