/**
 * Steps of the admin API: create, list, patch and delete tokens, set the
 * policy, and check that callers without an admin key change nothing.
 */

import { randomUUID } from 'node:crypto';

import {
  After,
  Given,
  Then,
  When,
  defineParameterType,
} from '@cucumber/cucumber';

import {
  CALLERS,
  CALLER_ACTIONS,
  POLICY_PATH,
  POLICY_SWITCHES,
  TOKENS_PATH,
  adminHeaders,
  adminState,
  callerHeaders,
  callerRequest,
  cleanUpAdminState,
  creationExchange,
  findListed,
  listTokens,
  ownTokensSnapshot,
  readListedPolicy,
  sendAdminRequest,
  tokenPath,
  trackStrayToken,
  type Caller,
  type CallerAction,
  type PolicySwitch,
} from './support/admin';
import type { HeliosWorld } from './support/world';

defineParameterType({
  name: 'adminCaller',
  regexp: new RegExp(CALLERS.join('|')),
  transformer: (text: string): Caller => text as Caller,
});

defineParameterType({
  name: 'adminAction',
  regexp: new RegExp(CALLER_ACTIONS.join('|')),
  transformer: (text: string): CallerAction => text as CallerAction,
});

/** Requests of the 404 scenarios, by the verb the scenario uses. */
const UNKNOWN_ID_REQUESTS: Record<string, { method: string; body?: unknown }> =
  {
    fetch: { method: 'GET' },
    patch: { method: 'PATCH', body: { enabled: false } },
    delete: { method: 'DELETE' },
  };

const show = (value: unknown): string => JSON.stringify(value);

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
    const names = POLICY_SWITCHES.join(', ');
    throw new Error(`unknown policy switch "${name}"; use one of ${names}`);
  }
  return known;
}

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

function sortedIfArray(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as unknown[])].sort() : value;
}

After(async function (this: HeliosWorld) {
  await cleanUpAdminState(this);
});

// Requests with the admin key.

When(
  'the admin creates an ingest token for a fresh env',
  async function (this: HeliosWorld) {
    await this.createToken('default');
  },
);

When(
  'the admin creates an ingest token with the body {}',
  async function (this: HeliosWorld, body: string) {
    const request = { method: 'POST', path: TOKENS_PATH, body };
    await sendAdminRequest(this, request, adminHeaders(this));
    trackStrayToken(this);
  },
);

When(
  'the admin patches the token with the body {}',
  async function (this: HeliosWorld, body: string) {
    const path = tokenPath(this.token('default').id);
    const request = { method: 'PATCH', path, body };
    await sendAdminRequest(this, request, adminHeaders(this));
  },
);

When(
  'the admin sets the policy with the body {}',
  async function (this: HeliosWorld, body: string) {
    adminState(this).policyBefore = await readListedPolicy(this);
    const request = { method: 'PUT', path: POLICY_PATH, body };
    await sendAdminRequest(this, request, adminHeaders(this));
  },
);

Given(
  'the admin has set the policy switch {string} to {word}',
  async function (this: HeliosWorld, name: string, value: string) {
    const key = policySwitch(name);
    await this.setPolicy({ [key]: parseBoolean(value) });

    const actual = (await readListedPolicy(this))[key];
    if (actual !== parseBoolean(value)) {
      throw this.failure(
        `expected ${name} ${value} in the listed policy after setting it, ` +
          `got ${show(actual)}`,
      );
    }
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
  async function (this: HeliosWorld, verb: string) {
    const request = UNKNOWN_ID_REQUESTS[verb];
    if (request === undefined) {
      throw new Error(`unknown verb "${verb}"; use fetch, patch or delete`);
    }
    const path = tokenPath(randomUUID());
    await this.adminRequest(request.method, path, request.body);
  },
);

// Callers without an admin key.

When(
  'a caller presenting {adminCaller}',
  async function (this: HeliosWorld, caller: Caller) {
    adminState(this).caller = await callerHeaders(this, caller);
  },
);

When(
  'the caller tries to {adminAction}',
  async function (this: HeliosWorld, action: CallerAction) {
    const state = adminState(this);
    state.tokensBefore = ownTokensSnapshot(this, await listTokens(this));
    state.policyBefore = await readListedPolicy(this);

    const request = callerRequest(this, action);
    await sendAdminRequest(this, request, state.caller ?? []);
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
      throw this.failure(
        `expected 401 Unauthorized or 403 Forbidden, got ${status}`,
      );
    }
  },
);

