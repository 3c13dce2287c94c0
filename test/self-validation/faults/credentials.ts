/**
 * Faults in how an ingest request's credential is read and resolved:
 * require-auth, strict and lenient schemes, the HTTP scheme syntax.
 */

import {
  parseAuthorization,
  type ParsedAuthorization,
} from '../../../reference/auth/parse';
import {
  resolveCredential,
  type ResolveInput,
  type Resolution,
} from '../../../reference/auth/resolve';
import {
  allOf,
  dropEventsWhen,
  onEndpoints,
  onPath,
  onShims,
  openEnvOf,
  rejectedWith,
  storeDespiteRejection,
  swapPartsWhen,
  swapPolicyWhen,
  withScheme,
  type FaultVariant,
} from '../variant';

const unauthorized: Resolution = {
  outcome: 'reject',
  status: 401,
  code: 'unauthorized',
  reason: 'invalid_token',
};

/** Returns the single Authorization value of a request, if there is one. */
export function singleValue(input: ResolveInput): string | undefined {
  const raw = input.authorization;
  if (!Array.isArray(raw)) return raw;
  return raw.length === 1 ? raw[0] : undefined;
}

/** Resolves as the reference does, then lets `change` alter the result. */
function resolveThen(
  change: (
    resolution: Resolution,
    parsed: ParsedAuthorization,
    input: ResolveInput,
  ) => Resolution,
) {
  return (input: ResolveInput): Resolution => {
    const resolution = resolveCredential(input);
    const parsed = parseAuthorization(singleValue(input));
    return change(resolution, parsed, input);
  };
}

