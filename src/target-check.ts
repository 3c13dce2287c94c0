/**
 * Pre-flight check of a remote target: the admin key must be able to list
 * the ingest tokens before any scenario runs.
 */
import http from 'node:http';
import https from 'node:https';

/** Unusable target. The message states the cause and the fix. */
export class TargetError extends Error {}

const CHECK_TIMEOUT_MS = 5000;
const TOKEN_LIST_PATH = '/api/admin/ingest-tokens';

/**
 * Sends `GET /api/admin/ingest-tokens` with the admin key and throws a
 * TargetError when the target is unreachable or rejects the key.
 */
export async function checkTarget(
  targetUrl: string,
  adminKey: string,
): Promise<void> {
  let status: number;

  try {
    status = await getStatus(targetUrl + TOKEN_LIST_PATH, adminKey);
  } catch (error) {
    throw new TargetError(describeNetworkError(targetUrl, error));
  }

  if (status === 401 || status === 403) {
    throw new TargetError(
      `the target rejected the admin key (HTTP ${status} on GET ` +
        `${TOKEN_LIST_PATH}): pass an admin API key with --admin-key or ` +
        'HELIOS_ADMIN_KEY.',
    );
  }
  if (status < 200 || status > 299) {
    throw new TargetError(
      `GET ${TOKEN_LIST_PATH} returned HTTP ${status}: check that ` +
        '--target is the base URL of a HeliosLogs server.',
    );
  }
}

// node:http rather than fetch, because fetch refuses some ports (for
// example 6000) that a target may legitimately listen on.
function getStatus(url: string, adminKey: string): Promise<number> {
  const client = url.startsWith('https:') ? https : http;

  return new Promise((resolve, reject) => {
    const request = client.get(url, {
      headers: { authorization: `Bearer ${adminKey}` },
      timeout: CHECK_TIMEOUT_MS,
    });

    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new TimeoutError()));
    request.on('error', reject);
  });
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

function describeNetworkError(targetUrl: string, error: unknown): string {
  if (error instanceof TimeoutError) {
    return (
      `no response from ${targetUrl} within ${CHECK_TIMEOUT_MS} ms: check ` +
      'that the server is running and reachable.'
    );
  }

  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') {
    return (
      `cannot connect to ${targetUrl}: connection refused. Start the ` +
      'server or correct --target.'
    );
  }

  const reason = error instanceof Error ? error.message : String(error);
  return `cannot connect to ${targetUrl} (${reason}): correct --target.`;
}
