// Set-up of the fuzz properties outside cucumber, for the benchmarks: the
// tokens and the policy that the feature's Given steps create through the
// World, made here with plain admin API calls.

import { ENDPOINT_IDS } from '../steps/support/endpoints';
import { FuzzClient } from '../steps/support/fuzz/client';
import { SECRET_ENV_NAMES } from '../steps/support/fuzz/header-case';
import {
  sequenceCounter,
  type FuzzFixture,
} from '../steps/support/fuzz/properties';

async function adminCall(
  url: string,
  adminKey: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(url + path, {
    method,
    headers: {
      Authorization: `Bearer ${adminKey}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path} failed: got ${response.status}`);
  }
  const text = await response.text();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

async function createToken(
  url: string,
  adminKey: string,
  name: string,
  env: string,
): Promise<{ id: string; secret: string }> {
  const created = await adminCall(
    url,
    adminKey,
    'POST',
    '/api/admin/ingest-tokens',
    {
      name,
      env,
    },
  );
  return { id: String(created.id), secret: String(created.secret) };
}

/** Sets require-auth on the target. */
export async function setRequireAuth(
  url: string,
  adminKey: string,
  require: boolean,
): Promise<void> {
  await adminCall(url, adminKey, 'PUT', '/api/admin/ingest-auth', { require });
}

/**
 * Creates an enabled, a disabled and a deleted token in one env and returns
 * the fixture the properties run against.
 */
export async function createFixture(
  url: string,
  adminKey: string,
  prefix: string,
): Promise<FuzzFixture> {
  const tokenEnv = `${prefix}-tokens`;
  const valid = await createToken(url, adminKey, `${prefix}-valid`, tokenEnv);
  const disabled = await createToken(url, adminKey, `${prefix}-off`, tokenEnv);
  const deleted = await createToken(url, adminKey, `${prefix}-gone`, tokenEnv);

  const tokenPath = (id: string) => `/api/admin/ingest-tokens/${id}`;
  await adminCall(url, adminKey, 'PATCH', tokenPath(disabled.id), {
    enabled: false,
  });
  await adminCall(url, adminKey, 'DELETE', tokenPath(deleted.id));

  return {
    client: new FuzzClient(url, adminKey),
    secrets: {
      valid: valid.secret,
      disabled: disabled.secret,
      deleted: deleted.secret,
    },
    secretVariables: SECRET_ENV_NAMES,
    tokenEnv,
    openEnv: `${prefix}-open`,
    endpoints: ENDPOINT_IDS,
    markerPrefix: prefix,
    nextSequence: sequenceCounter(),
  };
}
