/** Generation, hashing and masking of ingest-token and API-key secrets. */

import { createHash, randomBytes } from 'node:crypto';

/** 32 bytes from the CSPRNG: 256 bits, well above the 128-bit minimum. */
const SECRET_BYTES = 32;

export interface SecretTools {
  /** A new secret; base64url keeps it inside RFC 6750 `b64token`. */
  generate(prefix: string): string;
  hash(secret: string): string;
  last4(secret: string): string;
}

export function defaultSecretTools(): SecretTools {
  return {
    generate: (prefix) =>
      prefix + randomBytes(SECRET_BYTES).toString('base64url'),
    hash: hashSecret,
    last4: (secret) => secret.slice(-4),
  };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
