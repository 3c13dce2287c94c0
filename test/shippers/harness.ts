// Shared plumbing for the shipper client tests: an admin client for the
// reference server, read-back through search, and bounded waits. A monitor
// records every outgoing TCP connection, so a test can prove that no client
// library contacted anything but loopback.

import diagnosticsChannel from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';

/** Upper bound for one admin or search request to the reference. */
const ADMIN_REQUEST_TIMEOUT_MS = 5_000;

export interface IngestToken {
  id: string;
  name: string;
  env: string;
  indexes: string[];
  enabled: boolean;
  last4: string;
  errors: number;
}

export interface CreatedToken extends IngestToken {
  secret: string;
}

export interface StoredEvent {
  env: string;
  index: string;
  source: string;
  tokenId: string | null;
  receivedAt: string;
  event: unknown;
}

export interface AuthPolicy {
  require: boolean;
  apiEnabled: boolean;
  shimsEnabled: boolean;
}

/** Client for the admin and search routes, authorized by an admin API key. */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  async createToken(
    name: string,
    env: string,
    indexes: string[] = [],
  ): Promise<CreatedToken> {
    const body = { name, env, indexes };
    return this.request<CreatedToken>('POST', '/api/admin/ingest-tokens', body);
  }

  async deleteToken(id: string): Promise<void> {
    const path = `/api/admin/ingest-tokens/${encodeURIComponent(id)}`;
    await this.request<void>('DELETE', path);
  }

  /** Reads a token from the list route, which every implementation has. */
  async findToken(id: string): Promise<IngestToken | undefined> {
    const path = '/api/admin/ingest-tokens';
    const listing = await this.request<{ tokens: IngestToken[] }>('GET', path);
    return listing.tokens.find((token) => token.id === id);
  }

  async setRequireAuth(required: boolean): Promise<AuthPolicy> {
    const body = { require: required };
    return this.request<AuthPolicy>('PUT', '/api/admin/ingest-auth', body);
  }

  async search(env: string, index: string): Promise<StoredEvent[]> {
    const query = new URLSearchParams({ env, index, limit: '1000' });
    const path = `/api/search?${query}`;
    const result = await this.request<{ events: StoredEvent[] }>('GET', path);
    return result.events;
  }

  /** Returns the stored events whose JSON text contains `marker`. */
  async findMarked(
    env: string,
    index: string,
    marker: string,
  ): Promise<StoredEvent[]> {
    const events = await this.search(env, index);
    return events.filter((stored) => JSON.stringify(stored).includes(marker));
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.adminKey}`,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(ADMIN_REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();

    if (!response.ok) {
      const got = `${response.status} ${text}`;
      throw new Error(`${method} ${path} failed: expected 2xx, got ${got}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

/**
 * Resolves or rejects like `promise`, but rejects after `ms` milliseconds
 * with an error naming `operation`, so that a stuck client fails the test
 * instead of hanging it.
 */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  operation: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${operation} timed out after ${ms} ms`)),
      ms,
    );
  });

  try {
    return await Promise.race([promise, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns a unique string to put inside an event, to find its copy later. */
export function newMarker(): string {
  return `marker-${randomUUID()}`;
}

export interface ConnectionRecord {
  address: string;
  port: number;
}

export interface OutboundMonitor {
  /** Every TCP connection attempt seen since the monitor started. */
  readonly attempts: ConnectionRecord[];
  /** Every host name a socket resolved through DNS. */
  readonly lookups: string[];
  stop(): void;
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string): boolean {
  return LOOPBACK_ADDRESSES.has(address);
}

/**
 * Records every TCP client socket that the process opens, through the
 * `net.client.socket` diagnostics channel. Both node:http and undici (fetch)
 * create their sockets through node:net, so the monitor records all HTTP
 * traffic of the client libraries under test. UDP sockets are not recorded.
 */
export function monitorOutboundConnections(): OutboundMonitor {
  const attempts: ConnectionRecord[] = [];
  const lookups: string[] = [];

  const onSocket = (message: unknown): void => {
    const { socket } = message as { socket: Socket };
    socket.on('connectionAttempt', (address: string, port: number) => {
      attempts.push({ address, port });
    });
    socket.on('lookup', (_error: unknown, _address: unknown, _family, host) => {
      lookups.push(String(host));
    });
  };
  diagnosticsChannel.subscribe('net.client.socket', onSocket);

  return {
    attempts,
    lookups,
    stop: () => diagnosticsChannel.unsubscribe('net.client.socket', onSocket),
  };
}