export const credentialFaults: FaultVariant[] = [
  {
    name: 'require-auth-ignored-on-shims',
    breaks: 'REQ-401',
    description: 'Shims keep the open path even with require-auth on.',
    parts: () => ({
      ingestHook: swapPolicyWhen(onShims(), (policy) => ({
        ...policy,
        require: false,
      })),
    }),
  },
  {
    name: 'require-auth-401-but-stored-on-otlp',
    breaks: 'REQ-401',
    description: 'OTLP answers 401 without a token but stores the events.',
    parts: () => ({
      ingestHook: storeDespiteRejection(
        (ctx, outcome) =>
          onEndpoints('otlp')(ctx) &&
          rejectedWith('token_required')(ctx, outcome),
        openEnvOf,
      ),
    }),
  },
  {
    name: 'basic-rejected-under-require-auth',
    breaks: 'REQ-VALID',
    description: 'With require-auth on, a valid token in Basic gets 401.',
    parts: () => ({
      resolveCredential: resolveThen((resolution, parsed, input) => {
        const isBasicToken =
          parsed.kind === 'basic' && resolution.outcome === 'token';
        return input.require && isBasicToken ? unauthorized : resolution;
      }),
    }),
  },
  {
    name: 'unknown-bearer-401-but-stored',
    breaks: 'BEARER-STRICT',
    description: 'An unknown Bearer token gets 401, but its events are stored.',
    parts: () => ({
      ingestHook: storeDespiteRejection(
        (ctx, outcome) =>
          withScheme('bearer')(ctx) &&
          rejectedWith('invalid_token')(ctx, outcome),
        openEnvOf,
      ),
    }),
  },
  {
    name: 'unknown-splunk-open-on-hec-raw',
    breaks: 'SPLUNK-STRICT',
    description:
      'HEC raw treats an unknown Splunk token as no credential (open path).',
    parts: () => ({
      ingestHook: swapPartsWhen(onEndpoints('hec-raw'), () => ({
        resolveCredential: resolveThen((resolution, parsed, input) => {
          const unknownSplunk =
            parsed.kind === 'strict' &&
            parsed.scheme === 'splunk' &&
            resolution.outcome === 'reject';
          if (!unknownSplunk || input.require) return resolution;
          return { outcome: 'open' };
        }),
      })),
    }),
  },
  {
    name: 'bearer-dropped-on-hec-collector',
    breaks: 'BEARER-VALID',
    description:
      'POST /services/collector answers success to Bearer but stores nothing.',
    parts: () => ({
      ingestHook: dropEventsWhen(
        allOf(onPath('/services/collector'), withScheme('bearer')),
      ),
    }),
  },
  {
    name: 'splunk-rejected-on-loki',
    breaks: 'SPLUNK-VALID',
    description: 'The Loki push API rejects every Splunk credential with 401.',
    parts: () => ({
      ingestHook: swapPartsWhen(onEndpoints('loki'), () => ({
        resolveCredential: resolveThen((resolution, parsed) =>
          parsed.kind === 'strict' && parsed.scheme === 'splunk'
            ? unauthorized
            : resolution,
        ),
      })),
    }),
  },
  {
    name: 'basic-username-needs-password',
    breaks: 'BASIC-USER',
    description: 'A Basic username is only looked up when a password is sent.',
    parts: () => ({
      parseAuthorization: (value) => {
        const parsed = parseAuthorization(value);
        if (parsed.kind !== 'basic' || parsed.password !== '') return parsed;
        return { kind: 'basic-malformed' };
      },
    }),
  },
  {
    name: 'basic-password-needs-username',
    breaks: 'BASIC-PASS',
    description: 'A Basic password is only looked up when a username is sent.',
    parts: () => ({
      parseAuthorization: (value) => {
        const parsed = parseAuthorization(value);
        if (parsed.kind !== 'basic' || parsed.username !== '') return parsed;
        return { kind: 'basic-malformed' };
      },
    }),
  },
  {
    name: 'unknown-basic-strict',
    breaks: 'BASIC-LENIENT',
    description:
      'An unrecognized Basic credential gets 401 even with require-auth off.',
    parts: () => ({
      resolveCredential: resolveThen((resolution, parsed) =>
        parsed.kind === 'basic' && resolution.outcome === 'open'
          ? unauthorized
          : resolution,
      ),
    }),
  },
  {
    name: 'scheme-case-sensitive',
    breaks: 'SCHEME-CASE',
    description: 'Only the spellings Bearer, Splunk and Basic are recognized.',
    parts: () => ({
      parseAuthorization: (value) => {
        const scheme = value?.trim().split(' ')[0] ?? '';
        const known = ['Bearer', 'Splunk', 'Basic'];
        const lower = scheme.toLowerCase();
        const other = known.find((k) => k.toLowerCase() === lower);
        if (other !== undefined && other !== scheme) {
          return { kind: 'unsupported', scheme };
        }
        return parseAuthorization(value);
      },
    }),
  },
  {
    name: 'scheme-single-space-split',
    breaks: 'SCHEME-SPACE',
    description:
      'The value is split at single spaces, so a second space empties it.',
    parts: () => ({
      parseAuthorization: (value) => {
        if (value === undefined) return parseAuthorization(value);
        const [scheme, credential = ''] = value.split(' ');
        return parseAuthorization(`${scheme} ${credential}`);
      },
    }),
  },
  {
    name: 'credential-cached-per-connection',
    breaks: 'CONN-INDEPENDENT',
    description:
      'A request without a header reuses the last credential of its socket.',
    parts: () => {
      const lastOnSocket = new WeakMap<object, string>();
      return {
        ingestHook: (ctx, run) => {
          const socket = ctx.req.socket;
          const sent = ctx.req.headers.authorization;
          if (sent !== undefined) lastOnSocket.set(socket, sent);
          const cached = lastOnSocket.get(socket);
          if (sent === undefined && cached !== undefined) {
            ctx.req.headers.authorization = cached;
            ctx.req.headersDistinct.authorization = [cached];
          }
          return run();
        },
      };
    },
  },
  {
    name: 'challenge-names-no-accepted-scheme',
    breaks: 'AUTH-CHALLENGE',
    description: 'Ingest 401 answers challenge with Negotiate only.',
    parts: () => ({ ingestChallenge: 'Negotiate' }),
  },
  {
    name: 'percent-decoded-authorization',
    breaks: 'ROBUST-HEADER',
    description:
      'The header is percent-decoded first, so a stray "%" raises a 500.',
    parts: () => ({
      // decodeURIComponent throws URIError on "%" not followed by two hex
      // digits; the error reaches the app's error handler as a 500.
      parseAuthorization: (value) =>
        parseAuthorization(
          value === undefined ? undefined : decodeURIComponent(value),
        ),
    }),
  },
];
