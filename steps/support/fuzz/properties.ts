// The HTTP-level properties of Authorization handling. Each one draws an
// endpoint and a header case, sends one marked event, and checks the status
// and, where the rule is about storage, reads the event back through search.

import fc from 'fast-check';

import { ENDPOINTS, type EndpointId } from '../endpoints';
import {
  invalidAuthorizationArb,
  unknownStrictTokenArb,
  validBasicHalfArb,
  validSchemeVariantArb,
} from './arbitraries';
import type { FuzzClient, RawRequest, RawResponse } from './client';
import {
  renderHeaderValue,
  type HeaderCase,
  type SecretSlot,
  type SecretValues,
} from './header-case';
import {
  KNOWN_ANY,
  KNOWN_STRICT_UNKNOWN,
  KNOWN_WITHOUT_VALID_TOKEN,
} from './known-values';

/** Target and tokens that a property runs against. */
export interface FuzzFixture {
  client: FuzzClient;
  /** Secrets of an enabled, a disabled and a deleted token. */
  secrets: SecretValues;
  /** Shell variable that contains each slot's secret in reproductions. */
  secretVariables: Readonly<Record<SecretSlot, string>>;
  /** Env of all three tokens. */
  tokenEnv: string;
  /** Env named by requests that may take the open path. */
  openEnv: string;
  /** Endpoints to draw from: those the target did not declare missing. */
  endpoints: readonly EndpointId[];
  /** Unique per scenario; each request adds `_f<n>`. */
  markerPrefix: string;
  /** Returns the next request number, unique within the fixture. */
  nextSequence(): number;
}

/** Numbers requests 1, 2, 3, … for one fixture. */
export function sequenceCounter(): () => number {
  let count = 0;
  return () => {
    count += 1;
    return count;
  };
}

export interface FuzzCase {
  endpoint: EndpointId;
  header: HeaderCase;
}

/** One request of a property run and what came back. */
export interface Probe {
  fuzzCase: FuzzCase;
  marker: string;
  index: string;
  request: RawRequest;
  response: RawResponse;
}

/** A failed check of a property, with the request that showed it. */
export class PropertyViolation extends Error {
  constructor(
    message: string,
    readonly probe: Probe,
  ) {
    super(message);
    this.name = 'PropertyViolation';
  }
}

export interface HttpProperty {
  /** Stable id, used to address a replay path to this property. */
  id: string;
  /** The invariant, as one sentence. */
  title: string;
  /** Whether requests name the open env, for those that may take the open path. */
  namesOpenEnv: boolean;
  caseArb(fixture: FuzzFixture): fc.Arbitrary<FuzzCase>;
  /** Values sent on every endpoint before the random cases, on every run. */
  knownHeaders: readonly HeaderCase[];
  verify(fixture: FuzzFixture, probe: Probe): Promise<void>;
}

/** Rejections a header may cause: malformed request, credential, policy. */
const ALLOWED_STATUSES = [400, 401, 403];

function fuzzCaseArb(
  fixture: FuzzFixture,
  headerArb: fc.Arbitrary<HeaderCase>,
): fc.Arbitrary<FuzzCase> {
  const endpointArb = fc.constantFrom(...fixture.endpoints);
  return fc
    .tuple(endpointArb, headerArb)
    .map(([endpoint, header]) => ({ endpoint, header }));
}

/** Pairs each known header of a property with each endpoint of the fixture. */
export function knownCases(
  fixture: FuzzFixture,
  property: HttpProperty,
): FuzzCase[] {
  return property.knownHeaders.flatMap((header) =>
    fixture.endpoints.map((endpoint) => ({ endpoint, header })),
  );
}

/** Sends one marked event for a case; the index is unique per request. */
export async function sendProbe(
  fixture: FuzzFixture,
  property: HttpProperty,
  fuzzCase: FuzzCase,
): Promise<Probe> {
  const sequence = fixture.nextSequence();
  const marker = `${fixture.markerPrefix}_f${sequence}`;
  const index = `fuzz-${sequence}`;
  const built = ENDPOINTS[fuzzCase.endpoint].build({ count: 1, marker, index });

  const query = [...built.query];
  if (property.namesOpenEnv) query.push(['env', fixture.openEnv]);
  const authorization = renderHeaderValue(fuzzCase.header, fixture.secrets);
  const request: RawRequest = {
    method: built.method,
    path: `${built.path}?${new URLSearchParams(query)}`,
    headers: [
      ['Content-Type', built.contentType],
      ['Authorization', authorization],
    ],
    body: built.body,
  };

  const response = await fixture.client.send(request);
  return { fuzzCase, marker, index, request, response };
}

function describeStatus(response: RawResponse): string {
  return response.status === undefined
    ? `no response (${response.failure})`
    : String(response.status);
}

