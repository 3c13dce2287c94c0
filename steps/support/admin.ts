/**
 * Helpers for the steps about the admin API, the token lifecycle and
 * secrets: reading the token list, remembering tokens a scenario deleted or
 * rotated, and finding secrets that leaked into a text.
 */

import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { presentSecret, type AuthorizationValue } from './credentials';
import type { RecordedHeader } from './exchanges';
import type { CreatedToken, HeliosWorld, Policy } from './world';

/**
 * Length of the secret pieces searched for in responses, files and logs.
 * Long enough that a random match is negligible, and longer than the four
 * characters a token list may show.
 */
export const LEAK_WINDOW = 8;

/** Maximum number of files searched in the data directory. */
const MAX_DATA_FILES = 200;

export const TOKENS_PATH = '/api/admin/ingest-tokens';
export const POLICY_PATH = '/api/admin/ingest-auth';

export const POLICY_SWITCHES = [
  'require',
  'apiEnabled',
  'shimsEnabled',
] as const;
export type PolicySwitch = (typeof POLICY_SWITCHES)[number];

/** One entry of the token list as the target returns it. */
export interface ListedToken {
  id: string;
  name?: unknown;
  env?: unknown;
  indexes?: unknown;
  enabled?: unknown;
  last4?: unknown;
  [field: string]: unknown;
}

export interface TokenList {
  policy: Record<string, unknown>;
  tokens: ListedToken[];
}

/** A secret to search for and how a report names it. */
export interface KnownSecret {
  value: string;
  description: string;
}

/** State of one scenario that the shared World does not keep. */
export interface AdminScenarioState {
  /** Tokens deleted by a step, by label, kept to present them again. */
  deleted: Map<string, CreatedToken>;
  /** The token a rotation replaced. */
  rotatedFrom?: CreatedToken;
  /** Authorization headers of the caller of the admin API. */
  caller?: RecordedHeader[];
  /** The scenario's own tokens as listed before a caller's attempt. */
  tokensBefore?: string;
  /** The policy read before a request that must not change it. */
  policyBefore?: Policy;
  /** Ids of tokens created by a request that should have been rejected. */
  strayTokenIds: string[];
  /** The token list read by the last list step. */
  lastList?: TokenList;
}

const states = new WeakMap<HeliosWorld, AdminScenarioState>();

export function adminState(world: HeliosWorld): AdminScenarioState {
  let state = states.get(world);
  if (state === undefined) {
    state = { deleted: new Map(), strayTokenIds: [] };
    states.set(world, state);
  }
  return state;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : {};
}

export function tokenPath(id: string): string {
  return `${TOKENS_PATH}/${encodeURIComponent(id)}`;
}

/** Reads the token list with the admin key; fails unless it is well formed. */
export async function listTokens(world: HeliosWorld): Promise<TokenList> {
  const result = await world.adminRequest('GET', TOKENS_PATH);
  const body = asRecord(result.json);

  if (result.status !== 200 || !Array.isArray(body.tokens)) {
    throw world.failure(
      `expected 200 with a "tokens" array from GET ${TOKENS_PATH}, ` +
        `got ${result.status}`,
    );
  }
  const tokens = body.tokens.map((entry) => asRecord(entry) as ListedToken);
  return { policy: asRecord(body.policy), tokens };
}

export function findListed(
  list: TokenList,
  id: string,
): ListedToken | undefined {
  return list.tokens.find((entry) => entry.id === id);
}

/** Parses a JSON object, or returns an empty object for anything else. */
export function parseObject(text: string | undefined): Record<string, unknown> {
  try {
    return asRecord(JSON.parse(text ?? ''));
  } catch {
    return {};
  }
}

/** Finds the recorded request and response bodies that created `token`. */
export function creationExchange(world: HeliosWorld, token: CreatedToken) {
  const exchange = world.exchanges.find(
    (each) =>
      each.method === 'POST' &&
      new URL(each.url).pathname === TOKENS_PATH &&
      parseObject(each.responseBody).id === token.id,
  );
  if (exchange === undefined) {
    throw new Error(`the creation of token ${token.id} was not recorded`);
  }
  return {
    sent: parseObject(exchange.body),
    received: parseObject(exchange.responseBody),
  };
}

