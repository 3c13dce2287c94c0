import { Writable } from 'node:stream';

/** Replacement printed wherever the admin key would appear. */
export const MASK = '****';

/** Returns a printable stand-in for a secret, which never contains it. */
export function maskSecret(secret: string | undefined): string {
  return secret ? MASK : '(none)';
}

/** Replaces every occurrence of the secret in the text with the mask. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join(MASK);
}

// Ingest token (`hlt_`) and API key (`hlk_`) secrets: the prefix and
// base64url characters (RFC 4648 §5).
const credentialRegExp = /\bhl[tk]_[A-Za-z0-9_-]+/g;

/**
 * Replaces every ingest token or API key secret in the text with the mask,
 * for text that a step wrote: the steps mask the secrets they created, and
 * this catches one they missed.
 */
export function redactCredentials(text: string): string {
  return text.replace(credentialRegExp, MASK);
}

/**
 * Wraps a stream so that the secret is masked in everything written to it.
 * Chunks are redacted one by one.
 * NOTE: a secret split across two writes would pass unmasked. Cucumber's
 * formatters write whole lines, so that is not expected in practice.
 */
export function redactingStream(
  target: NodeJS.WritableStream,
  secret: string | undefined,
): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      target.write(redactSecret(chunk.toString(), secret));
      callback();
    },
  });
}
