/** REST API keys kept in the config file, looked up by secret hash. */

import { randomUUID } from 'node:crypto';

import type { ConfigDb } from './config';
import type { SecretTools } from './secrets';
import type {
  ApiKeyRecord,
  ApiKeyRemoval,
  ApiKeyStore,
  Created,
  NewApiKey,
} from './types';

export const API_KEY_SECRET_PREFIX = 'hlk_';

export function createApiKeyStore(
  db: ConfigDb,
  secrets: SecretTools,
): ApiKeyStore {
  function findBySecret(secret: string): ApiKeyRecord | undefined {
    const hash = secrets.hash(secret);
    return db.data().apiKeys.find((k) => k.secretHash === hash);
  }

  function buildRecord(input: NewApiKey, secret: string): ApiKeyRecord {
    return {
      id: randomUUID(),
      name: input.name,
      role: input.role,
      secretHash: secrets.hash(secret),
      last4: secrets.last4(secret),
      createdAt: new Date().toISOString(),
    };
  }

  async function create(input: NewApiKey): Promise<Created<ApiKeyRecord>> {
    const secret = secrets.generate(API_KEY_SECRET_PREFIX);
    const record = buildRecord(input, secret);
    await db.update((data) => data.apiKeys.push(record));
    return { record, secret };
  }

  async function ensure(input: NewApiKey, secret: string) {
    const existing = findBySecret(secret);
    if (existing !== undefined) return existing;

    const record = buildRecord(input, secret);
    await db.update((data) => data.apiKeys.push(record));
    return record;
  }

  // The check runs inside the serialized update, so two concurrent deletes
  // of the last two admin keys cannot both succeed.
  function remove(id: string): Promise<ApiKeyRemoval> {
    return db.update((data): ApiKeyRemoval => {
      const target = data.apiKeys.find((k) => k.id === id);
      if (target === undefined) return 'not_found';

      const admins = data.apiKeys.filter((k) => k.role === 'admin');
      if (target.role === 'admin' && admins.length === 1) return 'last_admin';

      data.apiKeys = data.apiKeys.filter((k) => k.id !== id);
      return 'removed';
    });
  }

  return {
    list: () => [...db.data().apiKeys],
    findBySecret,
    create,
    ensure,
    remove,
  };
}
