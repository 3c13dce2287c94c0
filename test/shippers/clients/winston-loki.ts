// Adapter for winston-loki 6.1.7, a winston transport for the Loki push API,
// in JSON mode with the token as the Basic password. The transport takes
// Basic credentials as one `basicAuth: 'user:password'` string and encodes
// it itself. It drops any query string from `host`, so the index travels as
// the stream label `index`.

import { once } from 'node:events';
import winston from 'winston';
import LokiTransport from 'winston-loki';

import type { Delivery, ShipperClient, ShipperRequest } from '../scenarios';

/** Username sent next to the token. The server ignores it. */
const BASIC_USERNAME = 'tenant';
const PUSH_TIMEOUT_MS = 5_000;

export const winstonLokiClient: ShipperClient = {
  source: 'loki',
  usesBasic: true,
  deliver: deliverWithWinstonLoki,
};

async function deliverWithWinstonLoki(
  request: ShipperRequest,
): Promise<Delivery> {
  const failures: unknown[] = [];
  const transport = new LokiTransport({
    host: request.baseUrl,
    json: true,
    // Without batching every log call is pushed at once. The transport
    // never retries a push, and clearOnError drops a rejected entry instead
    // of queueing it again.
    batching: false,
    clearOnError: true,
    gracefulShutdown: false,
    timeout: PUSH_TIMEOUT_MS,
    basicAuth: basicAuth(request.token),
    labels: { index: request.index, job: 'helios-shipper-test' },
    onConnectionError: (error) => failures.push(error),
  });
  const logger = winston.createLogger({ transports: [transport] });

  // `logged` fires after the push has started, so flush() then waits for
  // its response rather than returning at once on an idle transport.
  const logged = once(transport, 'logged');
  logger.info(`loki shipper test ${request.marker}`);
  await logged;
  await transport.flush();
  logger.close();

  return toDelivery(failures);
}

function basicAuth(token: string | undefined): string | undefined {
  return token === undefined ? undefined : `${BASIC_USERNAME}:${token}`;
}

function toDelivery(failures: unknown[]): Delivery {
  if (failures.length === 0) {
    return { accepted: true, status: undefined, detail: 'push succeeded' };
  }

  // The transport's HTTP errors carry the response status in `statusCode`.
  const error = failures[0] as Error & { statusCode?: number };
  return { accepted: false, status: error.statusCode, detail: error.message };
}
