// Glue between the World and the fuzz properties: the tokens a property
// needs, created and cleaned up through the World, and the run of one
// property with its failure turned into a step error and a recorded exchange.

import { ENDPOINTS, ENDPOINT_IDS } from '../endpoints';
import type { Exchange } from '../exchanges';
import type { HeliosWorld } from '../world';
import { FuzzClient } from './client';
import {
  describeHeaderCase,
  renderShellWord,
  type SecretValues,
  type SecretVariables,
} from './header-case';
import {
  sequenceCounter,
  type FuzzFixture,
  type HttpProperty,
  type Probe,
} from './properties';
import { checkHttpProperty, formatFailure } from './runner';
import { FUZZ_PATH_OPTION, resolveFuzzSettings } from './settings';

/** Env label of the fuzz tokens, and of requests that may take the open path. */
const TOKEN_ENV_LABEL = 'fuzz';
const OPEN_ENV_LABEL = 'fuzz-open';

interface FuzzTokens {
  secrets: SecretValues;
  variables: SecretVariables;
}

// The World owns no field for these, and the deleted token's secret is gone
// from it after deletion, so they are kept per World here.
const tokensByWorld = new WeakMap<HeliosWorld, FuzzTokens>();

/** Creates an enabled, a disabled and a deleted token in one env. */
export async function createFuzzTokens(world: HeliosWorld): Promise<void> {
  const env = TOKEN_ENV_LABEL;
  const valid = await world.createToken('fuzz-valid', { env });
  const disabled = await world.createToken('fuzz-disabled', { env });
  const deleted = await world.createToken('fuzz-deleted', { env });

  await world.setTokenEnabled(disabled.label, false);
  await world.deleteToken(deleted.label);

  tokensByWorld.set(world, {
    secrets: {
      valid: valid.secret,
      disabled: disabled.secret,
      deleted: deleted.secret,
    },
    variables: {
      valid: valid.variable,
      disabled: disabled.variable,
      deleted: deleted.variable,
    },
  });
}

function fuzzFixture(world: HeliosWorld): FuzzFixture {
  const tokens = tokensByWorld.get(world);
  if (tokens === undefined) {
    throw new Error('no fuzz tokens: a Given step must create them first');
  }

  const missing = world.suiteParameters.without;
  const endpoints = ENDPOINT_IDS.filter(
    (id) => !missing.includes(ENDPOINTS[id].family),
  );
  return {
    client: new FuzzClient(world.target.url, world.target.adminKey),
    secrets: tokens.secrets,
    secretVariables: tokens.variables,
    tokenEnv: world.envName(TOKEN_ENV_LABEL),
    openEnv: world.envName(OPEN_ENV_LABEL),
    endpoints,
    markerPrefix: world.marker,
    nextSequence: sequenceCounter(),
  };
}

/**
 * Runs one property against the World's target. On failure, records the
 * counterexample's exchange for the scenario report and throws the message.
 * `replayTags` is a tag expression that selects the scenario.
 */
export async function runFuzzProperty(
  world: HeliosWorld,
  property: HttpProperty,
  replayTags: string,
): Promise<void> {
  const fixture = fuzzFixture(world);
  const settings = resolveFuzzSettings(world.suiteParameters, property.id);
  const replaying =
    settings.path === undefined ? '' : `, path ${settings.path}`;
  world.log(
    `fuzz property ${property.id}: seed ${settings.seed}, ` +
      `${settings.numRuns} runs${replaying}`,
  );

  let outcome;
  try {
    outcome = await checkHttpProperty(property, fixture, settings);
  } finally {
    fixture.client.close();
  }
  if (outcome.passed) return;

  if (outcome.probe !== undefined) {
    world.exchanges.push(toExchange(fixture, outcome.probe));
  }
  const replay = (seed: number, path: string) =>
    replayCommand(world.target, `${property.id}:${path}`, replayTags, seed);
  const message = formatFailure(property, fixture, outcome, replay, (text) =>
    world.mask(text),
  );
  throw new Error(world.mask(message));
}

/**
 * Builds the command that reruns one scenario's property with the seed and
 * the fast-check path (`<property id>:<path>`) of a counterexample, the
 * admin key read from HELIOS_ADMIN_KEY.
 */
export function replayCommand(
  target: { kind: string; url: string },
  fuzzPath: string,
  replayTags: string,
  seed: number,
): string {
  const targetOptions =
    target.kind === 'remote'
      ? ` --target '${target.url}' --admin-key "$HELIOS_ADMIN_KEY"`
      : '';
  return (
    `npx helios-conformance${targetOptions} --seed ${seed} ` +
    `${FUZZ_PATH_OPTION} '${fuzzPath}' --tags '${replayTags}'`
  );
}

/** Converts a probe into an exchange of the World's report, secrets as variables. */
function toExchange(fixture: FuzzFixture, probe: Probe): Exchange {
  const header = probe.fuzzCase.header;
  const headers = probe.request.headers.map(([name, value]) => {
    if (name.toLowerCase() !== 'authorization') return { name, value };
    const shell = renderShellWord(header, fixture.secretVariables);
    return {
      name,
      value,
      shell: shell.slice(1, -1),
      description: describeHeaderCase(header),
    };
  });

  return {
    method: probe.request.method,
    url: fixture.client.url + probe.request.path,
    headers,
    body: probe.request.body,
    status: probe.response.status,
    responseBody: probe.response.body,
    durationMs: probe.response.durationMs,
    failure: probe.response.failure,
  };
}
