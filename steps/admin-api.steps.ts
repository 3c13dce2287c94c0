/**
 * Steps of the admin API: create, list, patch and delete tokens, set the
 * policy, and check that callers without an admin key change nothing.
 */

import { randomUUID } from 'node:crypto';

import { Then, When, defineParameterType } from '@cucumber/cucumber';

import {
  POLICY_PATH,
  POLICY_SWITCHES,
  TOKENS_PATH,
  adminState,
  creationExchange,
  findListed,
  listTokens,
  ownTokensSnapshot,
  scenarioNamePrefix,
  tokenPath,
  type PolicySwitch,
} from './support/admin';
import { presentSecret } from './support/credentials';
import type { RecordedHeader } from './support/exchanges';
import type { HeliosWorld, Policy } from './support/world';

const CALLERS = [
  'no credential',
  'an unknown key',
  'the ingest token',
  'a reader API key',
] as const;
type Caller = (typeof CALLERS)[number];

const ACTIONS = [
  'list the tokens',
  'create a token',
  'disable the token',
  'delete the token',
  'switch require-auth on',
] as const;
type Action = (typeof ACTIONS)[number];

defineParameterType({
  name: 'adminCaller',
  regexp: new RegExp(CALLERS.join('|')),
  transformer: (text: string): Caller => text as Caller,
});

defineParameterType({
  name: 'adminAction',
  regexp: new RegExp(ACTIONS.join('|')),
  transformer: (text: string): Action => text as Action,
});

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : {};
}

function parseBoolean(text: string): boolean {
  if (text !== 'true' && text !== 'false') {
    throw new Error(`expected true or false in the scenario, got "${text}"`);
  }
  return text === 'true';
}

function policySwitch(name: string): PolicySwitch {
  const known = POLICY_SWITCHES.find((each) => each === name);
  if (known === undefined) {
    throw new Error(`unknown policy switch "${name}"; use ${POLICY_SWITCHES.join(', ')}`);
  }
  return known;
}

async function readPolicySnapshot(world: HeliosWorld): Promise<Policy> {
  const policy = (await listTokens(world)).policy;
  return {
    require: policy.require === true,
    apiEnabled: policy.apiEnabled === true,
    shimsEnabled: policy.shimsEnabled === true,
  };
}

/** Builds the Authorization header of a caller of the admin API. */
async function callerHeaders(
  world: HeliosWorld,
  caller: Caller,
): Promise<RecordedHeader[]> {
  if (caller === 'no credential') {
    return [];
  }
  const value = await callerCredential(world, caller);
  return [
    {
      name: 'Authorization',
      value: value.header,
      shell: value.shell,
      description: value.description,
    },
  ];
}

async function callerCredential(world: HeliosWorld, caller: Caller) {
  if (caller === 'an unknown key') {
    return world.unknownTokenAs('bearer');
  }
  if (caller === 'the ingest token') {
    const token = world.token('default');
    return presentSecret('bearer', { value: token.secret, variable: token.variable });
  }
  const key = await world.createApiKey('caller', 'reader');
  return presentSecret('bearer', { value: key.secret, variable: key.variable });
}

/** The request an action makes, without credentials. */
function actionRequest(world: HeliosWorld, action: Action) {
  switch (action) {
    case 'list the tokens':
      return { method: 'GET', path: TOKENS_PATH };
    case 'create a token':
      return {
        method: 'POST',
        path: TOKENS_PATH,
        body: {
          name: `${scenarioNamePrefix(world)}intruder`,
          env: world.envName('intruder'),
          indexes: [],
        },
      };
    case 'disable the token':
      return {
        method: 'PATCH',
        path: tokenPath(world.token('default').id),
        body: { enabled: false },
      };
    case 'delete the token':
      return { method: 'DELETE', path: tokenPath(world.token('default').id) };
    case 'switch require-auth on':
      return { method: 'PUT', path: POLICY_PATH, body: { require: true } };
  }
}

/** Remembers the id of a token created by a request that should have failed. */
function trackStrayToken(world: HeliosWorld) {
  const response = world.lastResponse;
  const id = asRecord(response?.json).id;
  if (response !== undefined && response.status < 300 && typeof id === 'string') {
    adminState(world).strayTokenIds.push(id);
  }
}

