/**
 * A conformant variant of the reference: it follows the product
 * documentation but chooses differently wherever the documentation leaves
 * the choice open. It must pass every doc and http scenario, and a
 * reference-mode run must fail exactly the profile rules its choices touch.
 */

import { parseAuthorization } from '../../reference/auth/parse';
import { resolveCredential } from '../../reference/auth/resolve';
import { defaultEndpoints } from '../../reference/endpoints';
import { heliosError } from '../../reference/errors';
import { checkIndexes, gateEndpointClass } from '../../reference/ingest/checks';
import { rejectOtherTokenEnv } from '../../reference/ingest/env';
import type { ReferenceParts } from '../../reference/parts';

export interface ConformantVariant {
  name: string;
  description: string;
  /** Shim families the variant lacks, passed to the run as `without`. */
  without: string[];
  parts(): Partial<ReferenceParts>;
  /** Profile rules a reference-mode run must fail: no more, no fewer. */
  expectedProfileFailures: string[];
}

export const CONFORMANT_VARIANT: ConformantVariant = {
  name: 'other-profile-choices',
  description:
    'Answers 404 for a disabled class, 400 for an unlisted index, rejects ' +
    'a foreign env, has no Loki endpoint and ignores unknown schemes.',
  without: ['loki'],
  parts: () => ({
    gateEndpointClass: (policy, endpointClass) => {
      const refused = gateEndpointClass(policy, endpointClass);
      if (refused === undefined) return undefined;
      return heliosError('not_found', 'This endpoint is not enabled here.');
    },
    chooseTokenEnv: rejectOtherTokenEnv,
    checkIndexes: (token, events) => {
      const refused = checkIndexes(token, events);
      if (refused === undefined) return undefined;
      return heliosError('invalid_index', refused.message, refused.eventNumber);
    },
    endpoints: defaultEndpoints().filter((endpoint) => endpoint.id !== 'loki'),
    resolveCredential: (input) =>
      resolveCredential({
        ...input,
        parse: (value) => {
          const parsed = (input.parse ?? parseAuthorization)(value);
          return parsed.kind === 'unsupported' ? { kind: 'none' } : parsed;
        },
      }),
  }),
  expectedProfileFailures: [
    // 404 instead of 403 endpoint_disabled.
    'SWITCH-CODE',
    // A token naming another env is rejected instead of redirected.
    'ENV-PIN-RESPONSE',
    'ENV-MULTI',
    // 400 instead of 403 index_not_allowed.
    'IDX-REJECT-CODE',
    // Unknown schemes and bare tokens fall to the open path.
    'SCHEME-UNKNOWN',
    'SCHEME-BARE',
  ],
};
