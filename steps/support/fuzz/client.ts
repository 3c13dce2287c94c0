// The HTTP client of the fuzz properties. It sends each generated header
// value byte for byte (latin1, no trimming) and bounds every request with a
// timeout. It never throws for an HTTP outcome, so a 5xx, a reset or a hang
// becomes a property failure instead of a crash.

import http from 'node:http';
import https from 'node:https';

/**
 * Per-request timeout. The embedded reference responds in a few ms, so a
 * target that takes seconds for one small request counts as hanging.
 */
export const FUZZ_REQUEST_TIMEOUT_MS = 3000;

/** Events read back per search: the search API's default maximum. */
const SEARCH_LIMIT = 1000;

export interface RawRequest {
  method: 'GET' | 'POST';
  /** Path with its query string. */
  path: string;
  headers: [string, string][];
  body: string;
}

export interface RawResponse {
  status?: number;
  body: string;
  durationMs: number;
  /** Why no status was received: a timeout or a connection error. */
  failure?: string;
}

export class FuzzClient {
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(
    readonly url: string,
    private readonly adminKey: string,
    readonly timeoutMs = FUZZ_REQUEST_TIMEOUT_MS,
  ) {
    const secure = new URL(url).protocol === 'https:';
    this.transport = secure ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** Sends one request; resolves with the status or the failure. */
  send(request: RawRequest): Promise<RawResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);

    return new Promise((resolve) => {
      let settled = false;
      const finish = (response: Omit<RawResponse, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        resolve({ ...response, durationMs: elapsed() });
      };

      const outgoing = this.transport.request(this.url + request.path, {
        method: request.method,
        agent: this.agent,
        headers: Object.fromEntries(request.headers),
        signal: AbortSignal.timeout(this.timeoutMs),
      });

      outgoing.on('response', (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          finish({ status: incoming.statusCode, body });
        });
        incoming.on('error', (error) => {
          finish({ body: '', failure: this.describeFailure(error) });
        });
        incoming.on('close', () => {
          finish({
            body: '',
            failure: 'connection closed before the body ended',
          });
        });
      });
      outgoing.on('error', (error) => {
        finish({ body: '', failure: this.describeFailure(error) });
      });
      // A string body would be joined to the header block and sent as
      // UTF-8, which turns each latin1 byte above 0x7f into two bytes.
      outgoing.end(Buffer.from(request.body, 'utf8'));
    });
  }

  /**
   * Returns the events stored in env and index, read back through the
   * search API with the admin key. Throws when the search itself fails,
   * because then nothing can be concluded about the property.
   */
  async searchEvents(env: string, index: string): Promise<unknown[]> {
    const query = new URLSearchParams({
      env,
      index,
      limit: String(SEARCH_LIMIT),
    });
    const response = await this.send({
      method: 'GET',
      path: `/api/search?${query}`,
      headers: [['Authorization', `Bearer ${this.adminKey}`]],
      body: '',
    });

    const events = parseEvents(response.body);
    if (response.status !== 200 || events === undefined) {
      const got = response.status ?? response.failure;
      throw new Error(
        `search of env ${env} index ${index} failed: expected 200 with ` +
          `an events list, got ${got}`,
      );
    }
    return events;
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  private describeFailure(error: Error): string {
    if (error.name === 'AbortError' || error.name === 'TimeoutError') {
      return `timed out after ${this.timeoutMs} ms without a complete response`;
    }
    return describe(error);
  }
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `request failed: ${code ?? error.name} ${error.message}`;
}

function parseEvents(text: string): unknown[] | undefined {
  try {
    const parsed = JSON.parse(text) as { events?: unknown };
    return Array.isArray(parsed.events) ? parsed.events : undefined;
  } catch {
    return undefined;
  }
}