/** Prefix of the names the World gives the tokens of this scenario. */
export function scenarioNamePrefix(world: HeliosWorld): string {
  return `${world.suiteParameters.runPrefix}-${world.scenarioId}-`;
}

/** Returns the scenario's own listed tokens, sorted by id, as text. */
export function ownTokensSnapshot(world: HeliosWorld, list: TokenList): string {
  const prefix = scenarioNamePrefix(world);
  const own = list.tokens
    .filter((entry) => String(entry.name).startsWith(prefix))
    .sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify(own);
}

/**
 * Returns the env label under which `token.env` was named, so that a new
 * token can be created in the same env.
 */
export function envLabelOf(world: HeliosWorld, token: CreatedToken): string {
  const candidates = [`${token.label}-env`, token.label, 'default-env'];
  const label = candidates.find((each) => world.envName(each) === token.env);
  if (label === undefined) {
    throw new Error(
      `cannot find the env label of token "${token.label}" (env ${token.env})`,
    );
  }
  return label;
}

/** Reads the policy from the token list, each switch as a boolean. */
export async function readListedPolicy(world: HeliosWorld): Promise<Policy> {
  const policy = (await listTokens(world)).policy;
  return {
    require: policy.require === true,
    apiEnabled: policy.apiEnabled === true,
    shimsEnabled: policy.shimsEnabled === true,
  };
}

// Callers of the admin API that hold no admin key.

export const CALLERS = [
  'no credential',
  'an unknown key',
  'the ingest token',
  'a reader API key',
] as const;
export type Caller = (typeof CALLERS)[number];

export const CALLER_ACTIONS = [
  'list the tokens',
  'create a token',
  'disable the token',
  'delete the token',
  'switch require-auth on',
] as const;
export type CallerAction = (typeof CALLER_ACTIONS)[number];

export interface AdminRequest {
  method: string;
  path: string;
  body?: unknown;
}

export function authorizationHeader(value: AuthorizationValue): RecordedHeader {
  return {
    name: 'Authorization',
    value: value.header,
    shell: value.shell,
    description: value.description,
  };
}

/** Builds the Authorization header(s) a caller presents, if any. */
export async function callerHeaders(
  world: HeliosWorld,
  caller: Caller,
): Promise<RecordedHeader[]> {
  if (caller === 'no credential') {
    return [];
  }
  if (caller === 'an unknown key') {
    return [authorizationHeader(world.unknownTokenAs('bearer'))];
  }

  const { secret, variable } =
    caller === 'the ingest token'
      ? world.token('default')
      : await world.createApiKey('caller', 'reader');
  const value = presentSecret('bearer', { value: secret, variable });
  return [authorizationHeader(value)];
}

