/** Records kept by the reference server, and the store interfaces. */

export type ApiKeyRole = 'admin' | 'reader';

export interface Policy {
  require: boolean;
  apiEnabled: boolean;
  shimsEnabled: boolean;
}

export interface TokenRecord {
  id: string;
  name: string;
  env: string;
  indexes: string[];
  enabled: boolean;
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  secretHash: string;
  last4: string;
  errors: number;
  createdAt: string;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: ApiKeyRole;
  secretHash: string;
  last4: string;
  createdAt: string;
}

export interface ConfigData {
  policy: Policy;
  tokens: TokenRecord[];
  apiKeys: ApiKeyRecord[];
}

export interface NewToken {
  name: string;
  env: string;
  indexes: string[];
}

export interface NewApiKey {
  name: string;
  role: ApiKeyRole;
}

/** A created record together with its secret, which only exists here. */
export interface Created<T> {
  record: T;
  secret: string;
}

export interface TokenStore {
  list(): TokenRecord[];
  get(id: string): TokenRecord | undefined;
  /** Finds the token whose secret is exactly `secret`, enabled or not. */
  findBySecret(secret: string): TokenRecord | undefined;
  create(input: NewToken): Promise<Created<TokenRecord>>;
  setEnabled(id: string, enabled: boolean): Promise<TokenRecord | undefined>;
  remove(id: string): Promise<boolean>;
  incrementErrors(id: string): Promise<void>;
}

export interface ApiKeyStore {
  list(): ApiKeyRecord[];
  findBySecret(secret: string): ApiKeyRecord | undefined;
  create(input: NewApiKey): Promise<Created<ApiKeyRecord>>;
  /** Stores a key with a secret chosen by the operator (bootstrap key). */
  ensure(input: NewApiKey, secret: string): Promise<ApiKeyRecord>;
  /**
   * Deletes a key, unless it is the last admin key: deleting that one would
   * leave no key that can manage the server.
   */
  remove(id: string): Promise<ApiKeyRemoval>;
}

export type ApiKeyRemoval = 'removed' | 'not_found' | 'last_admin';

export interface PolicyStore {
  get(): Policy;
  update(change: Partial<Policy>): Promise<Policy>;
}

export type EventSource = 'api' | 'hec' | 'bulk' | 'otlp' | 'loki';

export interface StoredEvent {
  env: string;
  index: string;
  source: EventSource;
  tokenId: string | null;
  receivedAt: string;
  event: unknown;
}

export interface SearchQuery {
  env: string;
  index?: string;
  limit: number;
}

/** A repair of the events file's last line, made when the store opened. */
export interface EventsRecovery {
  file: string;
  /** Bytes of a torn last line that were cut off. */
  droppedBytes: number;
  /** True when a complete last line only lacked its newline. */
  newlineAdded: boolean;
}

export interface EventStore {
  /** Set when opening the store repaired the file's last line. */
  recovery?: EventsRecovery;
  /** Appends a whole batch, or nothing when the write fails. */
  append(events: StoredEvent[]): Promise<void>;
  search(query: SearchQuery): StoredEvent[];
  close(): Promise<void>;
}
