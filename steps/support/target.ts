/**
 * The one Target driver. Every request goes through supertest against a
 * URL: the embedded reference listens on 127.0.0.1 and a remote target is
 * reached the same way, so both exercise the same code path.
 */

import type { Agent, ClientRequest } from 'node:http';
import { Writable } from 'node:stream';

import pino from 'pino';
import request from 'supertest';

import { startReference } from '../../reference/listen';
import type { Exchange, RecordedHeader } from './exchanges';
import type { SuiteParameters } from './parameters';

/** Per-request timeout: below the step timeout so this message wins. */
export const REQUEST_TIMEOUT_MS = 5000;

/** Log lines of the embedded reference kept in memory (oldest dropped). */
const LOG_BUFFER_LINES = 5000;

export interface EmbeddedView {
  dataDir: string;
  /** The embedded reference's log lines (JSON), oldest first. */
  logLines(): string[];
}

export interface RequestSpec {
  method: string;
  path: string;
  query?: [string, string][];
  /** Headers in order; a repeated name is sent as repeated header lines. */
  headers?: RecordedHeader[];
  body?: string;
  /** e.g. a keep-alive agent to send several requests on one socket. */
  agent?: Agent;
  timeoutMs?: number;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
  durationMs: number;
  /** Whether the request went over a socket used by an earlier one. */
  reusedSocket: boolean;
  localPort?: number;
}

export interface SendOutcome {
  exchange: Exchange;
  result?: HttpResult;
}

/** A bounded buffer of log lines written by pino. */
class LogBuffer extends Writable {
  readonly lines: string[] = [];
  private partial = '';

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((line) => line !== ''));
    if (this.lines.length > LOG_BUFFER_LINES) {
      this.lines.splice(0, this.lines.length - LOG_BUFFER_LINES);
    }
    callback();
  }
}

function buildUrl(base: string, path: string, query: [string, string][]) {
  const search = new URLSearchParams(query).toString();
  return `${base.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

function groupHeaders(headers: RecordedHeader[]) {
  const grouped = new Map<string, string[]>();
  for (const header of headers) {
    const values = grouped.get(header.name) ?? [];
    values.push(header.value);
    grouped.set(header.name, values);
  }
  return grouped;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type RawParser = (
  res: NodeJS.ReadableStream,
  callback: (error: Error | null, body: string) => void,
) => void;

const readText: RawParser = (res, callback) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
  res.on('error', (error: Error) => callback(error, ''));
};

function failureMessage(error: unknown, timeoutMs: number): string {
  const details = error as {
    timeout?: number;
    code?: string;
    message?: string;
  };
  if (details.timeout !== undefined || details.code === 'ECONNABORTED') {
    return `timed out after ${timeoutMs} ms without a complete response`;
  }
  return `request failed: ${details.code ?? ''} ${details.message ?? error}`;
}

export class Target {
  private constructor(
    readonly kind: 'embedded' | 'remote',
    readonly url: string,
    readonly adminKey: string,
    readonly embedded: EmbeddedView | undefined,
    private readonly closeServer: () => Promise<void>,
  ) {}

  /** Starts the embedded reference, or wraps the remote target's URL. */
  static async start(parameters: SuiteParameters): Promise<Target> {
    if (parameters.targetUrl !== undefined) {
      return new Target(
        'remote',
        parameters.targetUrl,
        parameters.adminKey ?? '',
        undefined,
        async () => undefined,
      );
    }

    const logs = new LogBuffer();
    const logger = pino({ level: 'info' }, logs);
    const running = await startReference({ logger });
    const view: EmbeddedView = {
      dataDir: running.dataDir,
      logLines: () => [...logs.lines],
    };

    return new Target('embedded', running.url, running.adminKey, view, () =>
      running.close(),
    );
  }

  async close(): Promise<void> {
    await this.closeServer();
  }

  /**
   * Sends one request and records it. A timeout or connection error is
   * recorded in the exchange instead of thrown.
   */
  async send(spec: RequestSpec): Promise<SendOutcome> {
    const url = buildUrl(this.url, spec.path, spec.query ?? []);
    const timeoutMs = spec.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const exchange: Exchange = {
      method: spec.method.toUpperCase(),
      url,
      headers: spec.headers ?? [],
      body: spec.body ?? '',
    };

    const started = performance.now();
    try {
      const result = await this.perform(spec, url, timeoutMs);
      exchange.status = result.status;
      exchange.responseBody = result.text;
      exchange.durationMs = result.durationMs;
      return { exchange, result };
    } catch (error) {
      exchange.durationMs = Math.round(performance.now() - started);
      exchange.failure = failureMessage(error, timeoutMs);
      return { exchange };
    }
  }

  private async perform(
    spec: RequestSpec,
    url: string,
    timeoutMs: number,
  ): Promise<HttpResult> {
    const parsed = new URL(url);
    const method = spec.method.toLowerCase() as 'get';
    let pending = request(parsed.origin)
      [method](parsed.pathname + parsed.search)
      .timeout({ response: timeoutMs, deadline: timeoutMs })
      .ok(() => true)
      .buffer(true)
      .parse(readText as never);

    for (const [name, values] of groupHeaders(spec.headers ?? [])) {
      pending = pending.set(
        name,
        values.length === 1 ? values[0] : (values as never),
      );
    }
    if (spec.agent !== undefined) {
      pending = pending.agent(spec.agent);
    }
    if (spec.body !== undefined && spec.body !== '') {
      pending = pending.send(spec.body);
    }

    let socketInfo: { reused: boolean; localPort?: number } = { reused: false };
    pending.on('request', (outgoing: { req: ClientRequest }) => {
      outgoing.req.once('response', () => {
        socketInfo = {
          reused: outgoing.req.reusedSocket,
          localPort: outgoing.req.socket?.localPort,
        };
      });
    });

    const started = performance.now();
    const response = await pending;
    const durationMs = Math.round(performance.now() - started);
    const text = typeof response.body === 'string' ? response.body : '';

    return {
      status: response.status,
      headers: response.headers,
      text,
      json: parseJson(text),
      durationMs,
      reusedSocket: socketInfo.reused,
      localPort: socketInfo.localPort,
    };
  }
}

let sessionTarget: Target | undefined;

/** Starts this process's target once; later calls return the same one. */
export async function openSessionTarget(
  parameters: SuiteParameters,
): Promise<Target> {
  sessionTarget ??= await Target.start(parameters);
  return sessionTarget;
}

/** The target of this process; BeforeAll must have opened it. */
export function currentTarget(): Target {
  if (sessionTarget === undefined) {
    throw new Error('no target: the BeforeAll hook has not started it');
  }
  return sessionTarget;
}

export async function closeSessionTarget(): Promise<void> {
  const target = sessionTarget;
  sessionTarget = undefined;
  await target?.close();
}
