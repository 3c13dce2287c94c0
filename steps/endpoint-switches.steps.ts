/**
 * Steps of the endpoint switches feature: turning the `api` and `shims`
 * endpoint classes off and on, and reading the three policy switches back.
 * Every change goes through `setPolicy`, so the World restores the policy it
 * found when the scenario ends.
 */

import { Given, Then, When } from '@cucumber/cucumber';

import type { HeliosWorld, Policy } from './support/world';

type Switch = keyof Policy;

const CLASS_SWITCHES: Record<string, Switch> = {
  api: 'apiEnabled',
  shims: 'shimsEnabled',
};

function isOn(word: string): boolean {
  return word === 'on';
}

function describePolicy(policy: Policy): string {
  const word = (value: boolean) => (value ? 'on' : 'off');
  return (
    `require-auth ${word(policy.require)}, api ${word(policy.apiEnabled)}, ` +
    `shims ${word(policy.shimsEnabled)}`
  );
}

Given(
  /^the (api|shims) endpoint class is turned (on|off)$/,
  async function (this: HeliosWorld, endpointClass: string, state: string) {
    const change = { [CLASS_SWITCHES[endpointClass]]: isOn(state) };
    await this.setPolicy(change);
  },
);

Given(
  /^the admin sets the policy to require-auth (on|off), api (on|off), shims (on|off)$/,
  async function (
    this: HeliosWorld,
    require: string,
    api: string,
    shims: string,
  ) {
    await this.setPolicy({
      require: isOn(require),
      apiEnabled: isOn(api),
      shimsEnabled: isOn(shims),
    });
  },
);

When(
  /^the admin sets only (require|apiEnabled|shimsEnabled) to (on|off)$/,
  async function (this: HeliosWorld, name: string, state: string) {
    await this.setPolicy({ [name as Switch]: isOn(state) });
  },
);

Then(
  /^the policy reads require-auth (on|off), api (on|off), shims (on|off)$/,
  async function (
    this: HeliosWorld,
    require: string,
    api: string,
    shims: string,
  ) {
    const expected: Policy = {
      require: isOn(require),
      apiEnabled: isOn(api),
      shimsEnabled: isOn(shims),
    };
    const actual = await this.readPolicy();

    const differs = (Object.keys(expected) as Switch[]).some(
      (name) => actual[name] !== expected[name],
    );
    if (differs) {
      throw this.failure(
        `expected the policy ${describePolicy(expected)}, got ${describePolicy(actual)}`,
      );
    }
  },
);
