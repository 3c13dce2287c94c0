// Adapter for splunk-logging 0.11.1, Splunk's own Node.js client for the
// HTTP Event Collector. It sends `Authorization: Splunk <token>` and hands
// the HEC reply to the send callback.

import { Logger as SplunkLogger, type SendCallback } from 'splunk-logging';

import type { Delivery, ShipperClient, ShipperRequest } from '../scenarios';

/**
 * The client defaults to `/services/collector/event/1.0`, which the reference
 * server does not route, so the tests name the plain event endpoint.
 */
const HEC_EVENT_PATH = '/services/collector/event';

/** HEC reply code for success. */
const HEC_SUCCESS_CODE = 0;

export const splunkLoggingClient: ShipperClient = {
  source: 'hec',
  usesBasic: false,
  cannotOmitToken:
    'splunk-logging refuses to send without a token: an empty token makes ' +
    'send() throw "Config token must be a string."',
  deliver: deliverWithSplunkLogging,
};

function deliverWithSplunkLogging(request: ShipperRequest): Promise<Delivery> {
  // The library always sends a Splunk credential and throws on an empty
  // token, so the scenarios never ask it to send without one.
  const logger = new SplunkLogger({
    token: request.token ?? '',
    url: request.baseUrl,
    path: HEC_EVENT_PATH,
    maxRetries: 0,
    maxBatchCount: 1,
  });
  logger.requestOptions.open_timeout = 2_000;
  logger.requestOptions.response_timeout = 5_000;
  // The send callback carries the outcome, so the default error printer
  // would only add noise.
  logger.error = () => undefined;

  const payload = {
    message: { marker: request.marker },
    metadata: { index: request.index },
  };
  return new Promise((resolve) => {
    const onSent: SendCallback = (error, response, body) =>
      resolve(toDelivery(error, response?.statusCode, body));
    logger.send(payload, onSent);
  });
}

function toDelivery(
  error: Error | null,
  status: number | undefined,
  body: unknown,
): Delivery {
  if (error) return { accepted: false, status, detail: error.message };

  const code = (body as { code?: unknown } | undefined)?.code;
  const accepted = status === 200 && code === HEC_SUCCESS_CODE;
  return { accepted, status, detail: JSON.stringify(body) };
}