/** Builds the request of a caller's action, without credentials. */
export function callerRequest(
  world: HeliosWorld,
  action: CallerAction,
): AdminRequest {
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

/** Sends an admin API request with the given credential headers. */
export async function sendAdminRequest(
  world: HeliosWorld,
  request: AdminRequest,
  credentials: RecordedHeader[],
): Promise<void> {
  const headers = [...credentials];
  const body =
    typeof request.body === 'string' || request.body === undefined
      ? request.body
      : JSON.stringify(request.body);
  if (body !== undefined) {
    headers.push({ name: 'Content-Type', value: 'application/json' });
  }
  await world.request({ ...request, headers, body });
}

/** Returns the admin key as a Bearer Authorization header. */
export function adminHeaders(world: HeliosWorld): RecordedHeader[] {
  return [
    {
      name: 'Authorization',
      value: `Bearer ${world.target.adminKey}`,
      shell: 'Bearer $HELIOS_ADMIN_KEY',
      description: 'Bearer with $HELIOS_ADMIN_KEY',
    },
  ];
}

/** Remembers a token created by a request that should have been rejected. */
export function trackStrayToken(world: HeliosWorld): void {
  const response = world.lastResponse;
  const id = asRecord(response?.json).id;
  if (response && response.status < 300 && typeof id === 'string') {
    adminState(world).strayTokenIds.push(id);
  }
}

// Secrets in texts, files and logs.

/** Returns every run of `window` consecutive characters of `value`. */
export function secretPieces(value: string, window = LEAK_WINDOW): string[] {
  if (value.length <= window) {
    return [value];
  }
  const pieces: string[] = [];
  for (let start = 0; start + window <= value.length; start += 1) {
    pieces.push(value.slice(start, start + window));
  }
  return pieces;
}

/**
 * Returns the descriptions of the secrets of which `text` contains the
 * whole value or any piece of `LEAK_WINDOW` characters. Secrets shorter than
 * the window are ignored: they would match by chance.
 */
export function leakedSecrets(text: string, secrets: KnownSecret[]): string[] {
  return secrets
    .filter((secret) => secret.value.length >= LEAK_WINDOW)
    .filter((secret) =>
      secretPieces(secret.value).some((piece) => text.includes(piece)),
    )
    .map((secret) => secret.description);
}

/** Returns every secret the World registered (keys and tokens). */
export function knownSecrets(world: HeliosWorld): KnownSecret[] {
  return world.masker.variables().map((secret) => ({
    value: secret.value,
    description: `${secret.description} ($${secret.variable})`,
  }));
}

/** Returns the secrets created by the scenario: all but the admin key. */
export function scenarioSecrets(world: HeliosWorld): KnownSecret[] {
  const adminKey = world.target.adminKey;
  return knownSecrets(world).filter((secret) => secret.value !== adminKey);
}

/**
 * Returns the credential part of each Authorization value the scenario sent
 * and each `token` query parameter, so a log check covers exactly what was
 * presented, including Basic values in their base64 form.
 */
export function presentedCredentials(world: HeliosWorld): KnownSecret[] {
  const found: KnownSecret[] = [];

  for (const exchange of world.exchanges) {
    for (const header of exchange.headers) {
      if (header.name.toLowerCase() !== 'authorization') continue;
      // RFC 9110 §11.4: credentials = auth-scheme [ 1*SP ... ]
      const credential = header.value.trim().split(/\s+/).slice(1).join(' ');
      const source = header.description ?? 'an Authorization header';
      const description = world.mask(`the credential of "${source}"`);
      found.push({ value: credential, description });
    }
    const query = new URL(exchange.url).searchParams.getAll('token');
    for (const value of query) {
      found.push({ value, description: 'a token query parameter' });
    }
  }
  return found;
}

/** Lists the files under `dir`, at most `MAX_DATA_FILES` of them. */
async function dataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const files: string[] = [];

  for (const entry of entries.slice(0, MAX_DATA_FILES)) {
    const path = join(dir, entry);
    const info = await stat(path);
    if (info.isFile()) {
      files.push(path);
    }
  }
  return files;
}

/** Returns `file: secret` for every data file containing a secret. */
export async function secretsInFiles(
  dir: string,
  secrets: KnownSecret[],
): Promise<string[]> {
  const findings: string[] = [];

  for (const file of await dataFiles(dir)) {
    const text = await readFile(file, 'utf8');
    for (const description of leakedSecrets(text, secrets)) {
      findings.push(`${file}: ${description}`);
    }
  }
  return findings;
}

/**
 * Deletes tokens that a request created although it should have been
 * rejected, and restores a policy that such a request changed. The World's
 * own clean-up tracks neither.
 */
export async function cleanUpAdminState(world: HeliosWorld): Promise<void> {
  const state = states.get(world);
  if (state === undefined) {
    return;
  }

  for (const id of state.strayTokenIds) {
    await world.adminRequest('DELETE', tokenPath(id));
  }
  if (state.policyBefore !== undefined) {
    await restorePolicy(world, state.policyBefore);
  }
}

async function restorePolicy(world: HeliosWorld, before: Policy) {
  const now = (await listTokens(world)).policy;
  const changed = POLICY_SWITCHES.some((name) => now[name] !== before[name]);
  if (changed) {
    await world.adminRequest('PUT', POLICY_PATH, before);
  }
}
