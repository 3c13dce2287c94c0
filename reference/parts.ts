/**
 * The replaceable components of the reference server. The app is composed
 * from one `ReferenceParts` object, so a variant can swap any of them
 * without touching the request paths.
 */

import { parseAuthorization, type ParsedAuthorization } from './auth/parse';
import {
  resolveCredential,
  type ResolveInput,
  type Resolution,
  type TokenRecordView,
} from './auth/resolve';
import { defaultEndpoints } from './endpoints';
import type {
  EndpointClass,
  EndpointDefinition,
  ParsedEvent,
} from './endpoints/types';
import type { HeliosError } from './errors';
import { checkIndexes, gateEndpointClass } from './ingest/checks';
import {
  chooseOpenEnv,
  chooseTokenEnv,
  type EnvChoice,
  type RequestedEnv,
} from './ingest/env';
import { runPipelineHook, type IngestHook } from './ingest/pipeline';
import { createApiKeyStore } from './store/api-keys';
import type { ConfigDb } from './store/config';
import { openEventStore } from './store/events';
import { createPolicyStore } from './store/policy';
import { defaultSecretTools, type SecretTools } from './store/secrets';
import { createTokenStore } from './store/tokens';
import type {
  ApiKeyRecord,
  ApiKeyStore,
  EventStore,
  Policy,
  PolicyStore,
  TokenRecord,
  TokenStore,
} from './store/types';
import {
  apiKeyView,
  tokenView,
  type ApiKeyView,
  type TokenView,
} from './views';

export interface ReferenceParts {
  /** Parser of one `Authorization` value. */
  parseAuthorization: (value: string | undefined) => ParsedAuthorization;
  /** Credential resolution of an ingest request. */
  resolveCredential: (input: ResolveInput) => Resolution;
  /** Env of a write without a token. */
  chooseOpenEnv: (requested: RequestedEnv) => EnvChoice;
  /** Env of a token's write, given what the request names. */
  chooseTokenEnv: (
    token: TokenRecordView,
    requested: RequestedEnv,
  ) => EnvChoice;
  /** Index allowlist check; the error it returns is sent as is. */
  checkIndexes: (
    token: TokenRecordView,
    events: ParsedEvent[],
  ) => HeliosError | undefined;
  /** Endpoint-class switch check, run before the credential. */
  gateEndpointClass: (
    policy: Policy,
    endpointClass: EndpointClass,
  ) => HeliosError | undefined;
  /** The ingest endpoints, each with its paths, parser and formats. */
  endpoints: EndpointDefinition[];
  secretTools: SecretTools;
  createTokenStore: (db: ConfigDb, secrets: SecretTools) => TokenStore;
  createApiKeyStore: (db: ConfigDb, secrets: SecretTools) => ApiKeyStore;
  createPolicyStore: (db: ConfigDb) => PolicyStore;
  openEventStore: (dataDir: string) => Promise<EventStore>;
  /** The token as credential resolution and the allowlist check see it. */
  tokenRecordView: (record: TokenRecord) => TokenRecordView;
  /** The token in admin responses. */
  tokenView: (record: TokenRecord) => TokenView;
  /** The API key in admin responses. */
  apiKeyView: (record: ApiKeyRecord) => ApiKeyView;
  /** Runs around every ingest request's pipeline. */
  ingestHook: IngestHook;
  /** `WWW-Authenticate` value sent with every ingest 401. */
  ingestChallenge: string;
  /** `WWW-Authenticate` value sent with every REST API 401. */
  restChallenge: string;
}

export function defaultParts(): ReferenceParts {
  return {
    parseAuthorization,
    resolveCredential,
    chooseOpenEnv,
    chooseTokenEnv,
    checkIndexes,
    gateEndpointClass,
    endpoints: defaultEndpoints(),
    secretTools: defaultSecretTools(),
    createTokenStore,
    createApiKeyStore,
    createPolicyStore,
    openEventStore,
    tokenRecordView: (record) => ({
      id: record.id,
      env: record.env,
      indexes: [...record.indexes],
      enabled: record.enabled,
    }),
    tokenView,
    apiKeyView,
    ingestHook: runPipelineHook,
    ingestChallenge: 'Bearer realm="helios", Splunk, Basic realm="helios"',
    restChallenge: 'Bearer realm="helios-api"',
  };
}
