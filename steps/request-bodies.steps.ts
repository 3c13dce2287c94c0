/**
 * Steps of the request bodies feature: a body with one malformed event, and
 * bodies padded to just over or just under the reference's size limit.
 */

import { When } from '@cucumber/cucumber';

import type { PresentationId } from './support/credentials';
import type { EndpointId } from './support/endpoints';
import {
  MALFORMED_JSON,
  padBodyTo,
  replaceEvent,
  sendChangedEvents,
  type BodyChange,
} from './support/scoping';
import type { HeliosWorld } from './support/world';

/** The reference's request body limit: 5 MiB. */
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** How far from the limit the padded bodies are, in bytes. */
const LIMIT_MARGIN_BYTES = 1024;

async function sendChanged(
  world: HeliosWorld,
  count: number,
  endpoint: EndpointId,
  presentation: PresentationId,
  change: BodyChange,
): Promise<'skipped' | undefined> {
  const skip = world.skipUnlessAvailable(endpoint);
  if (skip) return skip;

  const credential = { token: 'default', presentation };
  await sendChangedEvents(world, { endpoint, count, credential }, change);
  return undefined;
}

When(
  'a shipper sends {int} events to {endpoint} with the token as {presentation}, the second of them malformed',
  function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const change = replaceEvent(endpoint, 1, MALFORMED_JSON);
    return sendChanged(this, count, endpoint, presentation, change);
  },
);

When(
  'a shipper sends {int} events to {endpoint} with the token as {presentation}, the third of them a JSON array',
  function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const change = replaceEvent(endpoint, 2, '["not", "an", "object"]');
    return sendChanged(this, count, endpoint, presentation, change);
  },
);

for (const side of ['over', 'under'] as const) {
  When(
    `a shipper sends {int} event(s) to {endpoint} with the token as {presentation} in a body just ${side} 5 MiB`,
    function (
      this: HeliosWorld,
      count: number,
      endpoint: EndpointId,
      presentation: PresentationId,
    ) {
      const margin = side === 'over' ? LIMIT_MARGIN_BYTES : -LIMIT_MARGIN_BYTES;
      const change = padBodyTo(BODY_LIMIT_BYTES + margin);
      return sendChanged(this, count, endpoint, presentation, change);
    },
  );
}