function expectStatus(
  probe: Probe,
  accepts: (status: number) => boolean,
  expected: string,
): void {
  const status = probe.response.status;
  if (status === undefined || !accepts(status)) {
    const actual = describeStatus(probe.response);
    throw new PropertyViolation(`expected ${expected}, got ${actual}`, probe);
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Counts the events of this probe stored in env, at the probe's index. */
async function countStored(
  fixture: FuzzFixture,
  env: string,
  probe: Probe,
): Promise<number> {
  const events = await fixture.client.searchEvents(env, probe.index);
  const markerOf = ENDPOINTS[probe.fuzzCase.endpoint].markerOf;
  const own = events.filter((stored) => {
    const event = (stored as { event?: unknown }).event;
    return markerOf(event) === probe.marker;
  });
  return own.length;
}

async function expectNothingStored(
  fixture: FuzzFixture,
  envs: readonly string[],
  probe: Probe,
): Promise<void> {
  for (const env of envs) {
    const count = await countStored(fixture, env, probe);
    if (count > 0) {
      const message =
        `expected nothing stored, found ${count} event(s) with marker ` +
        `${probe.marker} in env ${env} index ${probe.index}`;
      throw new PropertyViolation(message, probe);
    }
  }
}

async function expectStoredInTokenEnv(
  fixture: FuzzFixture,
  probe: Probe,
): Promise<void> {
  const count = await countStored(fixture, fixture.tokenEnv, probe);
  if (count !== 1) {
    const message =
      `expected 1 event with marker ${probe.marker} in the token's env ` +
      `${fixture.tokenEnv} index ${probe.index}, found ${count}`;
    throw new PropertyViolation(message, probe);
  }
}

/** Every kind of value, valid tokens and revoked ones included. */
export const robustHeaderProperty: HttpProperty = {
  id: 'robust-header',
  title: 'any Authorization value gets 2xx, 400, 401 or 403 in time',
  namesOpenEnv: true,
  knownHeaders: KNOWN_ANY,
  caseArb: (fixture) =>
    fuzzCaseArb(
      fixture,
      // Shipper mistakes get most runs: the other kinds have their own
      // properties as well.
      fc.oneof(
        {
          weight: 6,
          arbitrary: invalidAuthorizationArb(['disabled', 'deleted']),
        },
        { weight: 1, arbitrary: validSchemeVariantArb },
        { weight: 1, arbitrary: validBasicHalfArb },
        { weight: 1, arbitrary: unknownStrictTokenArb },
      ),
    ),
  verify: async (_fixture, probe) => {
    const accepts = (status: number) =>
      isSuccess(status) || ALLOWED_STATUSES.includes(status);
    expectStatus(probe, accepts, '2xx, 400, 401 or 403');
  },
};

/** With require-auth on: values without a valid token get 401, store nothing. */
export const requireAuthProperty: HttpProperty = {
  id: 'require-auth',
  title: 'with require-auth on, a value without a valid token gets 401',
  namesOpenEnv: true,
  knownHeaders: KNOWN_WITHOUT_VALID_TOKEN,
  caseArb: (fixture) =>
    fuzzCaseArb(fixture, invalidAuthorizationArb(['disabled', 'deleted'])),
  verify: async (fixture, probe) => {
    expectStatus(probe, (status) => status === 401, '401');
    await expectNothingStored(
      fixture,
      [fixture.openEnv, fixture.tokenEnv],
      probe,
    );
  },
};

/** The valid token with any scheme case and spacing lands in its env. */
export const schemeVariantProperty: HttpProperty = {
  id: 'scheme-variants',
  title: 'a valid token is accepted in any scheme case and spacing',
  namesOpenEnv: false,
  knownHeaders: [],
  caseArb: (fixture) => fuzzCaseArb(fixture, validSchemeVariantArb),
  verify: async (fixture, probe) => {
    expectStatus(probe, isSuccess, '2xx');
    await expectStoredInTokenEnv(fixture, probe);
  },
};

/** The valid token as either Basic half, with any other half. */
export const basicHalfProperty: HttpProperty = {
  id: 'basic-halves',
  title: 'a valid token is accepted as either Basic half with any other half',
  namesOpenEnv: false,
  knownHeaders: [],
  caseArb: (fixture) => fuzzCaseArb(fixture, validBasicHalfArb),
  verify: async (fixture, probe) => {
    expectStatus(probe, isSuccess, '2xx');
    await expectStoredInTokenEnv(fixture, probe);
  },
};

/** An unknown token in a strict scheme: 401 however it is wrapped. */
export const strictUnknownProperty: HttpProperty = {
  id: 'strict-unknown',
  title: 'an unknown Bearer or Splunk token gets 401 however it is wrapped',
  namesOpenEnv: true,
  knownHeaders: KNOWN_STRICT_UNKNOWN,
  caseArb: (fixture) => fuzzCaseArb(fixture, unknownStrictTokenArb),
  verify: async (fixture, probe) => {
    expectStatus(probe, (status) => status === 401, '401');
    await expectNothingStored(fixture, [fixture.openEnv], probe);
  },
};

export const HTTP_PROPERTIES: readonly HttpProperty[] = [
  robustHeaderProperty,
  requireAuthProperty,
  schemeVariantProperty,
  basicHalfProperty,
  strictUnknownProperty,
];
