/** The endpoint-class gate and the index allowlist check. */

import type { TokenRecordView } from '../auth/resolve';
import type { EndpointClass, ParsedEvent } from '../endpoints/types';
import { heliosError, type HeliosError } from '../errors';
import type { Policy } from '../store/types';

/** Rejects a request to an endpoint class the policy switched off. */
export function gateEndpointClass(
  policy: Policy,
  endpointClass: EndpointClass,
): HeliosError | undefined {
  const enabled =
    endpointClass === 'api' ? policy.apiEnabled : policy.shimsEnabled;
  if (enabled) return undefined;

  const name =
    endpointClass === 'api'
      ? 'The Ingest API is'
      : 'The compatibility APIs are';
  return heliosError(
    'endpoint_disabled',
    `${name} disabled; an admin can enable it in the ingest policy.`,
  );
}

/**
 * Rejects a batch when any event targets an index outside the token's
 * allowlist. An empty allowlist allows every index of the env.
 */
export function checkIndexes(
  token: TokenRecordView,
  events: ParsedEvent[],
): HeliosError | undefined {
  if (token.indexes.length === 0) return undefined;

  const position = events.findIndex((e) => !token.indexes.includes(e.index));
  if (position < 0) return undefined;

  const eventNumber = position + 1;
  const message =
    `Index "${events[position].index}" (event ${eventNumber}) is not in ` +
    "the token's allowlist; nothing was stored.";
  return heliosError('index_not_allowed', message, eventNumber);
}
