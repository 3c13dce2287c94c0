// Adapter for @elastic/elasticsearch 8.19, the official Elasticsearch client,
// writing through the bulk shim with the token in an HTTP Basic credential.
// The client rejects any 2xx response without `X-Elastic-Product:
// Elasticsearch`, so every accepted bulk also exercises that header.

import { Client, errors } from '@elastic/elasticsearch';

import type { Delivery, ShipperClient, ShipperRequest } from '../scenarios';

/** Which half of the Basic credential carries the token. */
export type BasicTokenPlacement = 'password' | 'username';

/** Username sent next to a token in the password. The server ignores it. */
const TOKEN_AS_PASSWORD_USERNAME = 'elastic';
/** Password sent next to a token in the username. The server ignores it. */
const TOKEN_AS_USERNAME_PASSWORD = 'unused';

const REQUEST_TIMEOUT_MS = 5_000;

export function elasticsearchClient(
  placement: BasicTokenPlacement,
): ShipperClient {
  return {
    source: 'bulk',
    usesBasic: true,
    deliver: (request) => deliverWithBulk(request, placement),
  };
}

/**
 * Creates a client that sends one request per call: no retries and no
 * sniffing, which would ask the server for other node addresses. Its tracing
 * spans go to the global OpenTelemetry API, a no-op unless a tracer provider
 * is registered, so they leave the process nowhere.
 */
export function createElasticsearchClient(
  baseUrl: string,
  token: string | undefined,
  placement: BasicTokenPlacement,
): Client {
  return new Client({
    node: baseUrl,
    auth: token === undefined ? undefined : basicAuth(token, placement),
    maxRetries: 0,
    requestTimeout: REQUEST_TIMEOUT_MS,
    sniffOnStart: false,
    sniffOnConnectionFault: false,
    sniffInterval: false,
  });
}

function basicAuth(
  token: string,
  placement: BasicTokenPlacement,
): { username: string; password: string } {
  if (placement === 'password') {
    return { username: TOKEN_AS_PASSWORD_USERNAME, password: token };
  }
  return { username: token, password: TOKEN_AS_USERNAME_PASSWORD };
}

async function deliverWithBulk(
  request: ShipperRequest,
  placement: BasicTokenPlacement,
): Promise<Delivery> {
  const client = createElasticsearchClient(
    request.baseUrl,
    request.token,
    placement,
  );
  const operations = [
    { index: { _index: request.index } },
    { marker: request.marker, message: 'bulk shipper test' },
  ];

  try {
    const response = await client.bulk({ operations }, { meta: true });
    const accepted = !response.body.errors;
    const detail = JSON.stringify(response.body);
    return { accepted, status: response.statusCode ?? undefined, detail };
  } catch (error) {
    return toRejectedDelivery(error);
  } finally {
    await client.close();
  }
}

function toRejectedDelivery(error: unknown): Delivery {
  if (error instanceof errors.ResponseError) {
    const detail = JSON.stringify(error.body);
    return { accepted: false, status: error.statusCode, detail };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { accepted: false, status: undefined, detail };
}
