/**
 * Steps of the token lifecycle: enable, delete and rotate a token, present
 * a deleted or replaced secret, and check the token list afterwards.
 */

import { Given, Then, When } from '@cucumber/cucumber';

import {
  adminState,
  envLabelOf,
  findListed,
  listTokens,
} from './support/admin';
import { presentSecret, type PresentationId } from './support/credentials';
import type { EndpointId } from './support/endpoints';
import type { CreatedToken, HeliosWorld } from './support/world';

function deletedToken(world: HeliosWorld, label = 'default'): CreatedToken {
  const token = adminState(world).deleted.get(label);
  if (token === undefined) {
    throw new Error(`no token "${label}" was deleted in this scenario`);
  }
  return token;
}

function rotatedToken(world: HeliosWorld): CreatedToken {
  const token = adminState(world).rotatedFrom;
  if (token === undefined) {
    throw new Error('no token was rotated in this scenario');
  }
  return token;
}

/** Sends events presenting a secret the World no longer tracks. */
async function sendWithSecret(
  world: HeliosWorld,
  endpoint: EndpointId,
  count: number,
  token: CreatedToken,
  presentation: PresentationId,
) {
  const skip = world.skipUnlessAvailable(endpoint);
  if (skip) return skip;

  const secret = { value: token.secret, variable: token.variable };
  const header = presentSecret(presentation, secret);
  await world.sendEvents({ endpoint, count, credential: { header } });
  return undefined;
}

async function expectListedEnabled(world: HeliosWorld, enabled: boolean) {
  const token = world.token('default');
  const listed = findListed(await listTokens(world), token.id);

  if (listed === undefined) {
    throw world.failure(`expected token ${token.id} in the token list`);
  }
  if (listed.enabled !== enabled) {
    throw world.failure(
      `expected token ${token.id} listed with enabled ${enabled}, ` +
        `got ${JSON.stringify(listed.enabled)}`,
    );
  }
}

Given('the admin enables the token', async function (this: HeliosWorld) {
  await this.setTokenEnabled('default', true);
});

When('the admin deletes the token', async function (this: HeliosWorld) {
  const token = this.token('default');
  adminState(this).deleted.set(token.label, token);

  await this.deleteToken(token.label);
  this.expectStatus('2xx');
});

When('the admin rotates the token', async function (this: HeliosWorld) {
  const old = this.token('default');
  const envLabel = envLabelOf(this, old);
  adminState(this).rotatedFrom = old;

  await this.deleteToken(old.label);
  this.expectStatus('2xx');
  await this.createToken(old.label, { env: envLabel, indexes: old.indexes });
});

Then(
  'the new secret differs from the old secret',
  function (this: HeliosWorld) {
    const old = rotatedToken(this);
    const current = this.token(old.label);

    if (current.secret === old.secret) {
      throw this.failure('expected a new secret after rotation, got the old');
    }
    if (current.id === old.id) {
      throw this.failure(
        `expected a new token id after rotation, got ${old.id} again`,
      );
    }
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the deleted token as {presentation}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const token = deletedToken(this);
    return sendWithSecret(this, endpoint, count, token, presentation);
  },
);

When(
  'a shipper sends {int} event(s) to {endpoint} with the old secret as {presentation}',
  async function (
    this: HeliosWorld,
    count: number,
    endpoint: EndpointId,
    presentation: PresentationId,
  ) {
    const token = rotatedToken(this);
    return sendWithSecret(this, endpoint, count, token, presentation);
  },
);

Then(
  "nothing is stored in the deleted token's env",
  async function (this: HeliosWorld) {
    await this.expectNothingStored([{ env: deletedToken(this).env }]);
  },
);

Then(
  'the token list does not contain the deleted token',
  async function (this: HeliosWorld) {
    const token = deletedToken(this);
    const listed = findListed(await listTokens(this), token.id);

    if (listed !== undefined) {
      throw this.failure(
        `expected deleted token ${token.id} to be gone from the token list, ` +
          'but it is still listed',
      );
    }
  },
);

Then(
  'the token list shows the token disabled',
  async function (this: HeliosWorld) {
    await expectListedEnabled(this, false);
  },
);

Then(
  'the token list shows the token enabled',
  async function (this: HeliosWorld) {
    await expectListedEnabled(this, true);
  },
);
