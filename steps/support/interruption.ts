/**
 * The process-wide interrupted flag: once SIGINT or SIGTERM arrived, the
 * World creates no more tokens, keys or policy changes, so the clean-up
 * that runs on the signal can finish.
 */

let interrupted = false;

export function markInterrupted(): void {
  interrupted = true;
}

export function isInterrupted(): boolean {
  return interrupted;
}
