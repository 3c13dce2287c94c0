/**
 * Faults in token management and secrets: the admin API, the token
 * lifecycle, masking, and the split between ingest tokens and API keys.
 */

import { parseAuthorization } from '../../../reference/auth/parse';
import { resolveCredential } from '../../../reference/auth/resolve';
import { DEFAULT_ENV } from '../../../reference/names';
import { createApiKeyStore } from '../../../reference/store/api-keys';
import type { ConfigDb } from '../../../reference/store/config';
import { createPolicyStore } from '../../../reference/store/policy';
import { defaultSecretTools } from '../../../reference/store/secrets';
import type { SecretTools } from '../../../reference/store/secrets';
import { createTokenStore } from '../../../reference/store/tokens';
import type { TokenRecord, TokenStore } from '../../../reference/store/types';
import { tokenView } from '../../../reference/views';
import type { FaultVariant } from '../variant';
import { singleValue } from './credentials';

/** How long a deleted token keeps working in the lagging variant. */
const REVOCATION_LAG_MS = 3000;

type TokenStoreFactory = (db: ConfigDb, secrets: SecretTools) => TokenStore;

/** Wraps the reference token store; `change` receives the inner store. */
function wrapTokenStore(
  change: (
    inner: TokenStore,
    db: ConfigDb,
    secrets: SecretTools,
  ) => Partial<TokenStore>,
): TokenStoreFactory {
  return (db, secrets) => {
    const inner = createTokenStore(db, secrets);
    return { ...inner, ...change(inner, db, secrets) };
  };
}

function nameKey(record: { name: string; env: string }): string {
  return `${record.name}\n${record.env}`;
}

/** Keeps deleted tokens findable by secret for a few seconds. */
function laggingRevocation(): TokenStoreFactory {
  return wrapTokenStore((inner, _db, secrets) => {
    const removed = new Map<string, { record: TokenRecord; until: number }>();
    return {
      remove: async (id) => {
        const record = inner.get(id);
        const ok = await inner.remove(id);
        if (ok && record !== undefined) {
          const until = Date.now() + REVOCATION_LAG_MS;
          removed.set(record.secretHash, { record, until });
        }
        return ok;
      },
      findBySecret: (secret) => {
        const found = inner.findBySecret(secret);
        if (found !== undefined) return found;
        const recent = removed.get(secrets.hash(secret));
        return recent !== undefined && recent.until > Date.now()
          ? recent.record
          : undefined;
      },
    };
  });
}

/** Gives a token recreated under a deleted token's name its old secret. */
function secretsReusedOnRecreate(): TokenStoreFactory {
  return wrapTokenStore((inner, db, secrets) => {
    const secretByName = new Map<string, string>();
    const deletedNames = new Set<string>();

    const reuse = (id: string, secret: string) =>
      db.update((data) => {
        const token = data.tokens.find((t) => t.id === id) as TokenRecord;
        token.secretHash = secrets.hash(secret);
        token.last4 = secrets.last4(secret);
        return { ...token };
      });

    return {
      create: async (input) => {
        const created = await inner.create(input);
        const key = nameKey(input);
        const old = secretByName.get(key);
        if (old === undefined || !deletedNames.delete(key)) {
          secretByName.set(key, created.secret);
          return created;
        }
        return { record: await reuse(created.record.id, old), secret: old };
      },
      remove: async (id) => {
        const record = inner.get(id);
        const ok = await inner.remove(id);
        if (ok && record !== undefined) deletedNames.add(nameKey(record));
        return ok;
      },
    };
  });
}

/** Hides deleted tokens from the admin API but keeps them valid. */
function softDelete(): TokenStoreFactory {
  return wrapTokenStore((inner) => {
    const hidden = new Set<string>();
    return {
      list: () => inner.list().filter((t) => !hidden.has(t.id)),
      get: (id) => (hidden.has(id) ? undefined : inner.get(id)),
      remove: async (id) => {
        if (hidden.has(id) || inner.get(id) === undefined) return false;
        hidden.add(id);
        return true;
      },
    };
  });
}

