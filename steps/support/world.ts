/**
 * The World: all state of one scenario (names, created credentials, the
 * policy found before the scenario changed it, every HTTP exchange) and the
 * operations steps build on.
 */

import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';

import {
  World,
  setWorldConstructor,
  type IWorldOptions,
} from '@cucumber/cucumber';

import {
  presentSecret,
  type AuthorizationValue,
  type PresentationId,
  type PresentationOptions,
  type SecretRef,
} from './credentials';
import {
  DEFAULT_INDEX,
  ENDPOINTS,
  markerOfAnyEvent,
  type EndpointId,
  type IndexPlace,
} from './endpoints';
import {
  Masker,
  curlCommand,
  exchangeSummary,
  failureReport,
  type Exchange,
  type RecordedHeader,
} from './exchanges';
import { isInterrupted } from './interruption';
import {
  DEFAULT_ENV,
  NAME_REGEXP,
  SEARCH_LIMIT,
  asRecord,
  candidatePlaces,
  matchesStatus,
  randomName,
  statusText,
  type CreatedKey,
  type CreatedToken,
  type CredentialSpec,
  type ExpectedStatus,
  type Policy,
  type SearchedEvent,
  type SendOptions,
  type SendRecord,
} from './world-types';
import { readSuiteParameters, type SuiteParameters } from './parameters';
import {
  currentTarget,
  type EmbeddedView,
  type HttpResult,
  type RequestSpec,
  type Target,
} from './target';

export { DEFAULT_ENV, NAME_REGEXP } from './world-types';
export type {
  CreatedKey,
  CreatedToken,
  CredentialSpec,
  ExpectedStatus,
  Policy,
  SearchedEvent,
  SendOptions,
  SendRecord,
} from './world-types';

function rejectIfInterrupted(): void {
  if (isInterrupted()) {
    throw new Error('the run was interrupted: nothing more is created');
  }
}

function searchQuery(env: string, index: string): string {
  const limit = String(SEARCH_LIMIT);
  return new URLSearchParams({ env, index, limit }).toString();
}

export class HeliosWorld extends World<SuiteParameters> {
  readonly suiteParameters: SuiteParameters;
  /** Unique per scenario; each send adds `_<n>`. */
  readonly marker: string;
  readonly scenarioId: string;
  readonly exchanges: Exchange[] = [];
  readonly masker = new Masker();

  lastResponse: HttpResult | undefined;
  lastSend: SendRecord | undefined;

  private readonly tokens = new Map<string, CreatedToken>();
  /** Ids of tokens this scenario deleted; they stay known by label. */
  private readonly deletedTokenIds = new Set<string>();
  private readonly keys = new Map<string, CreatedKey>();
  private readonly envNames = new Map<string, string>();
  private policyBefore: Policy | undefined;
  private connectionAgent: Agent | undefined;
  /** Responses of requests sent over the keep-alive connection, in order. */
  readonly connectionResults: HttpResult[] = [];
  private sendCount = 0;
  /** Requests in flight that may create something to clean up. */
  private readonly pendingCreations = new Set<Promise<HttpResult>>();
  /** The clean-up running now, if any: a second one waits for it. */
  private runningCleanUp: Promise<string[]> | undefined;
  private secretCount = 0;

  constructor(options: IWorldOptions) {
    super(options);
    this.suiteParameters = readSuiteParameters(options.parameters);
    this.scenarioId = randomName(6);
    this.marker = `${this.suiteParameters.runPrefix}${this.scenarioId}`;
  }

  get target(): Target {
    return currentTarget();
  }

  /** Registers the admin key with the masker; called by the Before hook. */
  prepare(): void {
    this.masker.add(
      this.target.adminKey,
      'HELIOS_ADMIN_KEY',
      'the admin API key',
    );
  }

  // Names.

  /** Returns `<runPrefix>-<scenario>-<label>`. */
  scopedName(label: string): string {
    return `${this.suiteParameters.runPrefix}-${this.scenarioId}-${label}`;
  }

