/**
 * Faults in where an accepted write goes: the open path, env pinning,
 * index allowlists and the endpoint switches.
 */

import { checkIndexes } from '../../../reference/ingest/checks';
import { isValidName } from '../../../reference/names';
import { createPolicyStore } from '../../../reference/store/policy';
import { createTokenStore } from '../../../reference/store/tokens';
import {
  allOf,
  dropEventsWhen,
  onEndpoints,
  rejectedWith,
  storeDespiteRejection,
  swapPartsWhen,
  tokenEnvOf,
  withAuthorization,
  withoutAuthorization,
  type FaultVariant,
} from '../variant';

export const ingestFaults: FaultVariant[] = [
  {
    name: 'anonymous-loki-dropped',
    breaks: 'OPEN-DEFAULT',
    description:
      'Loki answers 204 to a write without a credential but stores nothing.',
    parts: () => ({
      ingestHook: dropEventsWhen(
        allOf(onEndpoints('loki'), withoutAuthorization()),
      ),
    }),
  },
  {
    name: 'env-header-overrides-token',
    breaks: 'ENV-PIN',
    description: "X-Helios-Env moves a token's write to the env it names.",
    parts: () => ({
      chooseTokenEnv: (token, requested) => {
        const header = requested.header[0];
        const named = header !== undefined && isValidName(header);
        return { ok: true, env: named ? header : token.env };
      },
    }),
  },
  {
    name: 'env-query-overrides-token',
    breaks: 'ENV-PIN',
    description: "?env= moves a token's write to the env it names.",
    parts: () => ({
      chooseTokenEnv: (token, requested) => {
        const query = requested.query[0];
        const named = query !== undefined && isValidName(query);
        return { ok: true, env: named ? query : token.env };
      },
    }),
  },
  {
    name: 'allowlist-ignored',
    breaks: 'IDX-REJECT',
    description: 'No allowlist is checked: a token writes to any index.',
    parts: () => ({ checkIndexes: () => undefined }),
  },
  {
    name: 'empty-allowlist-means-main-only',
    breaks: 'IDX-ANY',
    description: 'A token without an allowlist may only write to index main.',
    parts: () => ({
      checkIndexes: (token, events) =>
        checkIndexes(
          token.indexes.length === 0 ? { ...token, indexes: ['main'] } : token,
          events,
        ),
    }),
  },
  {
    name: 'allowlist-first-entry-only',
    breaks: 'IDX-ALLOWED',
    description: 'Only the first index of an allowlist is honoured.',
    parts: () => ({
      checkIndexes: (token, events) =>
        checkIndexes({ ...token, indexes: token.indexes.slice(0, 1) }, events),
    }),
  },
  {
    name: 'unlisted-index-403-but-stored',
    breaks: 'IDX-REJECT',
    description: 'An unlisted index gets 403, but the events are stored.',
    parts: () => ({
      ingestHook: storeDespiteRejection(
        rejectedWith('index_not_allowed'),
        tokenEnvOf,
      ),
    }),
  },
  {
    name: 'unlisted-index-not-counted',
    breaks: 'IDX-REJECT',
    description: "A rejected unlisted index leaves the token's errors at 0.",
    parts: () => ({
      createTokenStore: (db, secrets) => ({
        ...createTokenStore(db, secrets),
        incrementErrors: async () => undefined,
      }),
    }),
  },
  {
    name: 'allowlist-checks-first-event-only',
    breaks: 'IDX-REJECT',
    description:
      'Only the first event of a batch is checked against the allowlist.',
    parts: () => ({
      checkIndexes: (token, events) => checkIndexes(token, events.slice(0, 1)),
    }),
  },
  {
    name: 'api-switch-skipped-with-credential',
    breaks: 'SWITCH-API',
    description:
      'With api off, /api/ingest still accepts requests that carry a token.',
    parts: () => ({
      ingestHook: swapPartsWhen(
        allOf(onEndpoints('api'), withAuthorization()),
        () => ({ gateEndpointClass: () => undefined }),
      ),
    }),
  },
  {
    name: 'shims-switch-closes-hec-only',
    breaks: 'SWITCH-SHIMS',
    description: 'With shims off, bulk, OTLP and Loki keep accepting writes.',
    parts: () => ({
      ingestHook: swapPartsWhen(onEndpoints('bulk', 'otlp', 'loki'), () => ({
        gateEndpointClass: () => undefined,
      })),
    }),
  },
  {
    name: 'policy-put-resets-other-switches',
    breaks: 'SWITCH-SEPARATE',
    description:
      'Each policy update resets the switches it does not name to defaults.',
    parts: () => ({
      createPolicyStore: (db) => {
        const inner = createPolicyStore(db);
        const defaults = {
          require: false,
          apiEnabled: true,
          shimsEnabled: true,
        };
        return {
          get: () => inner.get(),
          update: (change) => inner.update({ ...defaults, ...change }),
        };
      },
    }),
  },
];