/** Remembers every token that was ever disabled and keeps it disabled. */
function stickyDisable(): TokenStoreFactory {
  return wrapTokenStore((inner) => {
    const everDisabled = new Set<string>();
    return {
      setEnabled: async (id, enabled) => {
        if (!enabled) everDisabled.add(id);
        return inner.setEnabled(id, enabled);
      },
      findBySecret: (secret) => {
        const found = inner.findBySecret(secret);
        if (found === undefined || !everDisabled.has(found.id)) return found;
        return { ...found, enabled: false };
      },
    };
  });
}

/** Finds an API key when a token secret matches none. */
function apiKeysAsTokens(): TokenStoreFactory {
  return wrapTokenStore((inner, db, secrets) => ({
    findBySecret: (secret) => {
      const found = inner.findBySecret(secret);
      if (found !== undefined) return found;

      const hash = secrets.hash(secret);
      const key = db.data().apiKeys.find((k) => k.secretHash === hash);
      if (key === undefined) return undefined;
      return {
        ...key,
        env: DEFAULT_ENV,
        indexes: [],
        enabled: true,
        errors: 0,
      };
    },
  }));
}

/**
 * Builds parts that remember each token's secret at creation and add it to
 * the admin view of every token that `shows` selects.
 */
function secretShownFor(shows: (record: TokenRecord) => boolean) {
  return () => {
    const secrets = new Map<string, string>();
    return {
      createTokenStore: wrapTokenStore((inner) => ({
        create: async (input) => {
          const created = await inner.create(input);
          secrets.set(created.record.id, created.secret);
          return created;
        },
      })),
      tokenView: (record: TokenRecord) =>
        shows(record)
          ? { ...tokenView(record), secret: secrets.get(record.id) }
          : tokenView(record),
    };
  };
}

