/**
 * Steps of the require-auth feature: open-path requests that name their
 * env, and requests carrying no valid credential.
 */

import { defineParameterType, When } from '@cucumber/cucumber';

import { presentBasicPair } from './support/credentials';
import type { EndpointId } from './support/endpoints';
import type { CredentialSpec, HeliosWorld } from './support/world';

const MISSING_CREDENTIALS = [
  'no credential',
  'an unknown Bearer token',
  'an unknown Splunk token',
  'an unrecognized Basic credential',
] as const;
type MissingCredential = (typeof MISSING_CREDENTIALS)[number];

defineParameterType({
  name: 'missingCredential',
  regexp: new RegExp(MISSING_CREDENTIALS.join('|')),
  transformer: (text: string): MissingCredential => text as MissingCredential,
});

function credentialFor(
  world: HeliosWorld,
  kind: MissingCredential,
): CredentialSpec | undefined {
  switch (kind) {
    case 'no credential':
      return undefined;
    case 'an unknown Bearer token':
      return { header: world.unknownTokenAs('bearer') };
    case 'an unknown Splunk token':
      return { header: world.unknownTokenAs('splunk') };
    case 'an unrecognized Basic credential':
      return {
        header: presentBasicPair('shipper', `not-a-token-${world.marker}`),
      };
  }
}

When(
  'a shipper sends {int} event(s) to {endpoint} presenting {missingCredential}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    kind: MissingCredential,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const credential = credentialFor(this, kind);
    await this.sendEvents({ endpoint, count, credential });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} without a credential, naming env {string} in the query',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    label: string,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    await this.sendEvents({ endpoint, count, env: { label, via: 'query' } });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} without a credential, naming env {string} in the X-Helios-Env header',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    label: string,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    await this.sendEvents({ endpoint, count, env: { label, via: 'header' } });
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} without a credential, naming env {string} in the query and env {string} in the X-Helios-Env header',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    queryLabel: string,
    headerLabel: string,
  ) {
    const skip = this.skipUnlessAvailable(endpoint);
    if (skip) return skip;

    const headerEnv = this.envName(headerLabel);
    await this.sendEvents({
      endpoint,
      count,
      env: { label: queryLabel, via: 'query' },
      headers: [{ name: 'X-Helios-Env', value: headerEnv }],
    });
  },
);
