/** Ingest tokens kept in the config file, looked up by secret hash. */

import { randomUUID } from 'node:crypto';

import type { ConfigDb } from './config';
import type { SecretTools } from './secrets';
import type { Created, NewToken, TokenRecord, TokenStore } from './types';

export const TOKEN_SECRET_PREFIX = 'hlt_';

export function createTokenStore(
  db: ConfigDb,
  secrets: SecretTools,
): TokenStore {
  const find = (id: string) => db.data().tokens.find((t) => t.id === id);

  async function create(input: NewToken): Promise<Created<TokenRecord>> {
    const secret = secrets.generate(TOKEN_SECRET_PREFIX);
    const record: TokenRecord = {
      id: randomUUID(),
      name: input.name,
      env: input.env,
      indexes: [...input.indexes],
      enabled: true,
      secretHash: secrets.hash(secret),
      last4: secrets.last4(secret),
      errors: 0,
      createdAt: new Date().toISOString(),
    };
    await db.update((data) => data.tokens.push(record));
    return { record, secret };
  }

  function setEnabled(id: string, enabled: boolean) {
    return db.update((data) => {
      const token = data.tokens.find((t) => t.id === id);
      if (token !== undefined) token.enabled = enabled;
      return token;
    });
  }

  function remove(id: string): Promise<boolean> {
    return db.update((data) => {
      const before = data.tokens.length;
      data.tokens = data.tokens.filter((t) => t.id !== id);
      return data.tokens.length < before;
    });
  }

  async function incrementErrors(id: string): Promise<void> {
    await db.update((data) => {
      const token = data.tokens.find((t) => t.id === id);
      if (token !== undefined) token.errors += 1;
    });
  }

  function findBySecret(secret: string): TokenRecord | undefined {
    const hash = secrets.hash(secret);
    return db.data().tokens.find((t) => t.secretHash === hash);
  }

  return {
    list: () => [...db.data().tokens],
    get: find,
    findBySecret,
    create,
    setEnabled,
    remove,
    incrementErrors,
  };
}
