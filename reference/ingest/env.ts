/** Choice of the env a write lands in. */

import type { TokenRecordView } from '../auth/resolve';
import { heliosError, type HeliosError } from '../errors';
import { DEFAULT_ENV, isValidName } from '../names';

/** Every env the request names, one entry per parameter or header line. */
export interface RequestedEnv {
  query: string[];
  header: string[];
}

export type EnvChoice =
  | { ok: true; env: string }
  | { ok: false; error: HeliosError };

/**
 * Picks the open-path env: `?env=`, else `X-Helios-Env`, else `default`.
 * A repeated or comma-joined value would name several envs, so it is a 400.
 */
export function chooseOpenEnv(requested: RequestedEnv): EnvChoice {
  if (requested.query.length > 1) {
    return invalidEnv('Repeated env parameter; send one env.');
  }
  if (requested.header.length > 1) {
    return invalidEnv('Repeated X-Helios-Env header; send one env.');
  }

  const env = requested.query[0] ?? requested.header[0] ?? DEFAULT_ENV;
  if (env.includes(',')) return invalidEnv(`Env "${env}" names several envs.`);
  if (!isValidName(env)) return invalidEnv(`Invalid env "${env}".`);
  return { ok: true, env };
}

/**
 * Places a token's write in the token's env, whatever the request names:
 * the token pins its env, so another env in the query or header is ignored.
 */
export function chooseTokenEnv(token: TokenRecordView): EnvChoice {
  return { ok: true, env: token.env };
}

/** Alternative to `chooseTokenEnv` that rejects a request naming another env. */
export function rejectOtherTokenEnv(
  token: TokenRecordView,
  requested: RequestedEnv,
): EnvChoice {
  const named = [...requested.query, ...requested.header];
  const other = named.find((env) => env !== token.env);
  if (other === undefined) return { ok: true, env: token.env };

  const message = `The token writes to env "${token.env}", not "${other}".`;
  return { ok: false, error: heliosError('env_conflict', message) };
}

function invalidEnv(message: string): EnvChoice {
  return { ok: false, error: heliosError('invalid_env', message) };
}
