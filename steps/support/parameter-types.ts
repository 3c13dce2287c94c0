import { defineParameterType } from '@cucumber/cucumber';

import { ENDPOINT_IDS, type EndpointId } from './endpoints';
import { PRESENTATIONS, type PresentationId } from './credentials';

/** Matches whole ids only, longest first so `bulk-path` wins over `bulk`. */
function alternatives(ids: readonly string[]): RegExp {
  const longestFirst = [...ids].sort((a, b) => b.length - a.length);
  return new RegExp(longestFirst.join('|'));
}

defineParameterType({
  name: 'endpoint',
  regexp: alternatives(ENDPOINT_IDS),
  transformer: (id: string): EndpointId => id as EndpointId,
});

defineParameterType({
  name: 'presentation',
  regexp: alternatives(PRESENTATIONS),
  transformer: (id: string): PresentationId => id as PresentationId,
});