async function sendAsCaller(
  world: HeliosWorld,
  request: { method: string; path: string; body?: unknown },
) {
  const headers = [...(adminState(world).caller ?? [])];
  if (request.body !== undefined) {
    headers.push({ name: 'Content-Type', value: 'application/json' });
  }
  await world.request({
    method: request.method,
    path: request.path,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
}

function errorMessage(world: HeliosWorld): string {
  const error = asRecord(asRecord(world.lastResponse?.json).error);
  return typeof error.message === 'string' ? error.message : '';
}

// Creating, listing, patching.

When(
  'the admin creates an ingest token for a fresh env',
  async function (this: HeliosWorld) {
    await this.createToken('default');
  },
);

When(
  'the admin creates an ingest token with the body {}',
  async function (this: HeliosWorld, body: string) {
    await this.request({
      method: 'POST',
      path: TOKENS_PATH,
      headers: adminHeaders(this),
      body,
    });
    trackStrayToken(this);
  },
);

When(
  'the admin patches the token with the body {}',
  async function (this: HeliosWorld, body: string) {
    await this.request({
      method: 'PATCH',
      path: tokenPath(this.token('default').id),
      headers: adminHeaders(this),
      body,
    });
  },
);

When(
  'the admin sets the policy with the body {}',
  async function (this: HeliosWorld, body: string) {
    adminState(this).policyBefore = await readPolicySnapshot(this);
    await this.request({
      method: 'PUT',
      path: POLICY_PATH,
      headers: adminHeaders(this),
      body,
    });
  },
);

When(
  'the admin sets the policy switch {string} to {word}',
  async function (this: HeliosWorld, name: string, value: string) {
    await this.setPolicy({ [policySwitch(name)]: parseBoolean(value) });
  },
);

When(
  'the admin tries to {word} a token with an unknown id',
  async function (this: HeliosWorld, action: string) {
    const path = tokenPath(randomUUID());
    const requests: Record<string, [string, unknown]> = {
      fetch: ['GET', undefined],
      patch: ['PATCH', { enabled: false }],
      delete: ['DELETE', undefined],
    };
    const request = requests[action];
    if (request === undefined) {
      throw new Error(`unknown action "${action}"; use fetch, patch or delete`);
    }
    await this.adminRequest(request[0], path, request[1]);
  },
);

function adminHeaders(world: HeliosWorld): RecordedHeader[] {
  return [
    {
      name: 'Authorization',
      value: `Bearer ${world.target.adminKey}`,
      shell: 'Bearer $HELIOS_ADMIN_KEY',
      description: 'Bearer with $HELIOS_ADMIN_KEY',
    },
    { name: 'Content-Type', value: 'application/json' },
  ];
}

// Callers without an admin key.

When(
  'a caller presenting {adminCaller}',
  async function (this: HeliosWorld, caller: Caller) {
    adminState(this).caller = await callerHeaders(this, caller);
  },
);

When(
  'the caller tries to {adminAction}',
  async function (this: HeliosWorld, action: Action) {
    const state = adminState(this);
    const list = await listTokens(this);
    state.tokensBefore = ownTokensSnapshot(this, list);
    state.policyBefore = await readPolicySnapshot(this);

    await sendAsCaller(this, actionRequest(this, action));
    if (action === 'create a token') {
      trackStrayToken(this);
    }
  },
);

Then(
  'the request is rejected with 401 or 403',
  function (this: HeliosWorld) {
    const status = this.lastResponse?.status;
    if (status !== 401 && status !== 403) {
      throw this.failure(`expected 401 Unauthorized or 403 Forbidden, got ${status}`);
    }
  },
);

Then('the token list is unchanged', async function (this: HeliosWorld) {
  const before = adminState(this).tokensBefore;
  const after = ownTokensSnapshot(this, await listTokens(this));

  if (before === undefined) {
    throw new Error('the token list was not read before the request');
  }
  if (after !== before) {
    throw this.failure(
      `expected the scenario's tokens unchanged, before: ${before}, after: ${after}`,
    );
  }
});

Then('the policy is unchanged', async function (this: HeliosWorld) {
  const before = adminState(this).policyBefore;
  const after = await readPolicySnapshot(this);

  if (before === undefined) {
    throw new Error('the policy was not read before the request');
  }
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    throw this.failure(
      `expected the policy unchanged, before: ${JSON.stringify(before)}, ` +
        `after: ${JSON.stringify(after)}`,
    );
  }
});

// What the responses and the list show.

Then(
  'the creation response describes the token it created',
  function (this: HeliosWorld) {
    const token = this.token('default');
    const { sent, received } = creationExchange(this, token);

    for (const field of ['name', 'env'] as const) {
      if (received[field] !== sent[field]) {
        throw this.failure(
          `expected "${field}" ${JSON.stringify(sent[field])} in the creation response, ` +
            `got ${JSON.stringify(received[field])}`,
        );
      }
    }
  },
);

Then(
  'the two tokens have different ids and secrets',
  function (this: HeliosWorld) {
    const first = this.token('default');
    const second = this.token('second');

    if (first.id === second.id) {
      throw this.failure(`expected two token ids, got ${first.id} twice`);
    }
    if (first.secret === second.secret) {
      throw this.failure('expected two different secrets, got the same one twice');
    }
  },
);

Then(
  'the response shows the token {word}',
  function (this: HeliosWorld, state: string) {
    const expected = state === 'enabled';
    const enabled = asRecord(this.lastResponse?.json).enabled;

    if (enabled !== expected) {
      throw this.failure(
        `expected the response to show enabled ${expected}, got ${JSON.stringify(enabled)}`,
      );
    }
  },
);

Then(
  'the list shows the token {string} with its name, env and indexes',
  function (this: HeliosWorld, label: string) {
    const token = this.token(label);
    const listed = lastListed(this, token.id);
    const expected = {
      name: creationExchange(this, token).sent.name,
      env: token.env,
      indexes: [...token.indexes].sort(),
    };
    const actual = {
      name: listed.name,
      env: listed.env,
      indexes: Array.isArray(listed.indexes) ? [...listed.indexes].sort() : listed.indexes,
    };

    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw this.failure(
        `expected token ${token.id} listed as ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
      );
    }
  },
);

Then(
  'the list shows the token {string} enabled with its last four characters',
  function (this: HeliosWorld, label: string) {
    const token = this.token(label);
    const listed = lastListed(this, token.id);
    const last4 = token.secret.slice(-4);

    if (listed.enabled !== true) {
      throw this.failure(`expected token ${token.id} listed enabled, got ${JSON.stringify(listed.enabled)}`);
    }
    if (listed.last4 !== last4) {
      throw this.failure(`expected token ${token.id} listed with last4 "${last4}", got ${JSON.stringify(listed.last4)}`);
    }
  },
);

function lastListed(world: HeliosWorld, id: string) {
  const list = adminState(world).lastList;
  if (list === undefined) {
    throw new Error('the token list was not read in this scenario');
  }
  const listed = findListed(list, id);
  if (listed === undefined) {
    throw world.failure(`expected token ${id} in the token list`);
  }
  return listed;
}

Then(
  'the list reports each policy switch as a boolean',
  function (this: HeliosWorld) {
    const policy = adminState(this).lastList?.policy ?? {};
    for (const name of POLICY_SWITCHES) {
      if (typeof policy[name] !== 'boolean') {
        throw this.failure(`expected policy.${name} as a boolean, got ${JSON.stringify(policy[name])}`);
      }
    }
  },
);

Then(
  'the response shows the policy switch {string} as {word}',
  function (this: HeliosWorld, name: string, value: string) {
    const actual = asRecord(this.lastResponse?.json)[policySwitch(name)];
    if (actual !== parseBoolean(value)) {
      throw this.failure(`expected ${name} ${value} in the response, got ${JSON.stringify(actual)}`);
    }
  },
);

Then(
  'the token list shows the policy switch {string} as {word}',
  async function (this: HeliosWorld, name: string, value: string) {
    const actual = (await listTokens(this)).policy[policySwitch(name)];
    if (actual !== parseBoolean(value)) {
      throw this.failure(`expected ${name} ${value} in the token list's policy, got ${JSON.stringify(actual)}`);
    }
  },
);

Then(
  'the response carries an error object',
  function (this: HeliosWorld) {
    const error = asRecord(this.lastResponse?.json).error;
    if (typeof error !== 'object' || error === null) {
      throw this.failure('expected an "error" object in the response body');
    }
  },
);

Then(
  'the error message names the field {string}',
  function (this: HeliosWorld, field: string) {
    const message = errorMessage(this);
    if (!new RegExp(`\\b${field}\\b`).test(message)) {
      throw this.failure(`expected the error message to name "${field}", got ${JSON.stringify(message)}`);
    }
  },
);
