/**
 * Steps of the env pinning feature: requests that name an env other than
 * the token's, or several envs at once, in the `env` query parameter or the
 * `X-Helios-Env` header.
 */

import { Then, When, defineParameterType } from '@cucumber/cucumber';

import type { PresentationId } from './support/credentials';
import type { EndpointId } from './support/endpoints';
import type { RecordedHeader } from './support/exchanges';
import type { CredentialSpec, HeliosWorld } from './support/world';

const ENV_HEADER = 'X-Helios-Env';

// Ways one request can name two envs.
const ENV_FORMS = [
  'a repeated query parameter',
  'repeated X-Helios-Env headers',
  'one comma-joined query parameter',
  'one comma-joined X-Helios-Env header',
] as const;
type EnvForm = (typeof ENV_FORMS)[number];

defineParameterType({
  name: 'envForm',
  regexp: new RegExp(ENV_FORMS.join('|')),
  transformer: (form: string): EnvForm => form as EnvForm,
});

interface EnvNaming {
  extraQuery: [string, string][];
  headers: RecordedHeader[];
}

/** Builds the query parameters or headers that name both envs. */
function nameTwoEnvs(form: EnvForm, first: string, second: string): EnvNaming {
  switch (form) {
    case 'a repeated query parameter':
      return { extraQuery: [['env', first], ['env', second]], headers: [] };
    case 'repeated X-Helios-Env headers':
      return {
        extraQuery: [],
        headers: [
          { name: ENV_HEADER, value: first },
          { name: ENV_HEADER, value: second },
        ],
      };
    case 'one comma-joined query parameter':
      return { extraQuery: [['env', `${first},${second}`]], headers: [] };
    case 'one comma-joined X-Helios-Env header':
      return {
        extraQuery: [],
        headers: [{ name: ENV_HEADER, value: `${first}, ${second}` }],
      };
  }
}

async function sendNamingOneEnv(
  world: HeliosWorld,
  count: number,
  endpoint: EndpointId,
  presentation: PresentationId,
  env: { label: string; via: 'query' | 'header' },
): Promise<'skipped' | undefined> {
  const skip = world.skipUnlessAvailable(endpoint);
  if (skip) return skip;

  const credential = { token: 'default', presentation };
  await world.sendEvents({ endpoint, count, credential, env });
  return undefined;
}

async function sendNamingTwoEnvs(
  world: HeliosWorld,
  count: number,
  endpoint: EndpointId,
  credential: CredentialSpec | undefined,
  names: { form: EnvForm; first: string; second: string },
): Promise<'skipped' | undefined> {
  const skip = world.skipUnlessAvailable(endpoint);
  if (skip) return skip;

  const first = world.envName(names.first);
  const second = world.envName(names.second);
  const naming = nameTwoEnvs(names.form, first, second);
  await world.sendEvents({ endpoint, count, credential, ...naming });
  return undefined;
}

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation}, naming env {string} in the query',
  function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
    label: string,
  ) {
    const env = { label, via: 'query' as const };
    return sendNamingOneEnv(this, count, endpoint, presentation, env);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation}, naming env {string} in the X-Helios-Env header',
  function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
    label: string,
  ) {
    const env = { label, via: 'header' as const };
    return sendNamingOneEnv(this, count, endpoint, presentation, env);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} without a credential, naming envs {string} and {string} as {envForm}',
  function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    first: string,
    second: string,
    form: EnvForm,
  ) {
    const names = { form, first, second };
    return sendNamingTwoEnvs(this, count, endpoint, undefined, names);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the token as {presentation}, naming envs {string} and {string} as {envForm}',
  function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
    first: string,
    second: string,
    form: EnvForm,
  ) {
    const credential = { token: 'default', presentation };
    const names = { form, first, second };
    return sendNamingTwoEnvs(this, count, endpoint, credential, names);
  },
);

Then(
  "if the request was accepted, the events are stored in the token's env",
  async function (this: HeliosWorld) {
    const status = this.lastResponse?.status ?? 0;
    if (status >= 400 && status < 500) {
      this.log(`the target rejected the request with ${status}`);
      return;
    }

    this.expectStatus('2xx');
    await this.expectStored(this.lastSendToken().env);
  },
);

Then(
  "the response body reports the token's env",
  function (this: HeliosWorld) {
    const expected = this.lastSendToken().env;
    const body = this.lastResponse?.json as { env?: unknown } | undefined;

    if (body?.env !== expected) {
      const actual = JSON.stringify(body?.env);
      throw this.failure(
        `expected the response body's env to be "${expected}", got ${actual}`,
      );
    }
  },
);
