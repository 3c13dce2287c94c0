/**
 * Types, constants and small helpers of the World, kept apart so that
 * world.ts holds only the scenario's state and operations.
 */

import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type Agent } from 'node:http';

import type {
  AuthorizationValue,
  PresentationId,
  PresentationOptions,
} from './credentials';
import { DEFAULT_INDEX, type EndpointId, type IndexPlace } from './endpoints';
import type { RecordedHeader } from './exchanges';
import type { HttpResult } from './target';

/** The env that open-path requests naming no env are stored in. */
export const DEFAULT_ENV = 'default';

/** Env and index names accepted by the target. */
export const NAME_REGEXP = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Events read back per search; the search API's default maximum. */
export const SEARCH_LIMIT = 1000;

export interface Policy {
  require: boolean;
  apiEnabled: boolean;
  shimsEnabled: boolean;
}

export interface CreatedToken {
  label: string;
  id: string;
  secret: string;
  env: string;
  indexes: string[];
  /** Environment variable that contains the secret in reproductions. */
  variable: string;
}

export interface CreatedKey {
  label: string;
  id: string;
  secret: string;
  role: 'reader' | 'admin';
  variable: string;
}

export interface SearchedEvent {
  env: string;
  index: string;
  source: string;
  tokenId: string | null;
  receivedAt: string;
  event: unknown;
}

/** Credential of a send: a token in a presentation, a raw value or a header. */
export type CredentialSpec =
  | {
      token: string;
      presentation: PresentationId;
      options?: PresentationOptions;
    }
  | { authorization: string | string[]; description: string }
  | { header: AuthorizationValue | AuthorizationValue[] };

export interface SendOptions {
  endpoint: EndpointId;
  count?: number;
  index?: string;
  indexVia?: IndexPlace;
  eventIndex?: (position: number) => string | undefined;
  /** Env named by the request: a label (prefixed) or a literal name. */
  env?: { label?: string; name?: string; via: 'query' | 'header' };
  credential?: CredentialSpec;
  extraQuery?: [string, string][];
  headers?: RecordedHeader[];
  agent?: Agent;
  allowServerError?: boolean;
}

export interface SendRecord {
  endpoint: EndpointId;
  marker: string;
  count: number;
  index: string;
  /** Every env the send could have been stored in. */
  candidateEnvs: string[];
  /** Every index the send could have been stored in. */
  candidateIndexes: string[];
  token?: CreatedToken;
  result: HttpResult;
}

export type ExpectedStatus = number | '2xx' | '4xx';

export function randomName(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)]
    .map((byte) => alphabet[byte % alphabet.length])
    .join('');
}

export function statusText(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

export function matchesStatus(
  status: number,
  expected: ExpectedStatus,
): boolean {
  if (expected === '2xx') {
    return status >= 200 && status < 300;
  }
  if (expected === '4xx') {
    return status >= 400 && status < 500;
  }
  return status === expected;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : {};
}

/** Lists every env and index a send could have been stored in. */
export function candidatePlaces(input: {
  index: string;
  eventIndexes: (string | undefined)[];
  tokenEnvs: string[];
  namedEnv?: string;
}): { envs: string[]; indexes: string[] } {
  const indexes = new Set([input.index, DEFAULT_INDEX]);
  for (const index of input.eventIndexes) {
    if (index !== undefined) indexes.add(index);
  }

  const envs = new Set([DEFAULT_ENV, ...input.tokenEnvs]);
  if (input.namedEnv !== undefined) envs.add(input.namedEnv);

  return { envs: [...envs], indexes: [...indexes] };
}