  /** Returns the env name of a label, stable within a scenario. */
  envName(label: string): string {
    const known = this.envNames.get(label);
    if (known !== undefined) {
      return known;
    }
    const name = this.scopedName(label);
    if (!NAME_REGEXP.test(name)) {
      throw new Error(
        `invalid env label "${label}": "${name}" must match ${NAME_REGEXP}`,
      );
    }
    this.envNames.set(label, name);
    return name;
  }

  // Secrets and credentials.

  /** Registers a secret so that every report masks it. */
  rememberSecret(value: string, variable: string, description: string): void {
    this.masker.add(value, variable, description);
  }

  mask(text: string): string {
    return this.masker.mask(text);
  }

  /** Registers a value derived from a secret and returns its reference. */
  deriveSecret(value: string, description: string): SecretRef {
    const variable = this.nextVariable('HELIOS_DERIVED_SECRET');
    this.rememberSecret(value, variable, description);
    return { value, variable };
  }

  private nextVariable(prefix: string): string {
    this.secretCount += 1;
    return `${prefix}_${this.secretCount}`;
  }

  async createToken(
    label = 'default',
    options: { env?: string; indexes?: string[] } = {},
  ): Promise<CreatedToken> {
    const env = this.envName(options.env ?? label);
    const indexes = options.indexes ?? [];
    const name = this.scopedName(label);

    const result = await this.creating(() =>
      this.adminRequest('POST', '/api/admin/ingest-tokens', {
        name,
        env,
        indexes,
      }),
    );
    const body = asRecord(result.json);
    if (result.status !== 201 || typeof body.secret !== 'string') {
      throw this.failure(
        `token "${label}" was not created: expected 201 with a secret`,
      );
    }

    const variable = this.nextVariable('HELIOS_TOKEN');
    const token: CreatedToken = {
      label,
      id: String(body.id),
      secret: body.secret,
      env,
      indexes,
      variable,
    };
    this.rememberSecret(
      token.secret,
      variable,
      `the secret of ingest token "${label}" (id ${token.id}, env ${env})`,
    );
    this.tokens.set(label, token);
    return token;
  }

  /** Returns the token created under `label`, deleted or not. */
  token(label = 'default'): CreatedToken {
    const token = this.tokens.get(label);
    if (token === undefined) {
      const known = [...this.tokens.keys()].join(', ') || 'none';
      throw new Error(`unknown token label "${label}" (created: ${known})`);
    }
    return token;
  }

  /** Returns a token's secret as a reference for the credential catalogue. */
  tokenSecret(label = 'default'): SecretRef {
    const token = this.token(label);
    return { value: token.secret, variable: token.variable };
  }

  async setTokenEnabled(label: string, enabled: boolean): Promise<HttpResult> {
    const token = this.token(label);
    const path = `/api/admin/ingest-tokens/${encodeURIComponent(token.id)}`;
    const result = await this.adminRequest('PATCH', path, { enabled });
    this.expectStatus(200);
    return result;
  }

  async deleteToken(label: string): Promise<HttpResult> {
    const token = this.token(label);
    const path = `/api/admin/ingest-tokens/${encodeURIComponent(token.id)}`;
    const result = await this.adminRequest('DELETE', path);
    if (result.status === 204 || result.status === 404) {
      this.deletedTokenIds.add(token.id);
    }
    return result;
  }

  async createApiKey(
    label: string,
    role: 'reader' | 'admin',
  ): Promise<CreatedKey> {
    const name = this.scopedName(label);
    const result = await this.creating(() =>
      this.adminRequest('POST', '/api/admin/api-keys', { name, role }),
    );
    const body = asRecord(result.json);
    if (result.status !== 201 || typeof body.secret !== 'string') {
      throw this.failure(
        `API key "${label}" was not created: expected 201 with a secret`,
      );
    }

    const variable = this.nextVariable('HELIOS_API_KEY');
    const key: CreatedKey = {
      label,
      id: String(body.id),
      secret: body.secret,
      role,
      variable,
    };
    this.rememberSecret(
      key.secret,
      variable,
      `the secret of the ${role} API key "${label}" (id ${key.id})`,
    );
    this.keys.set(label, key);
    return key;
  }

