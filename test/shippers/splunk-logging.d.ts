// Types for the parts of splunk-logging 0.11.1 that the shipper tests use.
// The package ships no declarations of its own.

declare module 'splunk-logging' {
  import type { IncomingMessage } from 'node:http';

  export interface SplunkLoggerConfig {
    token: string;
    url?: string;
    path?: string;
    maxRetries?: number;
    maxBatchCount?: number;
    batchInterval?: number;
    maxBatchSize?: number;
  }

  export interface SplunkPayload {
    message: unknown;
    severity?: string;
    metadata?: {
      time?: number;
      host?: string;
      source?: string;
      sourcetype?: string;
      index?: string;
    };
  }

  /** Called when the HTTP exchange ends. `body` is the parsed HEC reply. */
  export type SendCallback = (
    error: Error | null,
    response: IncomingMessage | undefined,
    body: unknown,
  ) => void;

  export class Logger {
    constructor(config: SplunkLoggerConfig);
    /** Options handed to needle for each request (timeouts, headers). */
    requestOptions: Record<string, unknown>;
    /** Called for transport errors and for HEC replies with a non-zero code. */
    error: (error: Error, context: unknown) => void;
    send(payload: SplunkPayload, callback?: SendCallback): void;
  }
}