export const adminFaults: FaultVariant[] = [
  {
    name: 'list-shows-full-secret',
    breaks: 'SECRET-ONCE',
    description: 'Every admin response lists the full secret of each token.',
    parts: secretShownFor(() => true),
  },
  {
    name: 'disabled-token-shows-secret',
    breaks: 'SECRET-ONCE',
    description: 'Admin responses include the secret of a disabled token.',
    parts: secretShownFor((record) => !record.enabled),
  },
  {
    name: 'last4-shows-first-four',
    breaks: 'SECRET-LAST4',
    description: 'last4 holds the first four characters of the secret.',
    parts: () => ({
      secretTools: {
        ...defaultSecretTools(),
        last4: (secret) => secret.slice(0, 4),
      },
    }),
  },
  {
    name: 'ingest-error-echoes-credential',
    breaks: 'SECRET-NO-REVEAL',
    description: 'Ingest error messages quote the Authorization header.',
    parts: () => ({
      ingestHook: async (ctx, run) => {
        const outcome = await run();
        const sent = ctx.req.headers.authorization;
        if (outcome.ok || sent === undefined) return outcome;

        const message = `${outcome.error.message} (presented: ${sent})`;
        return { ...outcome, error: { ...outcome.error, message } };
      },
    }),
  },
  {
    name: 'disabled-token-accepted-as-basic-password',
    breaks: 'TOKEN-DISABLE',
    description: 'A disabled token still works as the Basic password.',
    parts: () => ({
      resolveCredential: (input) => {
        const resolution = resolveCredential(input);
        if (resolution.outcome !== 'reject') return resolution;
        if (resolution.reason !== 'token_disabled') return resolution;

        const parsed = parseAuthorization(singleValue(input));
        if (parsed.kind !== 'basic') return resolution;
        if (input.findToken(parsed.username) !== undefined) return resolution;
        const token = input.findToken(parsed.password);
        return token === undefined ? resolution : { outcome: 'token', token };
      },
    }),
  },
  {
    name: 'disable-sticks-after-enable',
    breaks: 'TOKEN-ENABLE',
    description:
      'A token once disabled stays rejected, though it is listed enabled.',
    parts: () => ({ createTokenStore: stickyDisable() }),
  },
  {
    name: 'revocation-lags-3s',
    breaks: 'TOKEN-DELETE',
    description: 'A deleted token keeps working for about 3 seconds.',
    parts: () => ({ createTokenStore: laggingRevocation() }),
  },
  {
    name: 'recreated-token-gets-old-secret',
    breaks: 'TOKEN-ROTATE',
    description:
      'A token recreated with a deleted name and env gets the old secret.',
    parts: () => ({ createTokenStore: secretsReusedOnRecreate() }),
  },
  {
    name: 'list-drops-allowlists',
    breaks: 'ADMIN-LIST',
    description: 'Token views always show an empty indexes list.',
    parts: () => ({
      tokenView: (record) => ({ ...tokenView(record), indexes: [] }),
    }),
  },
  {
    name: 'create-response-names-default-env',
    breaks: 'ADMIN-CREATE',
    description:
      'The creation response reports env "default" instead of the stored env.',
    parts: () => ({
      createTokenStore: wrapTokenStore((inner) => ({
        create: async (input) => {
          const created = await inner.create(input);
          const record = { ...created.record, env: DEFAULT_ENV };
          return { ...created, record };
        },
      })),
    }),
  },
  {
    name: 'patch-response-shows-old-state',
    breaks: 'ADMIN-PATCH',
    description: 'PATCH stores the change but returns the token as it was.',
    parts: () => ({
      createTokenStore: wrapTokenStore((inner) => ({
        setEnabled: async (id, enabled) => {
          const found = inner.get(id);
          const before = found && { ...found, indexes: [...found.indexes] };
          const after = await inner.setEnabled(id, enabled);
          return after && before;
        },
      })),
    }),
  },
  {
    name: 'delete-only-hides-token',
    breaks: 'ADMIN-DELETE',
    description: 'DELETE hides the token from the list but it keeps working.',
    parts: () => ({ createTokenStore: softDelete() }),
  },
  {
    name: 'policy-put-answers-old-policy',
    breaks: 'ADMIN-POLICY',
    description: 'PUT stores the policy but returns the previous one.',
    parts: () => ({
      createPolicyStore: (db) => {
        const inner = createPolicyStore(db);
        return {
          get: () => inner.get(),
          update: async (change) => {
            const before = inner.get();
            await inner.update(change);
            return before;
          },
        };
      },
    }),
  },
  {
    name: 'reader-key-is-admin',
    breaks: 'ADMIN-AUTHZ',
    description: 'Reader API keys are accepted by the admin API.',
    parts: () => ({
      createApiKeyStore: (db, secrets) => {
        const inner = createApiKeyStore(db, secrets);
        return {
          ...inner,
          findBySecret: (secret) => {
            const key = inner.findBySecret(secret);
            return key && { ...key, role: 'admin' };
          },
        };
      },
    }),
  },
  {
    name: 'api-key-accepted-for-ingest',
    breaks: 'KEYS-NOT-INGEST',
    description: 'An API key works as an ingest token for env "default".',
    parts: () => ({ createTokenStore: apiKeysAsTokens() }),
  },
  {
    name: 'token-accepted-as-reader-key',
    breaks: 'TOKENS-NOT-READ',
    description: 'The REST API accepts an ingest token as a reader key.',
    parts: () => ({
      createApiKeyStore: (db, secrets) => {
        const inner = createApiKeyStore(db, secrets);
        return {
          ...inner,
          findBySecret: (secret) => {
            const key = inner.findBySecret(secret);
            if (key !== undefined) return key;
            const hash = secrets.hash(secret);
            const token = db.data().tokens.find((t) => t.secretHash === hash);
            return token && { ...token, role: 'reader' as const };
          },
        };
      },
    }),
  },
];