  apiKey(label: string): CreatedKey {
    const key = this.keys.get(label);
    if (key === undefined) {
      throw new Error(`unknown API key label "${label}"`);
    }
    return key;
  }

  /** Builds the Authorization value(s) of a credential spec. */
  authorizationHeaders(credential: CredentialSpec): RecordedHeader[] {
    if ('token' in credential) {
      const token = this.token(credential.token);
      const secret = { value: token.secret, variable: token.variable };
      const value = presentSecret(
        credential.presentation,
        secret,
        credential.options,
      );
      return [
        {
          name: 'Authorization',
          value: value.header,
          shell: value.shell,
          description: value.description,
        },
      ];
    }
    if ('authorization' in credential) {
      const values = [credential.authorization].flat();
      return values.map((value) => ({
        name: 'Authorization',
        value,
        description: credential.description,
      }));
    }
    const values = [credential.header].flat();
    return values.map((value) => ({
      name: 'Authorization',
      value: value.header,
      shell: value.shell,
      description: value.description,
    }));
  }

  /** Presents a random token the target never issued. */
  unknownTokenAs(
    presentation: PresentationId,
    options?: PresentationOptions,
  ): AuthorizationValue {
    const value = `hlt_${randomBytes(32).toString('base64url')}`;
    const variable = this.nextVariable('HELIOS_UNKNOWN_TOKEN');
    this.rememberSecret(
      value,
      variable,
      'a random token the target never issued',
    );
    return presentSecret(presentation, { value, variable }, options);
  }

  /** Returns the token of the last send, else the scenario's only token. */
  lastSendToken(): CreatedToken {
    const fromSend = this.lastSend?.token;
    if (fromSend !== undefined) {
      return fromSend;
    }
    const all = [...this.tokens.values()];
    if (all.length !== 1) {
      throw new Error(
        `cannot tell which token is meant: the last send used none and the scenario created ${all.length}`,
      );
    }
    return all[0];
  }

  // Policy.

  async readPolicy(): Promise<Policy> {
    const result = await this.adminRequest('GET', '/api/admin/ingest-tokens');
    const policy = asRecord(asRecord(result.json).policy);
    if (result.status !== 200 || typeof policy.require !== 'boolean') {
      throw this.failure(
        'failed to read the policy: expected 200 with a policy in the token list',
      );
    }
    return policy as unknown as Policy;
  }

  /** Changes the policy, remembering the one found before the scenario. */
  async setPolicy(change: Partial<Policy>): Promise<Policy> {
    // Checked before the read: after a signal's clean-up restored the
    // policy, a read here would record the changed policy as the original.
    rejectIfInterrupted();
    this.policyBefore ??= await this.readPolicy();

    const result = await this.creating(() =>
      this.adminRequest('PUT', '/api/admin/ingest-auth', change),
    );
    if (result.status !== 200) {
      throw this.failure(
        `the policy change ${JSON.stringify(change)} was rejected`,
      );
    }
    return result.json as Policy;
  }

  // Requests.

  /**
   * Sends a request and records it. Throws when no response came or on an
   * unexpected 5xx.
   */
  async request(
    spec: RequestSpec & { allowServerError?: boolean },
  ): Promise<HttpResult> {
    const outcome = await this.target.send(spec);
    this.exchanges.push(outcome.exchange);

    if (outcome.result === undefined) {
      throw this.failure(`no response: ${outcome.exchange.failure}`);
    }
    this.lastResponse = outcome.result;
    if (outcome.result.status >= 500 && spec.allowServerError !== true) {
      throw this.failure(
        `unexpected server error ${statusText(outcome.result.status)}`,
      );
    }
    return outcome.result;
  }

