/** The shapes of tokens and API keys in admin responses: never a secret. */

import type { ApiKeyRecord, ApiKeyRole, TokenRecord } from './store/types';

export interface TokenView {
  id: string;
  name: string;
  env: string;
  indexes: string[];
  enabled: boolean;
  last4: string;
  errors: number;
  createdAt: string;
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: ApiKeyRole;
  last4: string;
  createdAt: string;
}

export function tokenView(record: TokenRecord): TokenView {
  return {
    id: record.id,
    name: record.name,
    env: record.env,
    indexes: [...record.indexes],
    enabled: record.enabled,
    last4: record.last4,
    errors: record.errors,
    createdAt: record.createdAt,
  };
}

export function apiKeyView(record: ApiKeyRecord): ApiKeyView {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    last4: record.last4,
    createdAt: record.createdAt,
  };
}