Then('the token list is unchanged', async function (this: HeliosWorld) {
  const before = adminState(this).tokensBefore;
  if (before === undefined) {
    throw new Error('the token list was not read before the request');
  }

  const after = ownTokensSnapshot(this, await listTokens(this));
  if (after !== before) {
    throw this.failure(
      "expected the scenario's tokens unchanged, " +
        `before: ${before}, after: ${after}`,
    );
  }
});

Then('the policy is unchanged', async function (this: HeliosWorld) {
  const before = adminState(this).policyBefore;
  if (before === undefined) {
    throw new Error('the policy was not read before the request');
  }

  const after = await readListedPolicy(this);
  if (show(after) !== show(before)) {
    throw this.failure(
      `expected the policy unchanged, before: ${show(before)}, ` +
        `after: ${show(after)}`,
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
          `expected "${field}" ${show(sent[field])} in the creation ` +
            `response, got ${show(received[field])}`,
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
      throw this.failure('expected two different secrets, got one twice');
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
        `expected enabled ${expected} in the response, got ${show(enabled)}`,
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
      indexes: sortedIfArray(token.indexes),
    };
    const actual = {
      name: listed.name,
      env: listed.env,
      indexes: sortedIfArray(listed.indexes),
    };

    if (show(actual) !== show(expected)) {
      throw this.failure(
        `expected token ${token.id} listed as ${show(expected)}, ` +
          `got ${show(actual)}`,
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
      throw this.failure(
        `expected token ${token.id} listed enabled, ` +
          `got enabled ${show(listed.enabled)}`,
      );
    }
    if (listed.last4 !== last4) {
      throw this.failure(
        `expected token ${token.id} listed with last4 "${last4}", ` +
          `got ${show(listed.last4)}`,
      );
    }
  },
);

Then(
  'the list reports each policy switch as a boolean',
  function (this: HeliosWorld) {
    const policy = adminState(this).lastList?.policy ?? {};

    for (const name of POLICY_SWITCHES) {
      if (typeof policy[name] !== 'boolean') {
        throw this.failure(
          `expected policy.${name} as a boolean, got ${show(policy[name])}`,
        );
      }
    }
  },
);

Then(
  'the response shows the policy switch {string} as {word}',
  function (this: HeliosWorld, name: string, value: string) {
    const actual = asRecord(this.lastResponse?.json)[policySwitch(name)];

    if (actual !== parseBoolean(value)) {
      throw this.failure(
        `expected ${name} ${value} in the response, got ${show(actual)}`,
      );
    }
  },
);

Then(
  'the token list shows the policy switch {string} as {word}',
  async function (this: HeliosWorld, name: string, value: string) {
    const policy = (await listTokens(this)).policy;
    const actual = policy[policySwitch(name)];

    if (actual !== parseBoolean(value)) {
      throw this.failure(
        `expected ${name} ${value} in the listed policy, got ${show(actual)}`,
      );
    }
  },
);

Then('the response carries an error object', function (this: HeliosWorld) {
  const error = asRecord(this.lastResponse?.json).error;

  if (typeof error !== 'object' || error === null) {
    throw this.failure('expected an "error" object in the response body');
  }
});

Then(
  'the error message names the field {string}',
  function (this: HeliosWorld, field: string) {
    const error = asRecord(asRecord(this.lastResponse?.json).error);
    const message = typeof error.message === 'string' ? error.message : '';

    if (!new RegExp(`\\b${field}\\b`).test(message)) {
      throw this.failure(
        `expected the error message to name "${field}", got ${show(message)}`,
      );
    }
  },
);