  async adminRequest(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<HttpResult> {
    const headers: RecordedHeader[] = [
      {
        name: 'Authorization',
        value: `Bearer ${this.target.adminKey}`,
        shell: 'Bearer $HELIOS_ADMIN_KEY',
        description: 'Bearer with $HELIOS_ADMIN_KEY',
      },
    ];
    if (body !== undefined) {
      headers.push({ name: 'Content-Type', value: 'application/json' });
    }
    return this.request({
      method,
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Sends `count` events carrying a fresh marker to an endpoint. */
  async sendEvents(options: SendOptions): Promise<SendRecord> {
    const definition = ENDPOINTS[options.endpoint];
    const count = options.count ?? 1;
    this.sendCount += 1;
    const marker = `${this.marker}_${this.sendCount}`;

    const built = definition.build({
      count,
      marker,
      index: options.index,
      indexVia: options.indexVia,
      eventIndex: options.eventIndex,
    });
    const query = [...built.query, ...(options.extraQuery ?? [])];
    const headers: RecordedHeader[] = [
      { name: 'Content-Type', value: built.contentType },
    ];
    const namedEnv = this.namedEnv(options.env);

    if (namedEnv !== undefined && options.env?.via === 'query') {
      query.push(['env', namedEnv]);
    }
    if (namedEnv !== undefined && options.env?.via === 'header') {
      headers.push({ name: 'X-Helios-Env', value: namedEnv });
    }
    if (options.credential !== undefined) {
      headers.push(...this.authorizationHeaders(options.credential));
    }
    headers.push(...(options.headers ?? []));

    const result = await this.request({
      method: built.method,
      path: built.path,
      query,
      headers,
      body: built.body,
      agent: options.agent,
      allowServerError: options.allowServerError,
    });

    const token =
      options.credential !== undefined && 'token' in options.credential
        ? this.token(options.credential.token)
        : undefined;
    const index = options.index ?? DEFAULT_INDEX;
    const places = candidatePlaces({
      index,
      eventIndexes: Array.from({ length: count }, (_, i) =>
        options.eventIndex?.(i),
      ),
      tokenEnvs: [...this.tokens.values()].map((t) => t.env),
      namedEnv,
    });

    this.lastSend = {
      endpoint: options.endpoint,
      marker,
      count,
      index,
      candidateEnvs: places.envs,
      candidateIndexes: places.indexes,
      token,
      result,
    };
    return this.lastSend;
  }

  private namedEnv(env: SendOptions['env']): string | undefined {
    if (env === undefined) {
      return undefined;
    }
    return env.name ?? this.envName(env.label ?? 'default');
  }

  /**
   * Returns the scenario's keep-alive agent. With one socket at most, every
   * request sent through it shares one connection while the server keeps
   * it open.
   */
  keepAliveAgent(): Agent {
    this.connectionAgent ??= new Agent({ keepAlive: true, maxSockets: 1 });
    return this.connectionAgent;
  }

  /** Sends events over the keep-alive connection and records the result. */
  async sendOverConnection(
    options: Omit<SendOptions, 'agent'>,
  ): Promise<SendRecord> {
    const send = await this.sendEvents({
      ...options,
      agent: this.keepAliveAgent(),
    });
    this.connectionResults.push(send.result);
    return send;
  }

  // Read-back.

  async searchEvents(env: string, index: string): Promise<SearchedEvent[]> {
    // A read-back is an observation, so steps that look at the last
    // response still see the response to the request under test.
    const responseUnderTest = this.lastResponse;
    const result = await this.adminRequest(
      'GET',
      `/api/search?${searchQuery(env, index)}`,
    );
    this.lastResponse = responseUnderTest;
    this.exchanges[this.exchanges.length - 1].readBack = true;
    const events = asRecord(result.json).events;
    if (result.status !== 200 || !Array.isArray(events)) {
      throw this.failure(
        `search of env ${env} index ${index} failed: expected 200 with an events list`,
      );
    }
    // TODO: a remote env with more than SEARCH_LIMIT older events hides
    // newer ones; the search API has no cursor to page past them.
    return events as SearchedEvent[];
  }

  /**
   * Returns the events in env/index whose marker equals `marker`, or (when
   * absent) belongs to any send of this scenario.
   */
  async storedEvents(
    env: string,
    index: string,
    marker?: string,
    endpoint?: EndpointId,
  ): Promise<SearchedEvent[]> {
    const events = await this.searchEvents(env, index);
    const markerOf =
      endpoint === undefined ? markerOfAnyEvent : ENDPOINTS[endpoint].markerOf;

    return events.filter((stored) => {
      const found = markerOf(stored.event);
      if (found === undefined) {
        return false;
      }
      return marker === undefined
        ? found.startsWith(`${this.marker}_`)
        : found === marker;
    });
  }

  // Assertions.

  private requireLastSend(): SendRecord {
    if (this.lastSend === undefined) {
      throw new Error('no events were sent in this scenario yet');
    }
    return this.lastSend;
  }

  /**
   * Builds an Error whose message names the last request under test and
   * the last read-back search, if later, then a curl command reproducing
   * the request under test, with secrets masked. Reports that keep only
   * the error message, such as JUnit XML, still carry all of it.
   */
  failure(message: string): Error {
    const subjects = this.exchanges.filter((exchange) => !exchange.readBack);
    const subject = subjects.at(-1);
    const lines = [subject, this.exchanges.at(-1)]
      .filter((exchange, i, all) => exchange && all.indexOf(exchange) === i)
      .map((exchange) => exchangeSummary(exchange as Exchange, this.masker));
    const context = lines.map((line) => `\n  request: ${line}`).join('');
    // Not indented: a here-document body and its end line must stay as is.
    const curl =
      subject === undefined
        ? ''
        : `\n  reproduce with:\n${curlCommand(subject, this.masker)}`;
    return new Error(this.mask(message) + context + curl);
  }

  expectStatus(expected: ExpectedStatus): void {
    const actual = this.lastResponse?.status;
    if (actual === undefined) {
      throw new Error('no response received in this scenario yet');
    }
    if (!matchesStatus(actual, expected)) {
      const wanted =
        typeof expected === 'number' ? statusText(expected) : expected;
      throw this.failure(`expected ${wanted}, got ${statusText(actual)}`);
    }
  }

  /** Asserts the last send's events are all stored in env (and index). */
  async expectStored(env: string, index?: string): Promise<void> {
    const send = this.requireLastSend();
    const where = index ?? send.index;
    const found = await this.storedEvents(
      env,
      where,
      send.marker,
      send.endpoint,
    );

    if (found.length !== send.count) {
      throw this.failure(
        `expected ${send.count} event(s) with marker ${send.marker} in env ${env} index ${where}, found ${found.length}`,
      );
    }
    const source = ENDPOINTS[send.endpoint].source;
    const wrongSource = found.find((stored) => stored.source !== source);
    if (wrongSource !== undefined) {
      throw this.failure(
        `expected stored events with source "${source}", got "${wrongSource.source}"`,
      );
    }
  }

  /** Asserts no event of the last send is stored in any of the places. */
  async expectNothingStored(
    places?: { env: string; index?: string }[],
  ): Promise<void> {
    const send = this.requireLastSend();
    const targets =
      places ??
      send.candidateEnvs.flatMap((env) =>
        send.candidateIndexes.map((index) => ({ env, index })),
      );

    for (const place of targets) {
      const index = place.index ?? send.index;
      const found = await this.storedEvents(place.env, index, send.marker);
      if (found.length > 0) {
        throw this.failure(
          `expected nothing stored for marker ${send.marker}, found ${found.length} event(s) in env ${place.env} index ${index}`,
        );
      }
    }
  }

  // Skipping.

  /** Logs why a step cannot run here; return its value from the step. */
  skip(reason: string): 'skipped' {
    this.log(`skipped: ${reason}`);
    return 'skipped';
  }

  skipUnlessAvailable(endpoint: EndpointId): 'skipped' | undefined {
    const family = ENDPOINTS[endpoint].family;
    if (this.suiteParameters.without.includes(family)) {
      return this.skip(
        `the target declared the ${family} shim missing (endpoint ${endpoint})`,
      );
    }
    return undefined;
  }

  embeddedOnly(): EmbeddedView | undefined {
    return this.target.embedded;
  }

  // Clean-up.

  /**
   * Runs a request that creates something the clean-up must undo. Refused
   * once the run was interrupted, so that the clean-up can finish.
   */
  private async creating(send: () => Promise<HttpResult>): Promise<HttpResult> {
    rejectIfInterrupted();
    const pending = send();
    this.pendingCreations.add(pending);
    try {
      return await pending;
    } finally {
      this.pendingCreations.delete(pending);
    }
  }

  /** Tells whether clean-up has something to do, now or once requests end. */
  hasCleanUpWork(): boolean {
    const liveTokens = [...this.tokens.values()].some(
      (token) => !this.deletedTokenIds.has(token.id),
    );
    return (
      this.pendingCreations.size > 0 ||
      this.runningCleanUp !== undefined ||
      liveTokens ||
      this.keys.size > 0 ||
      this.policyBefore !== undefined
    );
  }

  /** Returns the failure report attached to a failed scenario. */
  failureReport(): string {
    return failureReport(this.exchanges, this.masker);
  }

  /**
   * Deletes every token and API key the scenario created and restores the
   * policy found before it. Returns the problems; an empty list is success.
   * A call during another clean-up (a signal during the After hook) waits
   * for it to finish, then cleans up what is left.
   */
  async cleanUp(): Promise<string[]> {
    while (this.runningCleanUp !== undefined) {
      await this.runningCleanUp;
    }

    const running = this.cleanUpOnce();
    this.runningCleanUp = running;
    try {
      return await running;
    } finally {
      this.runningCleanUp = undefined;
    }
  }

  private async cleanUpOnce(): Promise<string[]> {
    const problems: string[] = [];

    // A creation still in flight (after a signal) lands later: wait for it,
    // so its token is known and a policy read sees its change. Each request
    // times out, which bounds the wait.
    await Promise.allSettled([...this.pendingCreations]);

    const live = [...this.tokens.values()].filter(
      (token) => !this.deletedTokenIds.has(token.id),
    );
    for (const token of live) {
      await this.attempt(
        problems,
        `delete token "${token.label}"`,
        async () => {
          const id = encodeURIComponent(token.id);
          return this.adminRequest('DELETE', `/api/admin/ingest-tokens/${id}`);
        },
      );
      this.deletedTokenIds.add(token.id);
    }
    for (const key of [...this.keys.values()]) {
      await this.attempt(
        problems,
        `delete API key "${key.label}"`,
        async () => {
          return this.adminRequest(
            'DELETE',
            `/api/admin/api-keys/${encodeURIComponent(key.id)}`,
          );
        },
      );
      this.keys.delete(key.label);
    }
    await this.restorePolicy(problems);
    this.connectionAgent?.destroy();

    return problems;
  }

  private async restorePolicy(problems: string[]): Promise<void> {
    const before = this.policyBefore;
    if (before === undefined) {
      return;
    }
    this.policyBefore = undefined;

    await this.attempt(problems, 'restore the policy', async () => {
      const now = await this.readPolicy();
      const changed = (Object.keys(before) as (keyof Policy)[]).some(
        (k) => now[k] !== before[k],
      );
      return changed
        ? this.adminRequest('PUT', '/api/admin/ingest-auth', before)
        : undefined;
    });
  }

  private async attempt(
    problems: string[],
    what: string,
    action: () => Promise<HttpResult | undefined>,
  ): Promise<void> {
    try {
      const result = await action();
      const ok =
        result === undefined || result.status < 300 || result.status === 404;
      if (!ok) {
        problems.push(`failed to ${what}: got ${statusText(result.status)}`);
      }
    } catch (error) {
      problems.push(`failed to ${what}: ${this.mask(String(error))}`);
    }
  }
}

setWorldConstructor(HeliosWorld);
